"""Who funds a brigade: posting a month's salaries to the books (the administrator)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.brigades import access, services
from comuna.brigades.forms import SalariesForm
from comuna.core.web import apply, render
from comuna.users.actors import acting_user, actor_of


@login_required
@require_http_methods(["GET", "POST"])
def salaries_post(request: HttpRequest, pk: int) -> HttpResponse:
    brigade = access.brigade_for_user(actor_of(request), pk, edit=True)
    form = SalariesForm(request.POST or None)
    back = reverse("brigades:detail", args=[brigade.pk])

    def post() -> None:
        services.salaries_post(
            brigade=brigade,
            month=form.cleaned_data["month"],
            amount=form.cleaned_data["amount"],
            author=acting_user(request).username,
        )

    if request.method == "POST" and apply(form, post):
        messages.success(request, _("The month's salaries are posted to the books."))
        return redirect(back + "#funding")
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Salaries paid by %(funder)s") % {"funder": brigade.funder or "—"},
            "back": back,
            "submit_label": _("Post to the books"),
        },
    )
