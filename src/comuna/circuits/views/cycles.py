"""A cycle of the circuit: its plan with every outlet's explanation, solving and approving it,
planned against delivered, and the imports of offers and needs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from comuna.circuits import selectors, services
from comuna.circuits.access import (
    circuits_are_organised,
    cycle_for_organiser,
    cycle_for_reader,
    cycles_readable,
    lines_readable,
    organise_require,
    outlets_readable,
    read_require,
)
from comuna.circuits.importing import NEEDS_KIND, OFFERS_KIND
from comuna.circuits.models import Need, Offer, Vehicle
from comuna.core.forms import UploadForm
from comuna.core.imports.views import preview_page, upload_page
from comuna.core.spreadsheets import write_csv
from comuna.core.tenancy import commune_of
from comuna.core.web import render, run
from comuna.users.actors import acting_user, actor_of


@login_required
def index(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    read_require(actor)
    cycles = cycles_readable(actor).annotate(n_needs=Count("needs", distinct=True))
    return render(
        request,
        "circuits/index.html",
        {"cycles": cycles, "organises": circuits_are_organised(actor)},
    )


@login_required
def cycle(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    read_require(actor)
    c = cycle_for_reader(actor, pk)
    lines = lines_readable(actor, c)
    outlets = outlets_readable(actor, c)
    needs = (
        Need.objects.of(c.commune)
        .filter(cycle=c, outlet__in=outlets)
        .select_related("outlet", "product")
        .order_by("outlet__name", "priority", "product__name")
    )
    figures = selectors.product_figures(c, lines)
    vehicles = (
        Vehicle.objects.of(c.commune)
        .filter(lines__in=lines)
        .annotate(kg=Sum("lines__quantity_g"))
        .order_by("name")
        .distinct()
    )
    offers = (
        Offer.objects.of(c.commune).filter(cycle=c).aggregate(n=Count("id"), g=Sum("quantity_g"))
    )
    explained = [(n, selectors.reason_text(n)) for n in needs]
    return render(
        request,
        "circuits/cycle.html",
        {
            "cycle": c,
            "explained": explained,
            "figures": figures,
            "chart": selectors.planned_delivered_chart(figures),
            "priorities": selectors.priority_figures(c),
            "vehicles": vehicles,
            "offers": offers,
            "organises": circuits_are_organised(actor),
            "lines": lines.select_related("vehicle", "producer", "outlet", "product")[:500],
        },
    )


@login_required
@require_POST
def cycle_solve(request: HttpRequest, pk: int) -> HttpResponse:
    c = cycle_for_organiser(actor_of(request), pk)
    run(request, lambda: services.plan_solve(cycle=c, by=acting_user(request)), _("Plan drafted."))
    return _back(pk)


@login_required
@require_POST
def cycle_approve(request: HttpRequest, pk: int) -> HttpResponse:
    c = cycle_for_organiser(actor_of(request), pk)
    run(
        request,
        lambda: services.plan_approve(cycle=c, by=acting_user(request)),
        _("Plan approved: deliveries can now be recorded."),
    )
    return _back(pk)


def _back(pk: int) -> HttpResponse:
    from django.shortcuts import redirect

    return redirect("circuits:cycle", pk=pk)


def _kind(kind: str) -> str:
    if kind not in ("ofertas", "necesidades"):
        raise Http404(_("No such import."))
    return OFFERS_KIND if kind == "ofertas" else NEEDS_KIND


class CycleUploadForm(UploadForm):
    def __init__(self, *args: object, cycle_pk: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.cycle_pk = cycle_pk

    def options(self) -> dict[str, str]:
        return {"cycle": str(self.cycle_pk)}


@login_required
def import_upload(request: HttpRequest, pk: int, circuit_list: str) -> HttpResponse:
    actor = actor_of(request)
    c = cycle_for_organiser(actor, pk)
    kind = circuit_list
    import_kind = _kind(kind)
    return upload_page(
        request,
        kind=import_kind,
        form=CycleUploadForm(request.POST or None, request.FILES or None, cycle_pk=c.pk),
        by=acting_user(request),
        commune=commune_of(request),
        template="circuits/import_upload.html",
        preview=f"circuits:import_preview_{kind}",
        context={"cycle": c, "kind": kind, "cancel_url": reverse("circuits:cycle", args=[c.pk])},
    )


def _preview(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    actor = actor_of(request)
    organise_require(actor)
    return preview_page(
        request,
        by=acting_user(request),
        kind=_kind(kind),
        pk=pk,
        commune=commune_of(request),
        actor=actor,
        template="circuits/import_preview.html",
        context={"kind": kind},
    )


@login_required
def import_preview_offers(request: HttpRequest, pk: int) -> HttpResponse:
    return _preview(request, pk, "ofertas")


@login_required
def import_preview_needs(request: HttpRequest, pk: int) -> HttpResponse:
    return _preview(request, pk, "necesidades")


@login_required
@require_GET
def import_template(request: HttpRequest, circuit_list: str) -> HttpResponse:
    organise_require(actor_of(request))
    kind = circuit_list
    if _kind(kind) == OFFERS_KIND:
        content = write_csv(
            ["productor", "producto", "kg"], [["Finca La Esperanza", "Arroz", "500"]]
        )
    else:
        content = write_csv(
            ["punto", "producto", "kg", "prioridad"],
            [["Comedor Escuela Bolívar", "Arroz", "120", "1"]],
        )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="plantilla-{kind}.csv"'
    return response
