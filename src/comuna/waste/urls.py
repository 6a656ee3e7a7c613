from django.urls import path

from comuna.waste.trips import actual as trips_actual
from comuna.waste.trips import import_views as trips_import
from comuna.waste.trips import views as trips

app_name = "waste"
urlpatterns: list[object] = [
    # The fleet, the territory, the ration and the day's plan.
    # Route sheets, trip logs, the month's report and the letter.
    # --- trips (fix-trips): route sheets, the crew's page, trip logs, plan against actual ---
    path("rutas/<int:pk>/", trips.route_page, name="route"),
    path("rutas/<int:pk>/hoja.pdf", trips.route_sheet, name="route_sheet"),
    path("plan/<int:pk>/hojas.pdf", trips.plan_sheets, name="plan_sheets"),
    path("viajes/importar/", trips_import.import_upload, name="trips_import"),
    path("viajes/importar/<int:pk>/", trips_import.import_preview, name="trips_import_preview"),
    path(
        "viajes/importar/plantilla.csv", trips_import.import_template, name="trips_import_template"
    ),
    path("real/", trips_actual.plan_actual, name="actual"),
    path("tarifas/", trips_actual.fees, name="fees"),
    # --- end trips ---
]
