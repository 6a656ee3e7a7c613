from django.urls import path

from comuna.enterprises.views import manage, month

app_name = "enterprises"
urlpatterns = [
    path("", manage.enterprise_list, name="list"),
    path("nueva/", manage.enterprise_create, name="create"),
    path("<int:pk>/", manage.enterprise_detail, name="detail"),
    path("<int:pk>/editar/", manage.enterprise_edit, name="edit"),
    path("<int:pk>/trabajadores/nuevo/", manage.worker_add, name="worker_add"),
    path("<int:pk>/trabajadores/<int:worker>/terminar/", manage.worker_end, name="worker_end"),
    path("<int:pk>/mes/<str:month>/", month.enterprise_month, name="month"),
    path("<int:pk>/gasoil/", month.diesel, name="diesel"),
]
