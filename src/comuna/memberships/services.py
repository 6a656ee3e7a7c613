"""Granting and revoking memberships: who holds which role in a commune."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from comuna.census.models import Council, Household
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.governance.models import Organ
from comuna.memberships.models import Membership
from comuna.users.models import Role, User


def _check_scope(
    commune: Commune,
    role: Role,
    council: Council | None,
    household: Household | None,
    organ: Organ | None,
) -> None:
    for scope, field in ((council, "council"), (household, "household"), (organ, "organ")):
        if scope is not None and scope.commune_id != commune.pk:
            raise Refusal(_("That belongs to another commune."), field=field, code="other_commune")
    if role == Role.SPOKESPERSON and council is None:
        raise Refusal(_("A spokesperson speaks for a council: choose it."), field="council")
    if role == Role.RESIDENT and household is None:
        raise Refusal(_("A resident lives in a household: give its code."), field="household")


@transaction.atomic
def membership_grant(
    *,
    commune: Commune,
    user: User,
    role: Role,
    council: Council | None = None,
    household: Household | None = None,
    organ: Organ | None = None,
    granted_by: User | None = None,
) -> Membership:
    """Give ``user`` the ``role`` in ``commune`` (over a council, household or organ)."""
    _check_scope(commune, role, council, household, organ)
    if not user.is_active:
        raise Refusal(_("User %(username)s is not active.") % {"username": user.username})
    duplicate = Membership.objects.of(commune).filter(
        user=user, role=role, council=council, household=household, organ=organ
    )
    if duplicate.exists():
        raise Refusal(
            _("%(username)s already holds that role.") % {"username": user.username},
            code="duplicate",
            status=409,
        )
    try:
        with transaction.atomic():
            return Membership.objects.create(
                commune=commune,
                user=user,
                role=role,
                council=council,
                household=household,
                organ=organ,
                granted_by=granted_by,
            )
    except IntegrityError:  # the same grant, sent twice at once
        raise Refusal(
            _("%(username)s already holds that role.") % {"username": user.username},
            code="duplicate",
            status=409,
        ) from None


@transaction.atomic
def membership_revoke(*, membership: Membership, revoked_by: User | None = None) -> None:
    """End a membership: the user loses that role at once (a mandate is revocable)."""
    if (
        membership.role == Role.ADMIN
        and not Membership.objects.of(membership.commune_id)
        .filter(role=Role.ADMIN)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise Refusal(
            _("The commune's last administrator cannot be removed: name another one first."),
            code="last_admin",
        )
    Membership.objects.of(membership.commune_id).filter(pk=membership.pk).delete()


@transaction.atomic
def user_create(*, username: str, password: str, first_name: str = "", last_name: str = "") -> User:
    """A new login, with no role anywhere until a membership gives it one."""
    username = username.strip()
    if not username:
        raise Refusal(_("Give a user name."), field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise Refusal(
            _("The user name %(username)s is taken.") % {"username": username}, field="username"
        )
    return User.objects.create_user(
        username=username, password=password, first_name=first_name, last_name=last_name
    )
