from django.urls import path

from comuna.governance.views import (
    attendance,
    decisions,
    documents,
    meetings,
    organs,
    proposals,
)

app_name = "governance"
urlpatterns = [
    path("organos/", organs.organs, name="organs"),
    path("asientos/<int:pk>/", organs.seat_detail, name="seat"),
    path("asientos/<int:pk>/asignar/", organs.seat_assign, name="seat_assign"),
    path("asientos/<int:pk>/revocatoria/", organs.petition_open, name="petition_open"),
    path("revocatorias/<int:pk>/", organs.petition_detail, name="petition"),
    path("revocatorias/<int:pk>/firmas/", organs.petition_sign, name="petition_sign"),
    path("estatuto/", organs.statute, name="statute"),
    path("reuniones/", meetings.meetings, name="meetings"),
    path("reuniones/convocar/", meetings.meeting_convene, name="meeting_convene"),
    path(
        "reuniones/calendario-parlamento/",
        meetings.parliament_calendar,
        name="parliament_calendar",
    ),
    path("reuniones/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("reuniones/<int:pk>/quorum/", meetings.meeting_quorum_part, name="meeting_quorum"),
    path("reuniones/<int:pk>/abrir/", meetings.meeting_open, name="meeting_open"),
    path(
        "reuniones/<int:pk>/segunda-convocatoria/",
        meetings.meeting_second_call,
        name="meeting_second_call",
    ),
    path("reuniones/<int:pk>/cerrar/", meetings.meeting_close, name="meeting_close"),
    path("reuniones/<int:pk>/orden-del-dia/", meetings.agenda_add, name="agenda_add"),
    path(
        "reuniones/<int:pk>/asistencia/buscar/",
        attendance.attendance_search,
        name="attendance_search",
    ),
    path(
        "reuniones/<int:pk>/asistencia/carnet/", attendance.attendance_card, name="attendance_card"
    ),
    path(
        "reuniones/<int:pk>/asistencia/registrar/",
        attendance.attendance_register,
        name="attendance_register",
    ),
    path(
        "reuniones/<int:pk>/asistencia/hoja.pdf",
        attendance.attendance_sheet_download,
        name="attendance_sheet_pdf",
    ),
    path(
        "reuniones/<int:pk>/asistencia/hoja/", attendance.attendance_sheet, name="attendance_sheet"
    ),
    path(
        "reuniones/<int:pk>/convocatoria.pdf",
        documents.convocation_download,
        name="convocation_pdf",
    ),
    path("reuniones/<int:pk>/acta.pdf", documents.acta_download, name="acta_pdf"),
    path("reuniones/<int:pk>/propuestas/nueva/", proposals.proposal_add, name="proposal_add"),
    path("propuestas/<int:pk>/mano-alzada/", proposals.vote_hands, name="vote_hands"),
    path("propuestas/<int:pk>/papeletas.pdf", proposals.ballots_download, name="ballots_pdf"),
    path("propuestas/<int:pk>/escrutinio/", proposals.tally_enter, name="tally_enter"),
    path("propuestas/<int:pk>/conciliar/", proposals.tally_reconcile, name="tally_reconcile"),
    path("propuestas/<int:pk>/votacion-nominal/", proposals.roll_call, name="roll_call"),
    path(
        "propuestas/<int:pk>/votacion-nominal/cerrar/",
        proposals.roll_call_close,
        name="roll_call_close",
    ),
    path("decisiones/", decisions.decisions, name="decisions"),
    path("decisiones/publico/", decisions.public_decisions, name="public_decisions"),
    path("decisiones/<int:pk>/", decisions.decision_detail, name="decision"),
    path("decisiones/<int:pk>/gasto/", decisions.decision_spending, name="decision_spending"),
]
