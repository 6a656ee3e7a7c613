"""The fleet and the territory: the enterprise's page, vehicles and breakdowns, sites,
collection points (list, form, import), the map, the settings and the street network."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from comuna.core.imports.views import preview_page, upload_page
from comuna.core.spreadsheets import write_csv
from comuna.core.tenancy import commune_of
from comuna.core.web import apply, form_page, render
from comuna.enterprises.models import Enterprise
from comuna.users.actors import acting_user, actor_of
from comuna.waste import access, selectors, services
from comuna.waste.forms import (
    BreakdownEndForm,
    BreakdownForm,
    NetworkForm,
    PointForm,
    PointsUploadForm,
    SettingsForm,
    SiteForm,
    VehicleForm,
)
from comuna.waste.importing import HEADER, KIND
from comuna.waste.models import CollectionPoint, PointKind


def _form_page(
    request: HttpRequest, form: forms.Form, title: str, back: str, **more: object
) -> HttpResponse:
    return form_page(request, form, title, back, template="waste/form.html", **more)


def _enterprise_url(pk: int) -> str:
    return reverse("waste:enterprise", args=[pk])


@login_required
def index(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not access.waste_is_readable(actor):
        raise Http404(_("Nothing of waste collection is in your reach."))
    enterprises = list(services.waste_enterprises(commune_of(request)))
    if len(enterprises) == 1:
        return redirect(_enterprise_url(enterprises[0].pk))
    return render(request, "waste/index.html", {"enterprises": enterprises})


@login_required
def enterprise(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    found = access.enterprise_for_user(actor, pk)
    return render(
        request,
        "waste/enterprise.html",
        {
            "o": selectors.overview(found, timezone.localdate()),
            "can_manage": access.waste_is_managed(actor),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def vehicle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    vehicle = access.vehicle_for_user(actor_of(request), pk, manage=True)
    return _vehicle_form(request, vehicle, vehicle.enterprise)


@login_required
@require_http_methods(["GET", "POST"])
def vehicle_create(request: HttpRequest, pk: int) -> HttpResponse:
    owner = access.enterprise_for_user(actor_of(request), pk, manage=True)
    return _vehicle_form(request, None, owner)


def _vehicle_form(request: HttpRequest, vehicle: Any, owner: Enterprise) -> HttpResponse:
    initial = None
    if vehicle is not None:
        initial = {
            "plate": vehicle.plate,
            "name": vehicle.name,
            "capacity_kg": vehicle.capacity_kg,
            "litres_per_100km": Decimal(vehicle.litres_per_100km_centi) / 100,
            "active": vehicle.active,
        }
    form = VehicleForm(request.POST or None, initial=initial)
    back = _enterprise_url(owner.pk)
    if request.method == "POST" and apply(
        form,
        lambda: services.vehicle_save(
            enterprise=owner,
            vehicle=vehicle,
            plate=form.cleaned_data["plate"],
            name=form.cleaned_data["name"],
            capacity_kg=form.cleaned_data["capacity_kg"],
            litres_per_100km_centi=round(form.cleaned_data["litres_per_100km"] * 100),
            active=form.cleaned_data["active"],
        ),
    ):
        messages.success(request, _("Vehicle saved."))
        return redirect(back)
    title = _("Vehicle %(plate)s") % {"plate": vehicle.plate} if vehicle else _("New vehicle")
    breakdowns = selectors.breakdowns_of(vehicle) if vehicle else None
    return _form_page(request, form, title, back, vehicle=vehicle, breakdowns=breakdowns)


@login_required
@require_http_methods(["GET", "POST"])
def breakdown_create(request: HttpRequest, pk: int) -> HttpResponse:
    vehicle = access.vehicle_for_user(actor_of(request), pk, manage=True)
    form = BreakdownForm(request.POST or None, initial={"start": timezone.localdate()})
    back = reverse("waste:vehicle_edit", args=[vehicle.pk])
    if request.method == "POST" and apply(
        form, lambda: services.breakdown_record(vehicle=vehicle, **form.cleaned_data)
    ):
        messages.success(request, _("Breakdown recorded."))
        return redirect(back)
    return _form_page(request, form, _("Breakdown of %(plate)s") % {"plate": vehicle.plate}, back)


@login_required
@require_http_methods(["GET", "POST"])
def breakdown_end(request: HttpRequest, pk: int) -> HttpResponse:
    breakdown = access.breakdown_for_user(actor_of(request), pk, manage=True)
    form = BreakdownEndForm(request.POST or None, initial={"end": timezone.localdate()})
    back = reverse("waste:vehicle_edit", args=[breakdown.vehicle_id])
    if request.method == "POST" and apply(
        form, lambda: services.breakdown_end(breakdown=breakdown, end=form.cleaned_data["end"])
    ):
        messages.success(request, _("The vehicle is back in service."))
        return redirect(back)
    title = _("%(plate)s back in service") % {"plate": breakdown.vehicle.plate}
    return _form_page(request, form, title, back)


@login_required
@require_http_methods(["GET", "POST"])
def site_edit(request: HttpRequest, pk: int) -> HttpResponse:
    site = access.site_for_user(actor_of(request), pk, manage=True)
    return _site_form(request, site, site.enterprise)


@login_required
@require_http_methods(["GET", "POST"])
def site_create(request: HttpRequest, pk: int) -> HttpResponse:
    owner = access.enterprise_for_user(actor_of(request), pk, manage=True)
    return _site_form(request, None, owner)


def _site_form(request: HttpRequest, site: Any, owner: Enterprise) -> HttpResponse:
    initial = {f: getattr(site, f) for f in SiteForm.base_fields} if site else None
    form = SiteForm(request.POST or None, initial=initial)
    back = _enterprise_url(owner.pk)
    if request.method == "POST" and apply(
        form, lambda: services.site_save(enterprise=owner, site=site, **form.cleaned_data)
    ):
        messages.success(request, _("Site saved."))
        return redirect(back)
    return _form_page(request, form, str(site) if site else _("New site"), back)


@login_required
def points(request: HttpRequest, pk: int) -> HttpResponse:
    """The points, filtered by council, kind and whether they are always served."""
    actor = actor_of(request)
    owner = access.enterprise_for_user(actor, pk)
    found = (
        CollectionPoint.objects.of(owner.commune_id)
        .filter(enterprise=owner)
        .select_related("council", "sector")
    )
    council, kind, required = (request.GET.get(k, "") for k in ("council", "kind", "required"))
    if council.isdigit():
        found = found.filter(council_id=int(council))
    if kind in PointKind.values:
        found = found.filter(kind=kind)
    if required == "1":
        found = found.filter(required=True)
    from comuna.census.models import Council

    return render(
        request,
        "waste/points.html",
        {
            "enterprise": owner,
            "points": found.order_by("code"),
            "councils": Council.objects.of(owner.commune_id).order_by("code"),
            "kinds": PointKind.choices,
            "council": council,
            "kind": kind,
            "required": required,
            "can_manage": access.waste_is_managed(actor),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def point_edit(request: HttpRequest, pk: int) -> HttpResponse:
    point = access.point_for_user(actor_of(request), pk, manage=True)
    return _point_form(request, point, point.enterprise)


@login_required
@require_http_methods(["GET", "POST"])
def point_create(request: HttpRequest, pk: int) -> HttpResponse:
    owner = access.enterprise_for_user(actor_of(request), pk, manage=True)
    return _point_form(request, None, owner)


def _point_form(request: HttpRequest, point: Any, owner: Enterprise) -> HttpResponse:
    initial = {f: getattr(point, f) for f in PointForm.base_fields} if point else None
    form = PointForm(request.POST or None, initial=initial, enterprise=owner)
    back = reverse("waste:points", args=[owner.pk])
    if request.method == "POST" and apply(
        form, lambda: services.point_save(enterprise=owner, point=point, **form.cleaned_data)
    ):
        messages.success(request, _("Collection point saved."))
        return redirect(back)
    return _form_page(request, form, str(point) if point else _("New collection point"), back)


@login_required
def territory_map(request: HttpRequest, pk: int) -> HttpResponse:
    owner = access.enterprise_for_user(actor_of(request), pk)
    return render(
        request,
        "waste/map.html",
        {"enterprise": owner, "map": selectors.territory_map(owner)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = access.enterprise_for_user(actor_of(request), pk, manage=True)
    current = services.collection_settings_of(owner)
    form = SettingsForm(request.POST or None, initial=SettingsForm.initial_of(current))
    back = _enterprise_url(owner.pk)
    if request.method == "POST" and apply(
        form,
        lambda: services.collection_settings_save(
            enterprise=owner,
            weekdays="".join(form.cleaned_data["weekdays"]),
            policy=form.cleaned_data["policy"],
            fixed_ml=round((form.cleaned_data["fixed_litres"] or 0) * 1000),
            share_percent=form.cleaned_data["share_percent"],
            detour_centi=round(form.cleaned_data["detour"] * 100),
        ),
    ):
        messages.success(request, _("Settings saved."))
        return redirect(back)
    return _form_page(request, form, _("How %(name)s plans") % {"name": owner.name}, back)


@login_required
@require_http_methods(["GET", "POST"])
def network_upload(request: HttpRequest, pk: int) -> HttpResponse:
    owner = access.enterprise_for_user(actor_of(request), pk, manage=True)
    form = NetworkForm(request.POST or None, request.FILES or None)
    back = _enterprise_url(owner.pk)
    if request.method == "POST" and apply(
        form,
        lambda: services.network_import(
            enterprise=owner,
            content=form.cleaned_data["file"].read(),
            filename=form.cleaned_data["file"].name,
        ),
    ):
        messages.success(request, _("Street network imported."))
        return redirect(back)
    intro = _("Export your area from openstreetmap.org and upload the file it gives you.")
    return render(
        request,
        "waste/network.html",
        {"form": form, "title": _("Import the streets"), "back": back, "intro": intro},
    )


@login_required
def points_import(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    owner = access.enterprise_for_user(actor, pk, manage=True)
    return upload_page(
        request,
        kind=KIND,
        form=PointsUploadForm(request.POST or None, request.FILES or None, enterprise=owner),
        by=acting_user(request),
        commune=owner.commune,
        template="waste/import_upload.html",
        preview="waste:points_import_preview",
        context={"enterprise": owner, "cancel_url": reverse("waste:points", args=[owner.pk])},
    )


@login_required
def points_import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    if not access.waste_is_managed(actor):
        raise Http404
    return preview_page(
        request,
        kind=KIND,
        pk=pk,
        by=acting_user(request),
        commune=commune_of(request),
        template="waste/import_preview.html",
        actor=actor,
        context={"upload_url": reverse("waste:index")},
    )


@login_required
@require_GET
def points_template(request: HttpRequest) -> HttpResponse:
    if not access.waste_is_managed(actor_of(request)):
        raise Http404
    example = [
        "CC01-01",
        "Esquina de la bodega",
        "CC01",
        "",
        "contenedor",
        "10.4640",
        "-66.9800",
        "40",
        "no",
    ]
    response = HttpResponse(write_csv(HEADER, [example]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="plantilla-puntos.csv"'
    return response
