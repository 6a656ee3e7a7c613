"""Personal API tokens: created, revoked, and turned back into the user who holds them.

A token is shown once, when it is created; the database keeps only its SHA-256, so a copy of
the database does not give anyone a working token. The first eight characters (``prefix``) are
kept in clear so that a person can tell their tokens apart and revoke one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.core.refusals import Refusal
from comuna.users.actors import Actor
from comuna.users.models import ApiToken, User

PREFIX_LENGTH = 8
NAME_MAX_LENGTH = 100  # ApiToken.name
# Recording every use would turn each API read into a write; once a minute is enough to tell
# a token in use from a forgotten one.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, actor: Actor, name: str = "") -> tuple[ApiToken, str]:
    """A new token for the actor's user, to act in the actor's commune as what they are there.
    Returns the row and the plain token, which is never kept."""
    user, commune = actor.user, actor.commune
    if user is None or commune is None:
        raise Refusal(_("A token is made for a user in a commune."))
    if not user.is_active:
        raise Refusal(_("User %(username)s is not active.") % {"username": user.username})
    if not actor.is_member:
        raise Refusal(
            _("%(username)s holds no role in %(commune)s.")
            % {"username": user.username, "commune": commune.name}
        )
    name = " ".join(name.split())
    if len(name) > NAME_MAX_LENGTH:
        raise Refusal(_("The token name is too long."))
    raw = secrets.token_urlsafe(32)
    while raw.startswith("-"):
        # A prefix that starts with "-" would be read as an option by ``comuna token revoke``.
        raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        commune=commune,
        name=name,
        prefix=raw[:PREFIX_LENGTH],
        digest=token_digest(raw),
    )
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken) -> None:
    """Revoke a token: its row is deleted, so the token stops working at once."""
    ApiToken.objects.filter(pk=token.pk).delete()


@transaction.atomic
def token_touch(*, token: ApiToken, now: dt.datetime | None = None) -> None:
    """Record that the token was used, at most once per ``LAST_USED_RESOLUTION``."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    token.last_used_at = now
    token.save(update_fields=["last_used_at"])


def token_for_raw(raw: str) -> ApiToken | None:
    """The token of an active user, or ``None`` for an unknown or revoked one."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        token = ApiToken.objects.select_related("user", "commune").get(
            digest=token_digest(raw), user__is_active=True
        )
    except ApiToken.DoesNotExist:
        return None
    token_touch(token=token)
    return token


def user_for_token(raw: str) -> User | None:
    """The active user who holds this token, or ``None``."""
    token = token_for_raw(raw)
    return token.user if token is not None else None


def token_for_user(user: User, token_id: int) -> ApiToken:
    """One of the user's own tokens; anyone else's answers 404, as for any record."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise Http404(_("No such token among yours."))
    return token


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return (
        ApiToken.objects.filter(user=user).select_related("commune").order_by("-created_at", "-id")
    )


def tokens_with_prefix(prefix: str) -> QuerySet[ApiToken]:
    return ApiToken.objects.select_related("user").filter(prefix=prefix.strip()[:PREFIX_LENGTH])
