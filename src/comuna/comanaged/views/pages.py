"""The pages of the co-managed enterprises: the list, an enterprise, its board, its results
and the rule applied with a preview, a commune's report (with a chart and a PDF), the
transition plan, and the public aggregates. Views only parse, authorise and call."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comuna.comanaged import selectors, services
from comuna.comanaged.access import (
    comanaged_are_listed,
    comanaged_are_registered,
    comanaged_for_user,
    comanaged_reachable,
    report_for_user,
    require_registered,
)
from comuna.comanaged.documents import report_pdf
from comuna.comanaged.forms import (
    CompleteForm,
    RegisterForm,
    ResultForm,
    SeatForm,
    ServedForm,
    StageForm,
    basis_points,
)
from comuna.comanaged.models import PeriodResult, TransitionStage
from comuna.core.charts import bar_chart
from comuna.core.models import Commune
from comuna.core.tenancy import commune_of
from comuna.core.web import apply, form_page, pdf_response, render, run
from comuna.governance.models import Decision, OrganKind
from comuna.users.actors import acting_user, actor_of


def public(request: HttpRequest) -> HttpResponse:
    rows = selectors.public_rows(commune_of(request))
    return render(request, "comanaged/public.html", {"rows": rows})


def index(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    return render(
        request,
        "comanaged/index.html",
        {
            "reaches": comanaged_reachable(actor) if comanaged_are_listed(actor) else [],
            "listed": comanaged_are_listed(actor),
            "register": comanaged_are_registered(actor),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    require_registered(actor)
    form = RegisterForm(request.POST or None)
    done = []

    def act() -> None:
        data = form.cleaned_data
        done.append(
            services.comanaged_register(
                commune=commune_of(request),
                name=data["name"],
                activity=data["activity"],
                registered_on=data["registered_on"],
                fund_basis_points=basis_points(data["fund_percent"]),
                served=form.served(),
            )
        )

    if request.method == "POST" and apply(form, act):
        messages.success(request, _("Enterprise registered."))
        return redirect("comanaged:detail", pk=done[0].pk)
    return form_page(
        request, form, _("Register a co-managed enterprise"), reverse("comanaged:index")
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    reach = comanaged_for_user(actor_of(request), pk)
    comanaged = reach.comanaged
    return render(
        request,
        "comanaged/detail.html",
        {
            "reach": reach,
            "c": comanaged,
            "served": selectors.served_of(comanaged),
            "balance": selectors.board_balance(comanaged),
            "reports": reach.report_communes(),
            "served_form": ServedForm() if reach.manage else None,
        },
    )


@login_required
@require_POST
def served_add(request: HttpRequest, pk: int) -> HttpResponse:
    reach = comanaged_for_user(actor_of(request), pk, manage=True)
    form = ServedForm(request.POST)

    def act() -> None:
        services.served_commune_add(
            comanaged=reach.comanaged,
            served=form.cleaned_data["served"],
            basis_points=basis_points(form.cleaned_data["percent"]),
        )

    if apply(form, act):
        messages.success(request, _("Commune added."))
        return redirect("comanaged:detail", pk=pk)
    return form_page(
        request, form, _("Add a commune served"), reverse("comanaged:detail", args=[pk])
    )


@login_required
@require_http_methods(["GET", "POST"])
def board(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    reach = comanaged_for_user(actor, pk)
    comanaged = reach.comanaged
    communes = [row.served for row in selectors.served_of(comanaged)]
    form = None
    if reach.manage:
        form = SeatForm(
            request.POST or None, communes=Commune.objects.filter(pk__in=[c.pk for c in communes])
        )
    if request.method == "POST":
        reach = comanaged_for_user(actor, pk, manage=True)

        def act() -> None:
            assert form is not None  # noqa: S101 - manage checked above
            data = form.cleaned_data
            services.board_seat_add(
                comanaged=comanaged,
                title=data["title"],
                side=data["side"],
                represents=data["represents"],
                institution=data["institution"],
                outside_holder=data["outside_holder"],
                by=acting_user(request),
            )

        if form is not None and apply(form, act):
            messages.success(request, _("Seat added."))
            return redirect("comanaged:board", pk=pk)
    return render(
        request,
        "comanaged/board.html",
        {
            "reach": reach,
            "c": comanaged,
            "seats": selectors.seats_of(comanaged),
            "balance": selectors.board_balance(comanaged),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def results(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    reach = comanaged_for_user(actor, pk)
    comanaged = reach.comanaged
    form = ResultForm(request.POST or None) if reach.record else None
    if request.method == "POST":
        comanaged_for_user(actor, pk, record=True)
        done: list[PeriodResult] = []

        def act() -> None:
            assert form is not None  # noqa: S101 - record checked above
            data = form.cleaned_data
            done.append(
                services.result_record(
                    comanaged=comanaged,
                    kind=data["kind"],
                    start=data["start"],
                    income=data["income"],
                    wages=data["wages"],
                    maintenance=data["maintenance"],
                    materials=data["materials"],
                    by=acting_user(request),
                )
            )

        if form is not None and apply(form, act):
            messages.success(request, _("Results recorded: check the preview, then share them."))
            return redirect("comanaged:result", pk=pk, result=done[0].pk)
    rows = selectors.results_of(comanaged)
    return render(
        request,
        "comanaged/results.html",
        {"reach": reach, "c": comanaged, "rows": rows, "form": form},
    )


def _result(reach_pk: int, request: HttpRequest, result: int, **need: bool) -> tuple:  # type: ignore[type-arg]
    reach = comanaged_for_user(actor_of(request), reach_pk, **need)
    row = selectors.results_of(reach.comanaged).filter(pk=result).first()
    if row is None:
        raise Http404(_("No such period."))
    return reach, row


@login_required
def result(request: HttpRequest, pk: int, result: int) -> HttpResponse:
    """A period's results and the rule applied to them: the preview before, the postings
    after. Only the host sees every commune's share."""
    reach, row = _result(pk, request, result)
    preview = None if row.applied else services.rule_preview(row)
    shares = row.shares.select_related("served") if reach.host else None
    return render(
        request,
        "comanaged/result.html",
        {"reach": reach, "c": reach.comanaged, "row": row, "preview": preview, "shares": shares},
    )


