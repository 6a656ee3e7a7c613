"""The health forms: an item, a batch received, an issue and a count (each waiting for a
witness), a witness's confirmation, a discrepancy's finding, a help case and its payment.
Each parses, checks access and calls one service."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comuna.census.models import Person
from comuna.core.models import Commune
from comuna.core.once import once_refused
from comuna.core.refusals import Refusal
from comuna.core.tenancy import commune_of
from comuna.core.web import apply, form_page, render, run
from comuna.health import selectors, services
from comuna.health.access import (
    committee_require,
    count_for_witness,
    discrepancy_for_user,
    discrepancy_is_closable,
    dispensation_for_witness,
    helpcase_for_user,
    helpcase_is_payable,
    helpcases_read_require,
)
from comuna.health.forms import (
    BatchForm,
    CountForm,
    FindingForm,
    HelpCaseForm,
    IssueForm,
    ItemForm,
    PayForm,
)
from comuna.health.models import Batch, HelpCase
from comuna.health.views.stock import discrepancy_page, roles
from comuna.users.actors import acting_user, actor_of

_METHODS = ["GET", "POST"]


def _person(commune: Commune, national_id: str) -> Person:
    text = "".join(national_id.split()).upper()
    found = Person.objects.of(commune).filter(national_id__iexact=text).first()
    if found is None:
        raise Refusal(
            _("No one in the census has the ID number %(id)s.") % {"id": text},
            field="national_id",
            code="person",
        )
    return found


def _usable(commune: Commune) -> object:
    today = timezone.localdate()
    return selectors.batches_with_stock(commune).filter(Q(stock__gt=0), expiry__gte=today)


@login_required
@require_http_methods(_METHODS)
def item_create(request: HttpRequest) -> HttpResponse:
    committee_require(actor_of(request))
    form = ItemForm(request.POST or None)

    def create() -> None:
        services.item_create(commune=commune_of(request), **form.cleaned_data)

    if request.method == "POST" and apply(form, create):
        messages.success(request, _("Item added."))
        return redirect("health:index")
    return form_page(request, form, _("New item"), reverse("health:index"))


@login_required
@require_http_methods(_METHODS)
def batch_receive(request: HttpRequest) -> HttpResponse:
    committee_require(actor_of(request))
    commune = commune_of(request)
    form = BatchForm(request.POST or None)
    form.offer(commune)
    done: list[Batch] = []

    def receive() -> None:
        done.append(services.batch_receive(commune=commune, **form.cleaned_data))

    if request.method == "POST" and apply(form, receive):
        messages.success(request, _("Batch received."))
        return redirect("health:batch", pk=done[0].pk)
    return form_page(request, form, _("Receive a batch"), reverse("health:batches"))


@login_required
@require_http_methods(_METHODS)
def issue(request: HttpRequest) -> HttpResponse:
    """The phone page of the one who hands medicine over: it waits for a witness."""
    committee_require(actor_of(request))
    commune = commune_of(request)
    form = IssueForm(request.POST or None)
    form.offer(_usable(commune))

    def record() -> None:
        data = form.cleaned_data
        services.dispensation_record(
            commune=commune,
            batch=data["batch"],
            person=_person(commune, data["national_id"]),
            quantity=data["quantity"],
            prescription=data["prescription"],
            prescriber=data["prescriber"],
            date=data["date"],
            by=acting_user(request),
        )

    if request.method == "POST" and apply(form, record):
        messages.success(
            request, _("Issue recorded: it moves the stock when a witness confirms it.")
        )
        return redirect("health:issue")
    return form_page(
        request,
        form,
        _("Hand over medicine"),
        reverse("health:index"),
        intro=_("A second member of the committee confirms it as witness."),
        submit_label=_("Record the issue"),
    )


@login_required
@require_http_methods(_METHODS)
def count_record(request: HttpRequest) -> HttpResponse:
    committee_require(actor_of(request))
    commune = commune_of(request)
    form = CountForm(request.POST or None)
    form.offer(selectors.batches_with_stock(commune).filter(Q(stock__gt=0)))

    def record() -> None:
        data = form.cleaned_data
        services.count_record(
            commune=commune,
            batch=data["batch"],
            counted=data["counted"],
            date=data["date"],
            by=acting_user(request),
        )

    if request.method == "POST" and apply(form, record):
        messages.success(request, _("Count recorded: a witness confirms it."))
        return redirect("health:counts")
    return form_page(
        request,
        form,
        _("Count a batch"),
        reverse("health:counts"),
        intro=_("A second member of the committee confirms the count as witness."),
    )


@login_required
@require_http_methods(["GET"])
def pending(request: HttpRequest) -> HttpResponse:
    """The witness's phone page: the issues and counts others recorded, to confirm."""
    committee_require(actor_of(request))
    issues, counts = selectors.pending_for(commune_of(request), acting_user(request))
    return render(
        request, "health/pending.html", {"issues": issues, "counts": counts, **roles(request)}
    )


