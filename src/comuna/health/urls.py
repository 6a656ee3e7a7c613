from django.urls import path

from comuna.health.views import clinic, importing, records, stock

app_name = "health"
urlpatterns = [
    path("", stock.index, name="index"),
    path("publico/", stock.public, name="public"),
    path("consultas/", clinic.days, name="days"),
    path("consultas/nueva/", clinic.day_create, name="day_create"),
    path("ambulatorios/nuevo/", clinic.clinic_create, name="clinic_create"),
    path("consultas/<int:pk>/", clinic.day, name="day"),
    path("consultas/<int:pk>/asisto/", clinic.day_attend, name="day_attend"),
    path("consultas/<int:pk>/lista.pdf", clinic.day_pdf, name="day_pdf"),
    path("citas/<int:pk>/estado/", clinic.appointment_status, name="appointment_status"),
    path("articulos/nuevo/", records.item_create, name="item_create"),
    path("lotes/", stock.batches, name="batches"),
    path("lotes/recibir/", records.batch_receive, name="batch_receive"),
    path("lotes/<int:pk>/", stock.batch, name="batch"),
    path("alertas/", stock.alerts, name="alerts"),
    path("entregar/", records.issue, name="issue"),
    path("entregas/", stock.issues, name="issues"),
    path("entregas/<int:pk>/confirmar/", records.issue_confirm, name="issue_confirm"),
    path("pendientes/", records.pending, name="pending"),
    path("conteos/", stock.counts, name="counts"),
    path("conteos/nuevo/", records.count_record, name="count_record"),
    path("conteos/importar/", importing.import_upload, name="import"),
    path("conteos/importar/<int:pk>/", importing.import_preview, name="import_preview"),
    path("conteos/importar/plantilla.csv", importing.import_template, name="import_template"),
    path("conteos/<int:pk>/confirmar/", records.count_confirm, name="count_confirm"),
    path("discrepancias/", stock.discrepancies, name="discrepancies"),
    path("discrepancias/<int:pk>/", stock.discrepancy, name="discrepancy"),
    path("discrepancias/<int:pk>/cerrar/", records.discrepancy_close, name="discrepancy_close"),
    path("ayudas/", records.helpcases, name="helpcases"),
    path("ayudas/nueva/", records.helpcase_open, name="helpcase_open"),
    path("ayudas/<int:pk>/pagar/", records.helpcase_pay, name="helpcase_pay"),
]
