"""The core's writes: creating a commune, with everything each app keeps for it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from comuna.core import hooks
from comuna.core.models import Commune
from comuna.core.refusals import Refusal


def _check(code: str, name: str, hostname: str) -> tuple[str, str, str]:
    code, name, hostname = code.strip().lower(), " ".join(name.split()), hostname.strip().lower()
    try:
        validate_slug(code)
    except ValidationError:
        raise Refusal(
            _("“%(code)s” is not a code: use letters, digits and hyphens.") % {"code": code},
            field="code",
        ) from None
    if not name:
        raise Refusal(_("Give the commune's name."), field="name")
    if Commune.objects.filter(code=code).exists():
        raise Refusal(
            _("There is already a commune with code %(code)s.") % {"code": code},
            field="code",
            code="duplicate",
        )
    if hostname and Commune.objects.filter(hostname=hostname).exists():
        raise Refusal(
            _("Another commune answers at %(host)s.") % {"host": hostname}, field="hostname"
        )
    return code, name, hostname


def commune_create(
    *,
    code: str,
    name: str,
    municipality: str = "",
    state: str = "",
    hostname: str = "",
    is_demo: bool = False,
) -> Commune:
    """Create a commune and run every "commune created" hook (``comuna.core.hooks``) in the
    same transaction: the ledger opens its chart of accounts. A code or host name already
    taken is refused and creates nothing."""
    code, name, hostname = _check(code, name, hostname)
    try:
        with transaction.atomic():
            commune = Commune.objects.create(
                code=code,
                name=name,
                municipality=municipality.strip(),
                state=state.strip(),
                hostname=hostname,
                is_demo=is_demo,
            )
            hooks.commune_created_run(commune)
            return commune
    except IntegrityError:  # the same code created at the same moment
        raise Refusal(
            _("There is already a commune with code %(code)s.") % {"code": code},
            field="code",
            code="duplicate",
        ) from None
