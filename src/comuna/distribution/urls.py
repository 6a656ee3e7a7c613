from django.urls import path

from comuna.distribution.views import manage, reports, table

app_name = "distribution"
urlpatterns = [
    path("", manage.index, name="index"),
    path("programas/nuevo/", manage.programme_edit, name="programme_create"),
    path("programas/<int:pk>/", manage.programme_edit, name="programme_edit"),
    path("rondas/nueva/", manage.round_create, name="round_create"),
    path("rondas/<int:pk>/", manage.round_detail, name="round"),
    path("rondas/<int:pk>/abrir/", manage.round_open, name="round_open"),
    path("rondas/<int:pk>/cerrar/", manage.round_close, name="round_close"),
    path("rondas/<int:pk>/verificar/", manage.round_rerun, name="round_rerun"),
    path("rondas/<int:pk>/mesa/<int:table>/", table.table_page, name="table"),
    path("rondas/<int:pk>/mesa/<int:table>/buscar/", table.table_lookup, name="table_lookup"),
    path("rondas/<int:pk>/entregar/", table.delivery_create, name="deliver"),
    path(
        "rondas/<int:pk>/mesa/<int:table>/no-entrega/",
        table.non_delivery_create,
        name="non_delivery",
    ),
    path("rondas/<int:pk>/consejos/<str:code>/lista.pdf", reports.council_list, name="list_pdf"),
    path("conciliacion/", reports.reconciliation, name="reconciliation"),
    path("informes/", reports.reports, name="reports"),
    path("hogares/<int:pk>/", reports.household, name="household"),
    path("publico/", reports.public, name="public"),
]
