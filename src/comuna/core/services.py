"""The core's writes: creating a commune, with everything each app keeps for it; its
settings (its name, the address phones reach it at)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit
from uuid import UUID

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
    uuid: UUID | None = None,
) -> Commune:
    """Create a commune and run every "commune created" hook (``comuna.core.hooks``) in the
    same transaction: the ledger opens its chart of accounts. A code or host name already
    taken is refused and creates nothing. ``uuid`` keeps the id the commune already has
    elsewhere (its laptop's, when a federation server accepts its registration); a new one is
    made when it is not given."""
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
                **({"uuid": uuid} if uuid is not None else {}),
            )
            hooks.commune_created_run(commune)
            return commune
    except IntegrityError:  # the same code created at the same moment
        raise Refusal(
            _("There is already a commune with code %(code)s.") % {"code": code},
            field="code",
            code="duplicate",
        ) from None


PUBLIC_URL_MAX = 200


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def public_url_check(url: str) -> str:
    """The address phones use, as stored: ``http(s)://host[:port]`` without a trailing slash;
    empty stays empty (not set). Refused: anything else than an http(s) address of a host, a
    path, a query, a name and password, and this computer's own addresses (127.0.0.1,
    localhost, 0.0.0.0), which on a phone lead to the phone itself."""
    url = url.strip()
    if not url:
        return ""
    example = "http://192.168.1.10:8000"
    if "://" not in url:
        url = f"http://{url}"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        parts, port = None, None
    host = parts.hostname if parts is not None else None
    if (
        parts is None
        or parts.scheme not in {"http", "https"}
        or not host
        or parts.username is not None
        or parts.query
        or parts.fragment
        or parts.path not in {"", "/"}
        or len(url) > PUBLIC_URL_MAX
        or any(char.isspace() for char in url)
    ):
        raise Refusal(
            _(
                "“%(value)s” is not an address for phones: write it as %(example)s "
                "(http or https, the computer's address, and the port if not 80)."
            )
            % {"value": url, "example": example},
            field="public_url",
            code="public_url",
        )
    if _is_loopback(host):
        raise Refusal(
            _(
                "%(host)s is this computer itself: a phone that opens it reaches only the "
                "phone. Write the address the computer has on the wifi, e.g. %(example)s "
                "(“comuna serve --lan” prints it)."
            )
            % {"host": host, "example": example},
            field="public_url",
            code="public_url_loopback",
        )
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return f"{parts.scheme}://{netloc.lower()}"


def commune_address_set(*, commune: Commune, public_url: str) -> Commune:
    """Set (or, with an empty one, clear) the address printed in the cards' QR codes."""
    commune.public_url = public_url_check(public_url)
    commune.save(update_fields=["public_url"])
    return commune


@transaction.atomic
def commune_settings_save(*, commune: Commune, name: str, public_url: str) -> Commune:
    """The administrator's settings of the commune: its name and the address for phones."""
    name = " ".join(name.split())
    if not name:
        raise Refusal(_("Give the commune's name."), field="name")
    commune.name = name
    commune.public_url = public_url_check(public_url)
    commune.save(update_fields=["name", "public_url"])
    return commune
