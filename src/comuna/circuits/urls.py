from django.urls import URLPattern, URLResolver, path

from comuna.circuits.views import cycles, deliveries, public, registry

app_name = "circuits"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", cycles.index, name="index"),
    path("publico/", public.public, name="public"),
    path("registro/", registry.registry, name="registry"),
    path("registro/productos/nuevo/", registry.product_create, name="product_create"),
    path("registro/productores/nuevo/", registry.producer_create, name="producer_create"),
    path("registro/puntos/nuevo/", registry.outlet_create, name="outlet_create"),
    path("registro/vehiculos/nuevo/", registry.vehicle_create, name="vehicle_create"),
    path("ciclos/nuevo/", registry.cycle_create, name="cycle_create"),
    path("ciclos/<int:pk>/ofertas/nueva/", registry.offer_create, name="offer_create"),
    path("ciclos/<int:pk>/necesidades/nueva/", registry.need_create, name="need_create"),
    path("ciclos/<int:pk>/", cycles.cycle, name="cycle"),
    path("ciclos/<int:pk>/planificar/", cycles.cycle_solve, name="solve"),
    path("ciclos/<int:pk>/aprobar/", cycles.cycle_approve, name="approve"),
    path("ciclos/<int:pk>/hojas/<int:circuit_vehicle>/", deliveries.sheet, name="sheet"),
    path(
        "ciclos/<int:pk>/hojas/<int:circuit_vehicle>/pdf/", deliveries.sheet_print, name="sheet_pdf"
    ),
    path("lineas/<int:pk>/entregar/", deliveries.deliver, name="deliver"),
    path("ciclos/<int:pk>/importar/<str:circuit_list>/", cycles.import_upload, name="import"),
    path("importar/<str:circuit_list>/plantilla/", cycles.import_template, name="import_template"),
    path("importar/ofertas/<int:pk>/", cycles.import_preview_offers, name="import_preview_ofertas"),
    path(
        "importar/necesidades/<int:pk>/",
        cycles.import_preview_needs,
        name="import_preview_necesidades",
    ),
]
