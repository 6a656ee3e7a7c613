"""The month's report and the letter, added to ``comuna.waste.urls``."""

from __future__ import annotations

import datetime as dt

from django.urls import path, register_converter

from comuna.waste.reporting import views


class MonthConverter:
    """``2026-11`` in a URL, the first day of that month in the view. Years 1900 to 2199:
    the month before and after always exist, and anything else is not found."""

    regex = r"(?:19|20|21)[0-9]{2}-(?:0[1-9]|1[0-2])"

    def to_python(self, value: str) -> dt.date:
        return dt.date(int(value[:4]), int(value[5:]), 1)

    def to_url(self, value: dt.date) -> str:
        return f"{value.year:04d}-{value.month:02d}"


register_converter(MonthConverter, "yyyymm")

urlpatterns = [
    path("mes/", views.month_current, name="report_current"),
    path("mes/<yyyymm:month>/", views.month, name="report_month"),
    path("mes/<yyyymm:month>/datos.csv", views.month_csv, name="report_csv"),
    path("mes/<yyyymm:month>/informe.pdf", views.month_pdf, name="report_pdf"),
    path("mes/<yyyymm:month>/carta/", views.letter, name="report_letter"),
]
