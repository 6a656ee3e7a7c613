"""The exchange's pages: the index with the units of account, agreements, obligations and
clearing runs (each commune reads those of its parties), and the federation's forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.clearing import selectors, services
from comuna.clearing.access import (
    agreement_for,
    agreements_readable,
    exchange_read_require,
    federation_require,
    is_federation,
    obligation_for,
    obligations_are_recordable,
    obligations_readable,
    obligations_record_require,
    positions_readable,
    run_for,
    runs_readable,
)
from comuna.clearing.forms import AgreementForm, ObligationForm, RunForm, UnitForm
from comuna.clearing.models import Obligation
from comuna.core.charts import Pair, paired_bar_chart
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.web import apply, form_page, render
from comuna.engines.ledger import format_amount
from comuna.users.actors import acting_user, actor_of
from comuna.users.models import User


def _own_communes(request: HttpRequest) -> QuerySet[Commune]:
    """The communes whose parties the reader records for: its own (all, for the federation)."""
    actor = actor_of(request)
    if is_federation(actor):
        return Commune.objects.all()
    if actor.commune is None:
        return Commune.objects.none()
    return Commune.objects.filter(pk=actor.commune.pk)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    exchange_read_require(actor)
    return render(
        request,
        "clearing/index.html",
        {
            "units": selectors.units_list(),
            "federation": is_federation(actor),
            "may_record": obligations_are_recordable(actor),
            "open_count": obligations_readable(actor).filter(cleared__lt=_amount()).count(),
            "runs": runs_readable(actor).select_related("unit")[:5],
        },
    )


def _amount() -> F:
    return F("amount")


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest) -> HttpResponse:
    federation_require(actor_of(request))
    form = UnitForm(request.POST or None)

    def record() -> None:
        services.unit_of_account_define(**form.cleaned_data, by=acting_user(request))

    if request.method == "POST" and apply(form, record):
        messages.success(request, _("Unit of account defined."))
        return redirect("clearing:index")
    return form_page(request, form, _("Define a unit of account"), reverse("clearing:index"))


@login_required
def agreements(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    exchange_read_require(actor)
    shown = agreements_readable(actor).select_related("first", "second", "unit")[:200]
    return render(
        request,
        "clearing/agreements.html",
        {"agreements": shown, "may_record": obligations_are_recordable(actor)},
    )


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    agreement = agreement_for(actor, pk)
    shown = selectors.obligations_list(obligations_readable(actor).filter(agreement=agreement))
    return render(
        request, "clearing/agreement.html", {"agreement": agreement, "obligations": shown}
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    obligations_record_require(actor)
    form = AgreementForm(request.POST or None)
    form.offer(selectors.party_candidates(_own_communes(request)))
    done = []

    def record() -> None:
        data = form.cleaned_data
        done.append(
            services.agreement_record(
                first=services.party_of_key(data["first"]),
                second=services.party_of_reference(data["second"], field="second"),
                kind=data["kind"],
                unit=data["unit"],
                first_gives=data["first_gives"],
                second_gives=data["second_gives"],
                signed_on=data["signed_on"],
                by=acting_user(request),
            )
        )

    if request.method == "POST" and apply(form, record):
        messages.success(request, _("Agreement recorded."))
        return redirect("clearing:agreement", pk=done[0].pk)
    return form_page(request, form, _("Record an agreement"), reverse("clearing:agreements"))


@login_required
def obligations(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    exchange_read_require(actor)
    shown = selectors.obligations_list(obligations_readable(actor))
    status = request.GET.get("estado", "")
    if status == "abiertas":
        shown = shown.filter(cleared__lt=_amount())
    return render(
        request,
        "clearing/obligations.html",
        {
            "obligations": shown[:500],
            "status": status,
            "may_record": obligations_are_recordable(actor),
        },
    )


@login_required
def obligation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    obligation = obligation_for(actor, pk)
    lines = obligation.clearings.select_related("run").order_by("run__run_at")
    return render(request, "clearing/obligation.html", {"obligation": obligation, "lines": lines})


@login_required
@require_http_methods(["GET", "POST"])
def obligation_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    obligations_record_require(actor)
    form = ObligationForm(request.POST or None)
    form.offer(selectors.party_candidates(_own_communes(request)), agreements_readable(actor))
    done: list[Obligation] = []

    def record() -> None:
        data = form.cleaned_data
        debtor = services.party_of_key(data["debtor"])
        if not is_federation(actor) and debtor.commune_id != (actor.commune and actor.commune.pk):
            raise Refusal(_("The debtor must be of your commune."), field="debtor")
        done.append(
            services.obligation_record(
                debtor=debtor,
                creditor=services.party_of_reference(data["creditor"], field="creditor"),
                amount=data["amount"],
                unit=data["unit"],
                arose_on=data["arose_on"],
                due_on=data["due_on"],
                what=data["what"],
                agreement=data["agreement"],
                by=acting_user(request),
            )
        )

    if request.method == "POST" and apply(form, record):
        messages.success(request, _("Obligation recorded in both parties' books."))
        return redirect("clearing:obligation", pk=done[0].pk)
    return form_page(request, form, _("Record an obligation"), reverse("clearing:obligations"))


@login_required
def runs(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    exchange_read_require(actor)
    return render(
        request,
        "clearing/runs.html",
        {
            "runs": runs_readable(actor).select_related("unit")[:200],
            "federation": is_federation(actor),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def run_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    federation_require(actor)
    form = RunForm(request.POST or None)
    done = []
    user: User = acting_user(request)

    def record() -> None:
        done.append(
            services.clearing_run(
                unit=form.cleaned_data["unit"], day=form.cleaned_data["day"], by=user
            )
        )

    if request.method == "POST" and apply(form, record):
        messages.success(request, _("Clearing run: the entries are in every party's books."))
        return redirect("clearing:run", pk=done[0].pk)
    previews = []
    for unit in selectors.units_list():
        preview = services.clearing_preview(unit)
        if preview.total_debt:
            previews.append((unit, preview))
    return form_page(
        request,
        form,
        _("Run a clearing"),
        reverse("clearing:runs"),
        template="clearing/run_form.html",
        previews=previews,
    )


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    run = run_for(actor, pk)
    positions = list(selectors.positions_of(positions_readable(actor, run)))
    lines = selectors.run_lines(run, obligations_readable(actor))
    unit = run.unit.books_unit
    chart = paired_bar_chart(
        [
            (
                str(_("Owed by each party")),
                [
                    Pair(
                        label=p.party.name,
                        first=p.payable_before,
                        second=p.payable_after,
                        first_text=format_amount(p.payable_before, unit),
                        second_text=format_amount(p.payable_after, unit),
                    )
                    for p in positions
                ],
            )
        ]
    )
    return render(
        request,
        "clearing/run.html",
        {
            "run": run,
            "positions": positions,
            "lines": lines,
            "chart": chart,
            "unit": unit,
            "federation": is_federation(actor),
        },
    )
