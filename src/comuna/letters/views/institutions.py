"""The institutions: how each answers the commune's letters (for those who read letters), and
the public page with the same counts, which names no person."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.core.charts import bar_chart
from comuna.core.tenancy import commune_of
from comuna.core.web import apply, render
from comuna.letters import access, services
from comuna.letters.forms import InstitutionForm
from comuna.letters.selectors import InstitutionRecord, institution_records
from comuna.users.actors import actor_of


def _charts(records: list[InstitutionRecord]) -> dict[str, object]:
    return {
        "records": records,
        "sent_chart": bar_chart([(r.institution.name, r.sent) for r in records]),
        "days_chart": bar_chart(
            [(r.institution.name, r.median_days or 0) for r in records if r.answered]
        ),
    }


@login_required
def institution_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    access.letters_read_require(actor)
    return render(
        request,
        "letters/institutions.html",
        _charts(institution_records(commune_of(request))),
    )


@login_required
@require_http_methods(["GET", "POST"])
def institution_create(request: HttpRequest) -> HttpResponse:
    access.letters_write_require(actor_of(request))
    form = InstitutionForm(request.POST or None)
    back = reverse("letters:institutions")
    if request.method == "POST" and apply(
        form,
        lambda: services.institution_create(commune=commune_of(request), **form.cleaned_data),
    ):
        messages.success(request, _("The institution is added."))
        return redirect(back)
    return render(
        request, "core/form.html", {"form": form, "title": _("New institution"), "back": back}
    )


@login_required
@require_http_methods(["GET", "POST"])
def institution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    institution = access.institution_for_user(actor_of(request), pk, write=True)
    form = InstitutionForm(
        request.POST or None,
        initial={
            "name": institution.name,
            "kind": institution.kind,
            "address": institution.address,
            "contact": institution.contact,
        },
    )
    back = reverse("letters:institutions")
    if request.method == "POST" and apply(
        form, lambda: services.institution_update(institution=institution, **form.cleaned_data)
    ):
        messages.success(request, _("Saved."))
        return redirect(back)
    return render(
        request, "core/form.html", {"form": form, "title": institution.name, "back": back}
    )


def public(request: HttpRequest) -> HttpResponse:
    """For anyone, with no login: per institution, letters sent, answered and days to answer.
    No letter's text, no incident's place, no person."""
    return render(request, "letters/public.html", _charts(institution_records(commune_of(request))))
