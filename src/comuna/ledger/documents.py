"""The printable statement: what the assembly approves, with the chain head and entry count
that let anyone check later that nothing approved was changed."""

from __future__ import annotations

from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from comuna.core.pdf import WIDTH, document_build, paragraph, signature_lines, table
from comuna.engines.ledger import format_amount
from comuna.ledger.models import Statement

# Code, account, then one or two amounts.
_BALANCE_WIDTHS = [WIDTH * 0.14, WIDTH * 0.46, WIDTH * 0.2, WIDTH * 0.2]
_CHANGE_WIDTHS = [WIDTH * 0.14, WIDTH * 0.66, WIDTH * 0.2]


def _amount(row: dict[str, Any], key: str) -> str:
    return f"{format_amount(int(row[key]), str(row['unit']))} {row['unit']}"


def statement_pdf(statement: Statement) -> bytes:
    """The statement on A4: balances, income and expenses by category, head and count."""
    rows: list[dict[str, Any]] = statement.totals.get("accounts", [])
    story: list[Flowable] = [
        paragraph(_("Statement of accounts: %(label)s") % {"label": statement.label}, "title"),
        paragraph(
            _("Period %(start)s to %(end)s · closed %(closed)s")
            % {
                "start": statement.start.isoformat(),
                "end": statement.end.isoformat(),
                "closed": formats.date_format(
                    timezone.localtime(statement.closed_at), "SHORT_DATE_FORMAT"
                ),
            }
        ),
        Spacer(1, 4 * mm),
        paragraph(_("Chain head and entry count"), "heading"),
        paragraph(
            _(
                "These two values commit to every entry of the books up to the close. Anyone "
                "can check them later with “comuna ledger verify --head HEAD”."
            )
        ),
        paragraph(_("Entries: %(count)s") % {"count": statement.entry_count}, "mono"),
        paragraph(_("Head: %(head)s") % {"head": statement.head}, "mono"),
    ]
    if statement.is_approved and statement.approved_on is not None:
        story.append(
            paragraph(
                _("Approved on %(date)s by %(meeting)s.")
                % {
                    "date": statement.approved_on.isoformat(),
                    "meeting": statement.meeting_reference,
                }
            )
        )
    balances = [r for r in rows if r["kind"] in ("asset", "liability", "fund")]
    story += [
        paragraph(_("Balances"), "heading"),
        table(
            [
                [_("Code"), _("Account"), _("Opening"), _("Closing")],
                *[
                    [r["code"], _(r["name"]), _amount(r, "opening"), _amount(r, "closing")]
                    for r in balances
                ],
            ],
            _BALANCE_WIDTHS,
            numeric={2, 3},
        ),
    ]
    for kind, title in (
        ("income", _("Income by category")),
        ("expense", _("Expenses by category")),
    ):
        lines = [r for r in rows if r["kind"] == kind and r["change"]]
        story += [
            paragraph(title, "heading"),
            table(
                [
                    [_("Code"), _("Account"), _("In the period")],
                    *(
                        [[r["code"], _(r["name"]), _amount(r, "change")] for r in lines]
                        or [["", _("Nothing in this period."), ""]]
                    ),
                ],
                _CHANGE_WIDTHS,
                numeric={2},
            ),
        ]
    spokesperson = _("Spokesperson of the parliament")
    story.append(
        signature_lines(
            [_("Comptroller"), spokesperson, spokesperson, spokesperson],
            heading=_("Signatures"),
        )
    )
    return document_build(
        story,
        title=_("Statement of accounts: %(label)s") % {"label": statement.label},
        commune_name=statement.commune.name,
    )
