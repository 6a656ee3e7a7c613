from django.urls import URLPattern, URLResolver, path

from comuna.federation.views import levels, registrations

app_name = "federation"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", levels.index, name="index"),
    path("registro/", registrations.register, name="register"),
    path("registro/<uuid:ref>/", registrations.registration_status, name="registration_status"),
    path("registros/", registrations.registrations, name="registrations"),
    path("registros/<int:pk>/", registrations.registration_detail, name="registration"),
    path("registros/<int:pk>/acta/", registrations.registration_acta, name="registration_acta"),
    path(
        "registros/<int:pk>/aceptar/", registrations.registration_accept, name="registration_accept"
    ),
    path(
        "registros/<int:pk>/devolver/",
        registrations.registration_return,
        name="registration_return",
    ),
    path("identidad/", levels.identity_flags, name="identity_flags"),
    path("comunas/<slug:commune_code>/", levels.commune_public, name="commune_public"),
    path("<slug:unit>/", levels.level, name="level"),
]
