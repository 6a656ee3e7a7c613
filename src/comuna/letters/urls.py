from django.urls import path

from comuna.letters.views import institutions, letters

app_name = "letters"
urlpatterns = [
    path("", letters.letter_list, name="list"),
    path("nuevo/", letters.letter_create, name="create"),
    path("<int:pk>/", letters.letter_detail, name="detail"),
    path("<int:pk>/editar/", letters.letter_edit, name="edit"),
    path("<int:pk>/enviado/", letters.letter_send, name="send"),
    path("<int:pk>/respuesta/", letters.letter_answer, name="answer"),
    path("<int:pk>/recordatorio/", letters.reminder_create, name="reminder"),
    path("<int:pk>/imprimir/", letters.letter_print, name="print"),
    path(
        "<int:pk>/recordatorio/<int:number>/imprimir/",
        letters.reminder_print,
        name="reminder_print",
    ),
    path("instituciones/", institutions.institution_list, name="institutions"),
    path("instituciones/nueva/", institutions.institution_create, name="institution_create"),
    path("instituciones/<int:pk>/", institutions.institution_edit, name="institution_edit"),
    path("publico/", institutions.public, name="public"),
]
