from django.urls import path

from comuna.users import views

app_name = "users"
urlpatterns = [
    path("entrar/", views.CommuneLoginView.as_view(), name="login"),
    path("salir/", views.CommuneLogoutView.as_view(), name="logout"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revocar/", views.token_revoke_view, name="token_revoke"),
]