@login_required
@require_POST
def result_apply(request: HttpRequest, pk: int, result: int) -> HttpResponse:
    reach, row = _result(pk, request, result, apply=True)
    run(
        request,
        lambda: services.result_apply(result=row, by=acting_user(request).get_username()),
        _("The surplus was shared and posted to every commune's books."),
    )
    return redirect("comanaged:result", pk=pk, result=row.pk)


@login_required
def report(request: HttpRequest, pk: int, commune: int) -> HttpResponse:
    reach, served = report_for_user(actor_of(request), pk, commune)
    rows = list(selectors.report_of(reach.comanaged, served))
    chart = bar_chart([(f"{r.result.start:%Y-%m}", r.amount // 100) for r in rows])
    return render(
        request,
        "comanaged/report.html",
        {
            "reach": reach,
            "c": reach.comanaged,
            "served": served,
            "rows": rows,
            "total": sum(r.amount for r in rows),
            "chart": chart,
        },
    )


@login_required
def report_print(request: HttpRequest, pk: int, commune: int) -> HttpResponse:
    reach, served = report_for_user(actor_of(request), pk, commune)
    rows = list(selectors.report_of(reach.comanaged, served))
    return pdf_response(
        report_pdf(reach.comanaged, served, rows), f"epsic-{reach.comanaged.pk}-{served.code}.pdf"
    )


def _decisions(request: HttpRequest) -> object:
    return (
        Decision.objects.of(commune_of(request))
        .filter(proposal__meeting__organ__kind__in=[OrganKind.PARLIAMENT, OrganKind.ASSEMBLY])
        .order_by("-decided_on")
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    reach = comanaged_for_user(actor, pk)
    comanaged = reach.comanaged
    form = StageForm(request.POST or None) if reach.manage else None
    if request.method == "POST":
        comanaged_for_user(actor, pk, manage=True)

        def act() -> None:
            assert form is not None  # noqa: S101 - manage checked above
            data = form.cleaned_data
            services.stage_add(
                comanaged=comanaged,
                title=data["title"],
                condition=data["condition"],
                target_date=data["target_date"],
                community_seats=data["community_seats"],
            )

        if form is not None and apply(form, act):
            messages.success(request, _("Stage added to the plan."))
            return redirect("comanaged:plan", pk=pk)
    return render(
        request,
        "comanaged/plan.html",
        {
            "reach": reach,
            "c": comanaged,
            "stages": selectors.stages_of(comanaged),
            "held": services.community_seats_held(comanaged),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def stage_complete(request: HttpRequest, pk: int, stage: int) -> HttpResponse:
    reach = comanaged_for_user(actor_of(request), pk, manage=True)
    row = (
        TransitionStage.objects.of(reach.comanaged.commune_id)
        .filter(comanaged=reach.comanaged, pk=stage)
        .first()
    )
    if row is None:
        raise Http404(_("No such stage."))
    form = CompleteForm(request.POST or None, decisions=_decisions(request))

    def act() -> None:
        data = form.cleaned_data
        services.stage_complete(stage=row, decision=data["decision"], on=data["on"])

    if request.method == "POST" and apply(form, act):
        messages.success(request, _("Stage completed."))
        return redirect("comanaged:plan", pk=pk)
    return form_page(
        request,
        form,
        _("Complete the stage “%(stage)s”") % {"stage": row.title},
        reverse("comanaged:plan", args=[pk]),
        intro=_(
            "A stage is completed only with the decision of the parliament or an assembly "
            "that approves it."
        ),
    )
