from django.urls import path

from comuna.comanaged.views import pages

app_name = "comanaged"

urlpatterns = [
    path("", pages.index, name="index"),
    path("publico/", pages.public, name="public"),
    path("nueva/", pages.register, name="register"),
    path("<int:pk>/", pages.detail, name="detail"),
    path("<int:pk>/comunas/", pages.served_add, name="served_add"),
    path("<int:pk>/junta/", pages.board, name="board"),
    path("<int:pk>/resultados/", pages.results, name="results"),
    path("<int:pk>/resultados/<int:result>/", pages.result, name="result"),
    path("<int:pk>/resultados/<int:result>/repartir/", pages.result_apply, name="result_apply"),
    path("<int:pk>/reporte/<int:commune>/", pages.report, name="report"),
    path("<int:pk>/reporte/<int:commune>/reporte.pdf", pages.report_print, name="report_print"),
    path("<int:pk>/transicion/", pages.plan, name="plan"),
    path(
        "<int:pk>/transicion/<int:stage>/completar/",
        pages.stage_complete,
        name="stage_complete",
    ),
]
