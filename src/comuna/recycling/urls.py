from django.urls import path

from comuna.recycling.views import importing, records, yard

app_name = "recycling"
urlpatterns = [
    path("", yard.index, name="index"),
    path("pesar/", records.weigh, name="weigh"),
    path("pesajes/", yard.weighins, name="weighins"),
    path("pesajes/importar/", importing.import_upload, name="import"),
    path("pesajes/importar/<int:pk>/", importing.import_preview, name="import_preview"),
    path("pesajes/importar/plantilla.csv", importing.import_template, name="import_template"),
    path("ventas/", yard.sales, name="sales"),
    path("ventas/nueva/", records.sale_create, name="sale_create"),
    path("pacas/nueva/", records.bale_create, name="bale_create"),
    path("materiales/", yard.materials, name="materials"),
    path("materiales/nuevo/", records.material_create, name="material_create"),
    path("materiales/<int:pk>/", yard.material, name="material"),
    path("materiales/<int:pk>/precio/", records.price_set, name="price_set"),
]
