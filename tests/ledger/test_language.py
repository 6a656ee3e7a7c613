"""The books in each reader's language: the standard chart and the units are keys shown
translated; what the code writes into the journal is kept in the commune's language."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from comuna.core.models import Commune
from comuna.ledger import chart
from comuna.ledger.forms import TransferForm
from comuna.ledger.models import Account


def test_a_standard_account_reads_in_the_readers_language(commune: Commune) -> None:
    account = Account.objects.of(commune).get(code=chart.EMERGENCY_FUND)
    with translation.override("es"):
        assert str(account) == "1.3.02 Fondo de emergencia"  # a select's label
    with translation.override("en"):
        assert str(account) == "1.3.02 Emergency fund"


def test_units_of_goods_are_words_and_currencies_codes() -> None:
    shown = Template('{% load ledger %}{{ "BAG"|unit }} {{ "CYL"|unit }} {{ "VES"|unit }}')
    with translation.override("es"):
        assert shown.render(Context()) == "bolsas bombonas VES"
    with translation.override("en"):
        assert shown.render(Context()) == "bags cylinders VES"


def test_the_transfer_forms_accounts_name_their_unit_in_words(commune: Commune) -> None:
    with translation.override("es"):
        form = TransferForm(accounts=Account.objects.of(commune))
        labels = dict(form.fields["debit"].choices)  # type: ignore[attr-defined]
    bags = next(label for label in labels.values() if label.endswith("(bolsas)"))
    assert "BAG" not in bags and "bolsas de comida" in bags.lower()