@login_required
@require_POST
def issue_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    row = dispensation_for_witness(actor_of(request), pk)
    run(
        request,
        lambda: services.dispensation_confirm(dispensation=row, by=acting_user(request)),
        _("Confirmed: the stock moved."),
    )
    return redirect("health:pending")


@login_required
@require_POST
def count_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    row = count_for_witness(actor_of(request), pk)
    run(
        request,
        lambda: services.count_confirm(count=row, by=acting_user(request)),
        _("Count confirmed."),
    )
    return redirect("health:pending")


@login_required
@require_POST
def discrepancy_close(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    found = discrepancy_for_user(actor, pk)
    if not discrepancy_is_closable(actor):
        raise PermissionDenied(_("Only the comptroller closes a discrepancy."))
    form = FindingForm(request.POST)

    def close() -> None:
        services.discrepancy_close(
            discrepancy=found, finding=form.cleaned_data["finding"], by=acting_user(request)
        )

    if apply(form, close):
        messages.success(request, _("Discrepancy closed."))
        return redirect("health:discrepancy", pk=pk)
    return discrepancy_page(request, found, form)


@login_required
@require_http_methods(["GET"])
def helpcases(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    helpcases_read_require(actor)
    rows = HelpCase.objects.of(commune_of(request)).select_related("household", "person", "entry")
    return render(
        request,
        "health/helpcases.html",
        {
            "rows": rows,
            "can_pay": helpcase_is_payable(actor),
            "pay_form": PayForm(),
            **roles(request),
        },
    )


@login_required
@require_http_methods(_METHODS)
def helpcase_open(request: HttpRequest) -> HttpResponse:
    committee_require(actor_of(request))
    commune = commune_of(request)
    form = HelpCaseForm(request.POST or None)

    def open_() -> None:
        data = form.cleaned_data
        person = _person(commune, data["national_id"])
        services.helpcase_open(
            commune=commune,
            household=person.household,
            person=person,
            needed=data["needed"],
            amount_cents=int(data["amount"] * Decimal(100)),
            opened_on=data["opened_on"],
        )

    if request.method == "POST" and apply(form, open_):
        messages.success(request, _("Help case recorded: the administrator pays it."))
        return redirect("health:helpcases")
    return form_page(request, form, _("New help case"), reverse("health:helpcases"))


@login_required
@require_POST
def helpcase_pay(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    case = helpcase_for_user(actor, pk)
    if not helpcase_is_payable(actor):
        raise PermissionDenied(_("Only the administrator pays from the emergency fund."))
    form = PayForm(request.POST)
    if form.is_valid():
        run(
            request,
            lambda: services.helpcase_pay(
                case=case, date=form.cleaned_data["date"], by=acting_user(request)
            ),
            _("Paid from the emergency fund."),
        )
    else:
        messages.error(request, _("Give the date of the payment."))
        once_refused(request)
    return redirect("health:helpcases")
