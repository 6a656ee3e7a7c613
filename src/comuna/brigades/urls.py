from django.urls import URLPattern, URLResolver, path

from comuna.brigades.views import funding, importing, manage, public, rota

app_name = "brigades"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", manage.brigade_list, name="list"),
    path("nueva/", manage.brigade_create, name="create"),
    path("publico/", public.public, name="public"),
    path("de-turno/", rota.duty_now, name="duty"),
    path("miembros/importar/<int:pk>/", importing.import_preview, name="import_preview"),
    path("<int:pk>/", manage.brigade_detail, name="detail"),
    path("<int:pk>/editar/", manage.brigade_edit, name="edit"),
    path("<int:pk>/miembros/nuevo/", manage.member_add, name="member_add"),
    path("<int:pk>/miembros/importar/", importing.import_upload, name="import"),
    path("<int:pk>/miembros/plantilla/", importing.import_template, name="import_template"),
    path("<int:pk>/miembros/<int:member>/editar/", manage.member_edit, name="member_edit"),
    path("<int:pk>/miembros/<int:member>/terminar/", manage.member_end, name="member_end"),
    path(
        "<int:pk>/miembros/<int:member>/vocero/",
        manage.member_spokesperson,
        name="member_spokesperson",
    ),
    path("<int:pk>/sueldos/", funding.salaries_post, name="salaries"),
    path("<int:pk>/turnos/", rota.rota, name="rota"),
    path("<int:pk>/turnos/nuevo/", rota.shift_add, name="shift_add"),
    path("<int:pk>/turnos/<int:shift>/quitar/", rota.shift_remove, name="shift_remove"),
    path("<int:pk>/turnos/<int:shift>/cambiar/", rota.swap_ask, name="swap_ask"),
    path("<int:pk>/turnos/mes/<str:month>.pdf", rota.rota_print, name="rota_pdf"),
    path("<int:pk>/cambios/<int:swap>/", rota.swap_decide, name="swap_decide"),
]
