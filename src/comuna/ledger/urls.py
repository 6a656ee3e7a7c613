from django.urls import path

from comuna.ledger.views import books, findings, importing, planning, public, record

app_name = "ledger"
urlpatterns = [
    path("", public.accounts_public, name="public"),
    path("estados/<int:pk>/", public.statement_detail, name="statement"),
    path("estados/<int:pk>/pdf/", public.statement_print, name="statement_pdf"),
    path("estados/cerrar/", books.statement_close, name="statement_close"),
    path("estados/<int:pk>/aprobar/", books.statement_approve, name="statement_approve"),
    path("libro/", books.books, name="books"),
    path("libro/verificar/", books.verify_now, name="verify"),
    path("libro/abrir-cuenta/", books.account_open, name="account_open"),
    path("libro/cuenta/<str:code>/", books.account_detail, name="account"),
    path("libro/asiento/<int:sequence>/", books.entry_detail, name="entry"),
    path("libro/asiento/<int:sequence>/revertir/", books.entry_reverse, name="entry_reverse"),
    path("libro/transferencia/", record.transfer, name="transfer"),
    path("libro/importar/", importing.import_upload, name="import"),
    path("libro/importar/<int:pk>/", importing.import_preview, name="import_preview"),
    path("libro/importar/plantilla.csv", importing.import_template, name="import_template"),
    path("hallazgos/", findings.findings, name="findings"),
    path("propuestas/", books.proposals, name="proposals"),
    path("propuestas/<int:sequence>/", books.proposal_resolve, name="proposal_resolve"),
    path("registrar/", record.record_index, name="record_index"),
    path("registrar/<str:kind>/", record.record, name="record"),
    path("presupuestos/", planning.budgets, name="budgets"),
    path("excedentes/", planning.rules, name="rules"),
    path("excedentes/<int:pk>/", planning.rule_detail, name="rule"),
]
