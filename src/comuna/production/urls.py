"""Production plans: /produccion/."""

from django.urls import path

from comuna.production.views import parts, plans

app_name = "production"
urlpatterns = [
    path("", plans.index, name="index"),
    path("planes/nuevo/", plans.plan_create, name="plan_create"),
    path("planes/<int:pk>/", plans.plan_detail, name="plan"),
    path("planes/<int:pk>/editar/", plans.plan_edit, name="plan_edit"),
    path("planes/<int:pk>/resolver/", plans.plan_solve, name="plan_solve"),
    path("planes/<int:pk>/copiar/", plans.plan_copy, name="plan_copy"),
    path("planes/<int:pk>/plan.pdf", plans.plan_pdf, name="plan_pdf"),
    path("planes/<int:pk>/insumos/nuevo/", parts.input_create, name="input_create"),
    path("planes/<int:pk>/productos/nuevo/", parts.product_create, name="product_create"),
    path("planes/<int:pk>/escenarios/nuevo/", parts.scenario_create, name="scenario_create"),
    path("insumos/<int:pk>/", parts.input_edit, name="input_edit"),
    path("productos/<int:pk>/", parts.product_edit, name="product_edit"),
    path("escenarios/<int:pk>/", parts.scenario_edit, name="scenario_edit"),
    path("insumos/<int:pk>/quitar/", parts.input_delete, name="input_delete"),
    path("productos/<int:pk>/quitar/", parts.product_delete, name="product_delete"),
    path("escenarios/<int:pk>/quitar/", parts.scenario_delete, name="scenario_delete"),
]
