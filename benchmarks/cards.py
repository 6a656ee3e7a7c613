"""The QR codes of a council's household cards, timed beside the way they were drawn before.

    .venv/bin/python benchmarks/cards.py [--cards 320]

A council of the demo has some 300 households, so its sheet of cards draws some 300 QR codes;
they were most of the 4-8 s the sheet took (issue 10, item 9). Baseline: reportlab's ``QrCode``
flowable, which tries the eight mask patterns of each code and draws each run of modules as a
rectangle of its own. Now: ``comuna.census.cards``, one fixed mask and one path per code.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from collections.abc import Callable

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comuna.settings")


def timed(draw: Callable[[object, str], None], payloads: list[str]) -> tuple[float, int]:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    start = time.perf_counter()
    for payload in payloads:
        draw(canvas, payload)
    canvas.showPage()
    canvas.save()
    return time.perf_counter() - start, len(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=320)
    options = parser.parse_args()
    import django

    django.setup()
    from reportlab.graphics.barcode.qr import QrCode

    from comuna.census.cards import QR_SIZE, _draw_qr_modules, qr_modules

    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    payloads = [
        "http://192.168.1.10:8000/censo/carnet/?code="
        + "".join(alphabet[(n * 7 + k * 13) % len(alphabet)] for k in range(10))
        for n in range(options.cards)
    ]

    def before(canvas: object, payload: str) -> None:
        code = QrCode(payload, width=QR_SIZE, height=QR_SIZE, qrBorder=2, qrLevel="M")
        code.drawOn(canvas, 50, 50)

    def now(canvas: object, payload: str) -> None:
        _draw_qr_modules(canvas, qr_modules(payload), 50, 50)  # type: ignore[arg-type]

    print(f"The QR codes of {options.cards} household cards:")
    for name, draw in (("baseline: reportlab QrCode, best of 8 masks", before), ("now", now)):
        seconds, size = timed(draw, payloads)
        print(f"  {name:<46} {seconds:6.2f} s  {size / 1024:8.0f} KiB of PDF")


if __name__ == "__main__":
    main()
