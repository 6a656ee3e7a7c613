from django.urls import URLPattern, URLResolver, path

from comuna.gatherings.views import calendar, gatherings

app_name = "gatherings"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", calendar.index, name="index"),
    path("calendario.ics", calendar.calendar_ics, name="calendar_ics"),
    path("organizaciones/", calendar.organisations, name="organisations"),
    path("organizaciones/nueva/", calendar.organisation_create, name="organisation_create"),
    path("acciones/nueva/", calendar.action_create, name="action_create"),
    path("acciones/<int:pk>/", calendar.action_detail, name="action"),
    path("acciones/<int:pk>/participacion/", calendar.participation_report, name="participation"),
    path("nuevo/", gatherings.gathering_create, name="gathering_create"),
    path("<int:pk>/", gatherings.gathering_detail, name="gathering"),
    path("<int:pk>/declaracion.pdf", gatherings.declaration_pdf, name="declaration_pdf"),
    path("<int:pk>/delegados/", gatherings.delegates, name="delegates"),
    path(
        "<int:pk>/delegados/<int:delegate>/presente/",
        gatherings.delegate_presence,
        name="delegate_presence",
    ),
    path(
        "<int:pk>/delegados/<int:delegate>/retirar/",
        gatherings.delegate_withdraw,
        name="delegate_withdraw",
    ),
    path("<int:pk>/sesiones/nueva/", gatherings.session_create, name="session_create"),
    path("<int:pk>/enmiendas/nueva/", gatherings.amendment_create, name="amendment_create"),
    path("<int:pk>/votacion/", gatherings.final_vote, name="final_vote"),
    path("<int:pk>/votacion/voto/", gatherings.final_vote_cast, name="final_vote_cast"),
    path("<int:pk>/votacion/contar/", gatherings.final_vote_count, name="final_vote_count"),
    path("sesiones/<int:pk>/", gatherings.session_detail, name="session"),
    path("sesiones/<int:pk>/palabra/", gatherings.session_ask, name="session_ask"),
    path("sesiones/<int:pk>/siguiente/", gatherings.session_next, name="session_next"),
    path("sesiones/<int:pk>/termino/", gatherings.session_done, name="session_done"),
    path("enmiendas/<int:pk>/", gatherings.amendment_detail, name="amendment"),
    path("enmiendas/<int:pk>/voto/", gatherings.amendment_vote, name="amendment_vote"),
    path("enmiendas/<int:pk>/contar/", gatherings.amendment_count, name="amendment_count"),
    path("enmiendas/<int:pk>/retirar/", gatherings.amendment_withdraw, name="amendment_withdraw"),
]
