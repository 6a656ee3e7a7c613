from django.urls import path  # noqa: F401

from comuna.waste.reporting import urls as reporting_urls

app_name = "waste"
urlpatterns: list[object] = [
    # The fleet, the territory, the ration and the day's plan.
    # Route sheets, trip logs, the month's report and the letter.
    # The month's report and the letter (comuna.waste.reporting).
    *reporting_urls.urlpatterns,
]
