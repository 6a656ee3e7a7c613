"""The printable household card: a PDF with the household's particulars and a QR code.

Cards are the size of an ID card (85.6 × 54 mm) and are printed on A4, eight to a page in two
columns of four, with dashed cut lines along their edges; a single card is printed at the
top left of an A4 page so that any printer prints it at its true size.

The QR code holds the card's *payload*: the absolute address of the card lookup page with the
card code as its only parameter, ``<lookup_url>?code=<card_code>``, for example
``http://192.168.1.10:8000/censo/carnet/?code=K7M2Q9XW4P``. A phone's camera opens it
directly and, after login, lands on the household. The address is the one the commune set for
phones (``Commune.public_url``), never the Host header of the request that printed it; if the
commune's laptop changes address, the printed code under the QR still works when typed, and
scanners inside Comuna (distribution days, meetings) must read only the ``code``
parameter and ignore the host. The QR area is also a link in the PDF, so tapping it on a phone
does the same as scanning.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from comuna.census.models import Council, Household, HouseholdStatus, Person, PersonStatus
from comuna.core.pdf import (
    ACCENT,
    BOLD,
    FONT,
    MONO_BOLD,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    cut_lines,
    fit,
    printable,
    sheet_build,
    shrink,
)

CARD_WIDTH: float = 85.6 * mm
CARD_HEIGHT: float = 54 * mm
COLUMNS = 2
ROWS = 4
CARDS_PER_PAGE = COLUMNS * ROWS
PADDING: float = 4 * mm
QR_SIZE: float = 30 * mm
# Where the grid of cards starts: centred on the page.
LEFT: float = (PAGE_WIDTH - COLUMNS * CARD_WIDTH) / 2
BOTTOM: float = (PAGE_HEIGHT - ROWS * CARD_HEIGHT) / 2


def card_payload(lookup_url: str, card_code: str) -> str:
    """What the QR code holds: ``<lookup_url>?code=<card_code>`` (see the module's docstring)."""
    return f"{lookup_url}?{urlencode({'code': card_code})}"


@dataclass(frozen=True, slots=True)
class CardFace:
    """What one card shows, read from the database once for a whole sheet."""

    label: str
    council: str
    address: str
    sector: str
    head: str
    members: int
    card_code: str
    departed: bool


def card_faces(households: QuerySet[Household]) -> list[CardFace]:
    """The faces of the cards for ``households``, in the council's order, in two queries."""
    rows = (
        households.select_related("council", "sector")
        .annotate(n_members=Count("members", filter=Q(members__status=PersonStatus.ACTIVE)))
        .prefetch_related(
            Prefetch(
                "members",
                # The households were fetched scoped to their commune: so are their heads.
                queryset=Person.objects.all_communes()
                .filter(is_head=True, status=PersonStatus.ACTIVE)
                .order_by("pk"),
                to_attr="heads",
            )
        )
        .order_by("council__code", "reference")
    )
    faces = []
    for household in rows:
        heads: list[Person] = getattr(household, "heads", [])
        faces.append(
            CardFace(
                label=household.label,
                council=f"{household.council.code} · {household.council.name}",
                address=household.address,
                sector=household.sector.name if household.sector else "",
                head=heads[0].full_name if heads else "",
                members=getattr(household, "n_members", 0),
                card_code=household.card_code,
                departed=household.status != HouseholdStatus.ACTIVE,
            )
        )
    return faces


def household_card_pdf(household: Household, *, lookup_url: str) -> bytes:
    """One household's card on an A4 page. ``lookup_url``: the absolute address of
    ``census:card_lookup`` as the phones reach it (from ``Commune.public_url``)."""
    faces = card_faces(Household.objects.of(household.commune_id).filter(pk=household.pk))
    title = _("Household card %(label)s") % {"label": household.label}
    return cards_pdf(
        faces, commune_name=household.council.commune.name, lookup_url=lookup_url, title=title
    )


def council_cards_pdf(council: Council, *, lookup_url: str, readable: QuerySet[Household]) -> bytes:
    """The cards of the council's active households, eight to an A4 page.

    ``readable`` is the caller's reach (``access.households_readable(user)``): a resident
    who may open the council gets their own card only, never their neighbours'.
    """
    households = readable.filter(council=council, status=HouseholdStatus.ACTIVE)
    title = _("Household cards of %(council)s") % {"council": f"{council.code} {council.name}"}
    faces = card_faces(households)
    return cards_pdf(faces, commune_name=council.commune.name, lookup_url=lookup_url, title=title)


def cards_pdf(
    faces: Sequence[CardFace], *, commune_name: str, lookup_url: str, title: str
) -> bytes:
    """Cards on A4 sheets, eight to a page, with cut lines. No cards: one page saying so."""

    def draw(canvas: Canvas) -> None:
        if not faces:
            canvas.setFont(FONT, 11)
            canvas.drawString(
                LEFT, PAGE_HEIGHT - 30 * mm, printable(_("There are no household cards to print."))
            )
            canvas.showPage()
        for start in range(0, len(faces), CARDS_PER_PAGE):
            cut_lines(
                canvas,
                xs=[LEFT + column * CARD_WIDTH for column in range(COLUMNS + 1)],
                ys=[BOTTOM + row * CARD_HEIGHT for row in range(ROWS + 1)],
            )
            for slot, face in enumerate(faces[start : start + CARDS_PER_PAGE]):
                column, row = slot % COLUMNS, slot // COLUMNS
                x = LEFT + column * CARD_WIDTH
                y = BOTTOM + (ROWS - 1 - row) * CARD_HEIGHT
                _draw_card(canvas, face, x, y, commune_name=commune_name, lookup_url=lookup_url)
            canvas.showPage()

    return sheet_build(draw, title=title, commune_name=commune_name)


def _draw_lines(
    canvas: Canvas, lines: Iterable[str], x: float, y: float, font: str, size: float
) -> float:
    """Draws ``lines`` downwards from baseline ``y``; returns the baseline after the last."""
    canvas.setFont(font, size)
    for line in lines:
        canvas.drawString(x, y, line)
        y -= size * 1.2
    return y


def _draw_card(
    canvas: Canvas, face: CardFace, x: float, y: float, *, commune_name: str, lookup_url: str
) -> None:
    """One card with its bottom-left corner at (``x``, ``y``)."""
    canvas.saveState()
    rule_y = _draw_header(canvas, commune_name, x, y + CARD_HEIGHT)
    qr_x = _draw_qr(canvas, card_payload(lookup_url, face.card_code), face.card_code, x, rule_y)
    _draw_particulars(canvas, face, x + PADDING, rule_y, width=qr_x - x - PADDING - 3 * mm)
    canvas.restoreState()


def _draw_header(canvas: Canvas, commune_name: str, x: float, top: float) -> float:
    """The commune's name across the card, underlined in red; returns the rule's height."""
    inner = CARD_WIDTH - 2 * PADDING
    size = shrink(commune_name, BOLD, 10, inner, 6)
    canvas.setFont(BOLD, size)
    name = fit(commune_name, BOLD, size, inner)[0]
    canvas.drawString(x + PADDING, top - PADDING - size * 0.8, name)
    rule_y = top - PADDING - 12
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.2)
    canvas.line(x + PADDING, rule_y, x + CARD_WIDTH - PADDING, rule_y)
    return rule_y


