from django.urls import path

from comuna.peace.views import cases, public, rounds

app_name = "peace"

urlpatterns = [
    path("", public.index, name="index"),
    path("publico/", public.public, name="public"),
    path("rondas/", rounds.rounds, name="rounds"),
    path("rondas/nueva/", rounds.round_create, name="round_create"),
    path("rondas/<int:pk>/", rounds.round_detail, name="round"),
    path("rondas/<int:pk>/reporte/", rounds.report_add, name="report_add"),
    path("casos/", cases.cases, name="cases"),
    path("casos/nuevo/", cases.case_open, name="case_open"),
    path("casos/<int:pk>/", cases.case_detail, name="case"),
    path("casos/<int:pk>/sesion/", cases.session_create, name="session_create"),
    path("casos/<int:pk>/acuerdo/", cases.agreement_create, name="agreement_create"),
    path("casos/<int:pk>/acuerdo.pdf", cases.agreement_print, name="agreement_print"),
    path("casos/<int:pk>/seguimiento/", cases.followup_create, name="followup_create"),
    path("casos/<int:pk>/cierre/", cases.case_close, name="case_close"),
    path("casos/<int:pk>/lecturas/", cases.case_reads, name="case_reads"),
]
