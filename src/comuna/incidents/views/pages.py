"""The incidents' pages to read: the list with its filters, an incident with its timeline,
a photo, and the public page (counts only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from comuna.census.models import Council, Sector
from comuna.core.charts import bar_chart
from comuna.core.models import Commune
from comuna.core.tenancy import commune_of
from comuna.core.web import fragment_cached, render
from comuna.incidents import access, selectors, services
from comuna.incidents.forms import AssignForm, PhotoForm, StatusForm, TriageForm, WorkLogForm
from comuna.incidents.models import IncidentKind, IncidentStatus, RepairMaterial, WorkLog
from comuna.users.actors import actor_of


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 12 else None


def _filters(request: HttpRequest) -> selectors.Filters:
    status = request.GET.get("estado", "open")
    return selectors.Filters(
        kind=_int(request.GET.get("tipo")),
        council=_int(request.GET.get("consejo")),
        sector=_int(request.GET.get("sector")),
        status=status if status in ("open", "all", *IncidentStatus.values) else "open",
    )


def _filter_choices(commune: Commune) -> dict[str, object]:
    return {
        "kinds": IncidentKind.objects.of(commune),
        "councils": Council.objects.of(commune),
        "sectors": Sector.objects.of(commune).select_related("council"),
        "statuses": IncidentStatus.choices,
    }


@login_required
@require_GET
def incident_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    access.incidents_list_require(actor)
    commune = commune_of(request)
    filters = _filters(request)
    incidents = selectors.incidents_filter(access.incidents_readable(actor), filters)
    page = Paginator(incidents, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "incidents/list.html",
        {
            "page": page,
            "filters": filters,
            **_filter_choices(commune),
            "may_report": access.incidents_are_reportable(actor),
            "may_manage": access.incidents_are_managed(actor),
        },
    )


def incident_context(request: HttpRequest, pk: int, **forms: object) -> dict[str, object]:
    """What the incident's page shows; the action views pass their refused form in."""
    actor = actor_of(request)
    incident = access.incident_for_user(actor, pk)
    works = access.incident_works(actor, incident)
    manages = access.incidents_are_managed(actor)
    status_form = forms.get("status_form") or StatusForm()
    status_form.fields["status"].choices = [  # type: ignore[attr-defined]
        (s, IncidentStatus(s).label) for s in services.next_statuses(incident)
    ]
    assign_form = forms.get("assign_form") or AssignForm(initial={"brigade": incident.brigade_id})
    assign_form.fields["brigade"].queryset = access.brigades_for(actor)  # type: ignore[attr-defined]
    worklog_form = forms.get("worklog_form") or WorkLogForm()
    worklog_form.fields["material"].queryset = RepairMaterial.objects.of(incident.commune_id)  # type: ignore[attr-defined]
    return {
        "incident": incident,
        "events": selectors.timeline(incident),
        "times": selectors.incident_times(incident),
        "work_logs": WorkLog.objects.of(incident.commune_id)
        .filter(incident=incident)
        .select_related("material", "entry"),
        "photos": incident.photos.all(),
        "show_reporter": access.reporter_is_visible(actor, incident),
        "works": works and incident.is_open,
        "may_set_status": (works or manages) and bool(services.next_statuses(incident)),
        "manages": manages and incident.is_open,
        "may_add_photo": (works or manages or incident.reported_by_id == request.user.pk)
        and incident.photos.count() < services.MAX_PHOTOS,
        "triage_form": forms.get("triage_form")
        or TriageForm(initial={"priority": incident.priority}),
        "assign_form": assign_form,
        "status_form": status_form,
        "worklog_form": worklog_form,
        "photo_form": forms.get("photo_form") or PhotoForm(),
    }


@login_required
@require_GET
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "incidents/detail.html", incident_context(request, pk))


@login_required
@require_GET
def photo(request: HttpRequest, pk: int, photo: int) -> FileResponse:
    """A photo, only to those who may read its incident."""
    found = access.photo_for_user(actor_of(request), pk, photo)
    path = services.photos_root() / found.path
    if not path.is_file():
        raise Http404(_("No such photo."))
    return FileResponse(path.open("rb"), content_type=found.content_type)


@require_GET
@login_required
@require_GET
def incidents_map(request: HttpRequest) -> HttpResponse:
    """The incidents the reader may see, where they were reported, with the list's filters."""
    actor = actor_of(request)
    access.incidents_list_require(actor)
    filters = _filters(request)
    incidents = selectors.incidents_filter(access.incidents_readable(actor), filters)
    return render(
        request,
        "incidents/map.html",
        {
            "map": selectors.incidents_map(incidents),
            "filters": filters,
            **_filter_choices(commune_of(request)),
        },
    )


def public(request: HttpRequest) -> HttpResponse:
    """Counts for anyone, with no login: never who reported, never an address. The figures
    are the same for every reader, so they are counted once per change (``fragment_cached``)."""
    commune = commune_of(request)

    def figures_context() -> dict[str, object]:
        figures = selectors.public_figures(commune)
        with_median = [k for k in figures.kinds if k.median_days is not None]
        return {
            "figures": figures,
            "chart_kinds": bar_chart([(k.kind, k.total) for k in figures.kinds]),
            "chart_median": bar_chart([(k.kind, k.median_days or 0) for k in with_median]),
        }

    figures_html = fragment_cached(
        "incidents/_public_figures.html", selectors.public_figures_stamp(commune), figures_context
    )
    return render(request, "incidents/public.html", {"figures_html": figures_html})
