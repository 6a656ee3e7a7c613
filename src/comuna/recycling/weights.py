"""Weights as the yard reads them: kilograms, without the grams' trailing zeros."""

from __future__ import annotations

from comuna.engines.ledger import format_amount


def kg_text(grams: int) -> str:
    """``30000`` → ``30``, ``30500`` → ``30,5`` (in Spanish), ``1234567`` → ``1.234,567``.

    ``format_amount`` always writes a kilogram's three decimals; the last separator is the
    decimal one, and the zeros after it say nothing to the person at the scale.
    """
    text = format_amount(int(grams), "KG")
    if len(text) > 4 and text[-4] in ",.":
        whole, decimals = text[:-4], text[-3:].rstrip("0")
        return f"{whole}{text[-4]}{decimals}" if decimals else whole
    return text
