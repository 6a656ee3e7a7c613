from django.urls import path

from comuna.memberships import views

app_name = "memberships"
urlpatterns = [
    path("comunas/", views.communes, name="communes"),
    path("ajustes/", views.commune_settings, name="commune_settings"),
    path("miembros/", views.members, name="members"),
    path("miembros/<int:pk>/quitar/", views.member_revoke, name="member_revoke"),
]
