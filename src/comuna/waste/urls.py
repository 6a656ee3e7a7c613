from django.urls import path

from comuna.waste.reporting import urls as reporting_urls
from comuna.waste.trips import actual as trips_actual
from comuna.waste.trips import import_views as trips_import
from comuna.waste.trips import views as trips
from comuna.waste.views import plans, territory

app_name = "waste"
urlpatterns: list[object] = [
    # The fleet, the territory, the ration and the day's plan (plan).
    path("", territory.index, name="index"),
    path("empresa/<int:pk>/", territory.enterprise, name="enterprise"),
    path("empresa/<int:pk>/vehiculos/nuevo/", territory.vehicle_create, name="vehicle_create"),
    path("empresa/<int:pk>/sitios/nuevo/", territory.site_create, name="site_create"),
    path("empresa/<int:pk>/puntos/nuevo/", territory.point_create, name="point_create"),
    path("empresa/<int:pk>/puntos/", territory.points, name="points"),
    path("empresa/<int:pk>/puntos/importar/", territory.points_import, name="points_import"),
    path("empresa/<int:pk>/mapa/", territory.territory_map, name="map"),
    path("empresa/<int:pk>/ajustes/", territory.settings_edit, name="settings"),
    path("empresa/<int:pk>/calles/", territory.network_upload, name="network"),
    path("empresa/<int:pk>/plan/", plans.plan_index, name="plan_index"),
    path("vehiculos/<int:pk>/", territory.vehicle_edit, name="vehicle_edit"),
    path("vehiculos/<int:pk>/averia/", territory.breakdown_create, name="breakdown_create"),
    path("averias/<int:pk>/fin/", territory.breakdown_end, name="breakdown_end"),
    path("sitios/<int:pk>/", territory.site_edit, name="site_edit"),
    path("puntos/<int:pk>/", territory.point_edit, name="point_edit"),
    path(
        "puntos/importar/<int:pk>/", territory.points_import_preview, name="points_import_preview"
    ),
    path("puntos/plantilla.csv", territory.points_template, name="points_template"),
    path("planes/<int:pk>/", plans.plan_detail, name="plan"),
    path("planes/<int:pk>/averia/", plans.plan_replan, name="plan_replan"),
    # Route sheets, the crew's page, trip logs, plan against actual (comuna.waste.trips).
    path("rutas/<int:pk>/", trips.route_page, name="route"),
    path("rutas/<int:pk>/hoja.pdf", trips.route_sheet, name="route_sheet"),
    path("planes/<int:pk>/hojas.pdf", trips.plan_sheets, name="plan_sheets"),
    path("viajes/importar/", trips_import.import_upload, name="trips_import"),
    path("viajes/importar/<int:pk>/", trips_import.import_preview, name="trips_import_preview"),
    path(
        "viajes/importar/plantilla.csv", trips_import.import_template, name="trips_import_template"
    ),
    path("real/", trips_actual.plan_actual, name="actual"),
    path("tarifas/", trips_actual.fees, name="fees"),
    # The month's report and the letter (comuna.waste.reporting).
    *reporting_urls.urlpatterns,
]
