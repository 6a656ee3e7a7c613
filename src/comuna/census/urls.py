from django.urls import path

from comuna.census.views import browse, edit, reports, transfer

app_name = "census"
urlpatterns = [
    path("", browse.index, name="index"),
    path("buscar/", browse.search, name="search"),
    path("carnet/", browse.card_lookup, name="card_lookup"),
    path("consejos/nuevo/", edit.council_create, name="council_create"),
    path("consejos/<str:code>/", browse.council_detail, name="council"),
    path("consejos/<str:code>/editar/", edit.council_edit, name="council_edit"),
    path("consejos/<str:code>/sectores/nuevo/", edit.sector_create, name="sector_create"),
    path("sectores/<int:pk>/editar/", edit.sector_edit, name="sector_edit"),
    path("consejos/<str:code>/carnets.pdf", reports.council_cards_pdf, name="council_cards"),
    path("consejos/<str:code>/hogares/nuevo/", edit.household_create, name="household_create"),
    path("hogares/<int:pk>/", browse.household_detail, name="household"),
    path("hogares/<int:pk>/editar/", edit.household_edit, name="household_edit"),
    path("hogares/<int:pk>/mudar/", edit.household_move, name="household_move"),
    path("hogares/<int:pk>/salida/", edit.household_leave, name="household_leave"),
    path("hogares/<int:pk>/personas/nueva/", edit.person_create, name="person_create"),
    path("hogares/<int:pk>/carnet.pdf", reports.household_card_pdf, name="household_card"),
    path("personas/<int:pk>/editar/", edit.person_edit, name="person_edit"),
    path("personas/<int:pk>/mudar/", edit.person_move, name="person_move"),
    path("personas/<int:pk>/fallecimiento/", edit.person_death, name="person_death"),
    path("personas/<int:pk>/salida/", edit.person_departure, name="person_departure"),
    path("estadisticas/", reports.statistics, name="statistics"),
    path("estadisticas/<str:code>/", reports.council_statistics, name="council_statistics"),
    path("importar/", transfer.import_upload, name="import"),
    path("importar/<int:pk>/", transfer.import_preview, name="import_preview"),
    path("importar/plantilla.<str:fmt>", transfer.import_template, name="import_template"),
    path("exportar/<str:fmt>/", transfer.export, name="export"),
]
