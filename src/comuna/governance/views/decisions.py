"""Following up decisions: status, what happened, the ledger entries spent on them; and the
public page where anyone can see how each organ keeps its word."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comuna.core.charts import bar_chart
from comuna.core.tenancy import commune_of
from comuna.core.web import apply, form_errors_flash, render
from comuna.governance import services
from comuna.governance.access import decision_for_user, decision_is_editable, decisions_readable
from comuna.governance.forms import DecisionStatusForm, SpendingForm
from comuna.governance.models import Decision, DecisionStatus
from comuna.governance.selectors import (
    decision_spending_totals,
    decisions_by_status,
    decisions_listed,
    decisions_progress_by_organ,
)
from comuna.users.actors import acting_user, actor_of


def _overview(decisions: QuerySet[Decision]) -> dict[str, object]:
    by_status = decisions_by_status(decisions)
    return {
        "by_status": by_status,
        "chart": bar_chart([(label, count) for _value, label, count in by_status]),
        "by_organ": decisions_progress_by_organ(decisions),
        "today": timezone.localdate(),
    }


@login_required
def decisions(request: HttpRequest) -> HttpResponse:
    listed = decisions_readable(actor_of(request))
    status = request.GET.get("status", "")
    shown = listed.filter(status=status) if status in DecisionStatus.values else listed
    page = Paginator(decisions_listed(shown).order_by("-decided_on", "-pk"), 50)
    return render(
        request,
        "governance/decisions.html",
        {
            **_overview(listed),
            "page": page.get_page(request.GET.get("page")),
            "status": status,
            "statuses": DecisionStatus.choices,
        },
    )


def public_decisions(request: HttpRequest) -> HttpResponse:
    """For anyone, with no login: what was decided and how far it has got. No names: an
    election or a recall is shown by its kind, not by whom it concerned."""
    listed = Decision.objects.of(commune_of(request))
    page = Paginator(decisions_listed(listed).order_by("-decided_on", "-pk"), 50)
    return render(
        request,
        "governance/public_decisions.html",
        {**_overview(listed), "page": page.get_page(request.GET.get("page"))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    decision = decision_for_user(actor, pk, write=request.method == "POST")
    form = DecisionStatusForm(request.POST or None, initial={"status": decision.status})
    if request.method == "POST" and apply(
        form,
        lambda: services.decision_update_status(
            decision=decision, by=acting_user(request), **form.cleaned_data
        ),
    ):
        messages.success(request, _("Follow-up recorded."))
        return redirect(decision)
    return render(
        request,
        "governance/decision.html",
        {
            "decision": decision,
            "updates": decision.updates.select_related("recorded_by"),
            "spending": decision.spending.all(),
            "totals": decision_spending_totals(decision),
            "can_edit": decision_is_editable(actor, decision),
            "form": form,
            "spending_form": SpendingForm(),
        },
    )


@login_required
@require_POST
def decision_spending(request: HttpRequest, pk: int) -> HttpResponse:
    decision = decision_for_user(actor_of(request), pk, write=True)
    form = SpendingForm(request.POST)
    if apply(
        form,
        lambda: services.decision_spending_link(
            decision=decision, by=acting_user(request), **form.cleaned_data
        ),
    ):
        messages.success(request, _("Ledger entry linked to the decision."))
    else:
        form_errors_flash(request, form)
    return redirect(decision)
