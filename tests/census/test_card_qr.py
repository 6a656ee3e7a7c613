"""The household card's QR code: drawn from the encoder's modules with one fixed mask."""

from __future__ import annotations

from reportlab.graphics.barcode import qrencoder

from comuna.census.cards import QR_MASK, qr_modules

PAYLOAD = "http://192.168.1.10:8000/censo/carnet/?code=ABCDEFGH23"
# ISO/IEC 18004, table C.1: the format information of error correction M with mask 0.
FORMAT_M_MASK_0 = "101010000010010"


def _format_bits(modules: list[list[bool]]) -> str:
    """The 15 format bits by the top-left finder, most significant first (ISO 18004, 7.9)."""
    around = [modules[8][c] for c in (0, 1, 2, 3, 4, 5, 7, 8)]
    around += [modules[r][8] for r in (7, 5, 4, 3, 2, 1, 0)]
    return "".join("1" if dark else "0" for dark in around)


def test_the_code_declares_the_level_and_the_mask_it_was_made_with() -> None:
    assert QR_MASK == 0
    assert _format_bits(qr_modules(PAYLOAD)) == FORMAT_M_MASK_0


def test_the_modules_are_the_encoders_with_that_mask() -> None:
    for code in ("ABCDEFGH23", "ZZZZZZZZZZ", "2345678923"):
        payload = PAYLOAD.replace("ABCDEFGH23", code)
        encoder = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        encoder.addData(payload)
        encoder.version = encoder.calculate_version()
        encoder.makeImpl(False, QR_MASK)
        assert qr_modules(payload) == [[bool(m) for m in row] for row in encoder.modules]
        assert len(qr_modules(payload)) == 4 * encoder.version + 17
