from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from comuna.core.refusals import Refusal
from comuna.core.tenancy import SESSION_KEY
from comuna.core.web import render
from comuna.users.actors import acting_user, actor_of
from comuna.users.forms import TokenForm
from comuna.users.tokens import (
    token_create,
    token_for_user,
    token_revoke,
    tokens_of,
)


class CommuneLoginView(auth_views.LoginView):
    template_name = "users/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        # A commune chosen before logging in (to read its public figures) need not be one of
        # the user's: the next page places them in theirs, or offers the menu.
        self.request.session.pop(SESSION_KEY, None)
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        # As every form sent back with its errors (``core.web.render``): a 400.
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class CommuneLogoutView(auth_views.LogoutView):
    pass


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """One's own API tokens. A new token is shown on this one response and never again."""
    user = acting_user(request)
    form = TokenForm(request.POST or None)
    created = ""
    if request.method == "POST" and form.is_valid():
        try:
            _token, created = token_create(actor=actor_of(request), name=form.cleaned_data["name"])
        except Refusal as error:
            form.add_error("name", error.message)
        else:
            form = TokenForm()
    return render(
        request,
        "users/tokens.html",
        {"form": form, "tokens": tokens_of(user), "created": created},
    )


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = token_for_user(acting_user(request), pk)
    token_revoke(token=token)
    messages.success(request, _("Token %(prefix)s… revoked.") % {"prefix": token.prefix})
    return redirect("users:tokens")