def _draw_qr(canvas: Canvas, payload: str, card_code: str, x: float, rule_y: float) -> float:
    """The QR code at the right under the rule, the card code under it in large type (to be
    typed when there is no camera), and a link over it; returns the QR's left edge."""
    qr_x = x + CARD_WIDTH - PADDING - QR_SIZE
    qr_y = rule_y - 3 - QR_SIZE
    canvas.setFillColor(colors.black)
    _draw_qr_modules(canvas, qr_modules(payload), qr_x, qr_y)
    canvas.linkURL(payload, (qr_x, qr_y, qr_x + QR_SIZE, qr_y + QR_SIZE), relative=0)
    size = shrink(card_code, MONO_BOLD, 13, QR_SIZE + 2 * mm, 8)
    canvas.setFont(MONO_BOLD, size)
    canvas.drawCentredString(qr_x + QR_SIZE / 2, qr_y - size - 1, card_code)
    return qr_x


# Any of the eight mask patterns gives a valid code; searching for the best one was seven
# tenths of the time a council's sheet of cards took, for codes this short that every phone reads.
QR_MASK = 0
QR_BORDER = 2


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR code of ``payload`` (error correction M) as rows of dark (True) modules."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.version = code.calculate_version()
    code.makeImpl(False, QR_MASK)
    return [[bool(module) for module in row] for row in code.modules]


def _draw_qr_modules(canvas: Canvas, modules: list[list[bool]], x: float, y: float) -> None:
    """The modules as one filled path, each run of dark modules in a row one rectangle."""
    size = QR_SIZE / (len(modules) + 2 * QR_BORDER)
    path = canvas.beginPath()
    for r, row in enumerate(modules):
        top = y + QR_SIZE - (r + QR_BORDER + 1) * size
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            # A hair taller than the module, so that no white line shows between rows.
            path.rect(x + (start + QR_BORDER) * size, top, (c - start) * size, size * 1.05)
    canvas.drawPath(path, stroke=0, fill=1)


def _draw_particulars(
    canvas: Canvas, face: CardFace, left: float, rule_y: float, *, width: float
) -> None:
    """Who and where, down the left of the card."""
    canvas.setFillColor(MUTED)
    line_y = _draw_lines(canvas, [_("Household card").upper()], left, rule_y - 10, FONT, 6.5)
    canvas.setFillColor(colors.black)
    size = shrink(face.label, BOLD, 15, width, 9)
    line_y = _draw_lines(
        canvas, fit(face.label, BOLD, size, width, 1), left, line_y - 8, BOLD, size
    )
    place = [
        *fit(face.council, FONT, 7.5, width, 1),
        *fit(face.address, FONT, 7.5, width, 2),
    ]
    if face.sector:
        place += fit(_("Sector: %(name)s") % {"name": face.sector}, FONT, 7.5, width, 1)
    line_y = _draw_lines(canvas, place, left, line_y, FONT, 7.5)
    canvas.setFillColor(MUTED)
    line_y = _draw_lines(canvas, [_("Head of household")], left, line_y - 3, FONT, 6.5)
    canvas.setFillColor(colors.black)
    head = fit(face.head or "—", BOLD, 8.5, width, 2)
    line_y = _draw_lines(canvas, head, left, line_y, BOLD, 8.5)
    members = _("Members: %(count)s") % {"count": face.members}
    line_y = _draw_lines(canvas, [members], left, line_y, FONT, 7.5)
    if face.departed:
        canvas.setFillColor(ACCENT)
        _draw_lines(canvas, [_("Left the commune")], left, line_y, BOLD, 7.5)
