"""The chart of accounts: opening a new account in a commune's chart."""

from __future__ import annotations

import re

from django.db import IntegrityError
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.engines import ledger as engine
from comuna.ledger import models
from comuna.ledger.errors import refusal_from_engine
from comuna.ledger.services.posting import posting_lock

# Codes are groups of digits separated by dots, and the first digit says the kind (see
# ``comuna.ledger.chart``); the engine accepts letters too, the commune's chart does not.
_ACCOUNT_CODE = re.compile(r"[0-9]{1,4}(?:\.[0-9]{1,4}){0,5}")
_KIND_DIGIT = {
    models.AccountKind.ASSET: "1",
    models.AccountKind.LIABILITY: "2",
    models.AccountKind.FUND: "3",
    models.AccountKind.INCOME: "4",
    models.AccountKind.EXPENSE: "5",
}


def account_open(
    *,
    commune: Commune,
    code: str,
    name: str,
    kind: str,
    unit: str,
    floor: int | None = None,
) -> models.Account:
    """Open a new account in the commune's chart, through the engine (``Ledger.open_account``).

    ``floor`` 0 means "never below zero" (as every standard asset); ``None`` means no floor.
    Refused (Refusal, nothing opened) on a code that is not digit groups separated by
    dots, a first digit that does not match the kind, a code already in the chart, an empty
    name, an unknown kind or an unknown unit. Takes the commune's posting lock, so that the
    chart does not change under a posting.
    """
    code, name, unit = code.strip(), " ".join(name.split()), unit.strip().upper()
    if not _ACCOUNT_CODE.fullmatch(code):
        raise Refusal(
            _(
                "“%(code)s” is not an account code: write digit groups separated by dots, "
                "such as 2.1.02."
            )
            % {"code": code},
            code="invalid_account",
            field="code",
        )
    if kind not in models.AccountKind.values:
        raise Refusal(_("Choose the kind of account."), code="invalid_account", field="kind")
    account_kind = models.AccountKind(kind)
    if not code.startswith(_KIND_DIGIT[account_kind]):
        raise Refusal(
            _("The code of an account of kind “%(kind)s” starts with %(digit)s.")
            % {"kind": account_kind.label, "digit": _KIND_DIGIT[account_kind]},
            code="invalid_account",
            field="code",
        )
    if not name:
        raise Refusal(_("Name the account."), code="invalid_account", field="name")
    try:
        with posting_lock(commune) as ledger:
            ledger.open_account(
                engine.Account(
                    code=code,
                    name=name,
                    kind=engine.AccountKind(kind),
                    unit=unit,
                    floor=floor,
                )
            )
            return models.Account.objects.of(commune).get(code=code)
    except engine.LedgerError as error:
        raise refusal_from_engine(error) from None
    except IntegrityError:
        raise Refusal(
            _("There is already an account %(code)s in the chart.") % {"code": code},
            code="account_exists",
            field="code",
        ) from None
