"""The comptroller's findings: the list, for whoever reads the books, and the form to record
one, for the comptroller."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.core.web import apply, render
from comuna.ledger import services
from comuna.ledger.access import records_findings, require_books_read, require_findings
from comuna.ledger.forms import FindingForm
from comuna.ledger.models import Finding
from comuna.ledger.views.base import the_commune
from comuna.users.actors import actor_of


@login_required
@require_http_methods(["GET", "POST"])
def findings(request: HttpRequest) -> HttpResponse:
    commune = the_commune(request)
    actor = actor_of(request)
    user = require_findings(actor) if request.method == "POST" else require_books_read(actor)
    form = FindingForm(request.POST or None)
    if request.method == "POST" and apply(
        form, lambda: services.finding_record(commune=commune, by=user, **form.cleaned_data)
    ):
        messages.success(request, _("The finding is recorded."))
        return redirect("ledger:findings")
    return render(
        request,
        "ledger/findings.html",
        {
            "findings": Finding.objects.of(commune).select_related("recorded_by"),
            "form": form if records_findings(actor) else None,
        },
    )
