from django.urls import path  # noqa: F401

app_name = "waste"
urlpatterns: list[object] = [
    # The fleet, the territory, the ration and the day's plan.
    # Route sheets, trip logs, the month's report and the letter.
]
