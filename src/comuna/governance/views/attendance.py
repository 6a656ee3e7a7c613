"""Taking attendance: search the census, scan a household card, or type back the sheet."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comuna.census.access import household_for_card, people_readable
from comuna.census.selectors import people_search
from comuna.core.refusals import Refusal
from comuna.core.web import apply, back, pdf_response, render
from comuna.governance import services
from comuna.governance.access import meeting_for_user
from comuna.governance.documents import attendance_sheet_pdf
from comuna.governance.forms import SheetForm
from comuna.governance.models import AttendanceMethod, Meeting
from comuna.governance.selectors import meeting_members
from comuna.governance.views.base import form_page
from comuna.users.actors import acting_user, actor_of


def _present_ids(meeting: Meeting) -> set[int]:
    return set(meeting.attendances.values_list("person_id", flat=True))


def _render_pick(request: HttpRequest, partial: str, context: dict[str, object]) -> HttpResponse:
    """The partial for htmx; the same inside a page when the phone runs no JavaScript."""
    if request.headers.get("HX-Request") == "true":
        return render(request, partial, context)
    return render(request, "governance/attendance_pick.html", {**context, "partial": partial})


@login_required
def attendance_search(request: HttpRequest, pk: int) -> HttpResponse:
    """People who may attend and whose name or ID matches, each with a button to register."""
    actor = actor_of(request)
    meeting = meeting_for_user(actor, pk, manage=True)
    query = request.GET.get("q", "").strip()
    found = list(people_search(actor, query)) if len(query) >= 2 else []
    members = set(
        meeting_members(meeting).filter(pk__in=[p.pk for p in found]).values_list("pk", flat=True)
    )
    return _render_pick(
        request,
        "governance/_attendance_results.html",
        {
            "meeting": meeting,
            "query": query,
            "results": [p for p in found if p.pk in members],
            "others": [p for p in found if p.pk not in members],
            "present": _present_ids(meeting),
            "method": AttendanceMethod.SEARCH,
        },
    )


@login_required
def attendance_card(request: HttpRequest, pk: int) -> HttpResponse:
    """A scanned or typed household card: the household's members who may attend, to tick."""
    actor = actor_of(request)
    meeting = meeting_for_user(actor, pk, manage=True)
    code = request.GET.get("code", "").strip()
    # A scanned card gives the whole address (…/censo/carnet/?code=ABC); a typed one, the code.
    if "code=" in code:
        code = parse_qs(urlsplit(code).query).get("code", [""])[0]
    household = household_for_card(actor, code) if code else None
    members = (
        list(meeting_members(meeting).filter(household=household).order_by("-is_head", "pk"))
        if household
        else []
    )
    return _render_pick(
        request,
        "governance/_attendance_card.html",
        {
            "meeting": meeting,
            "household": household,
            "results": members,
            "present": _present_ids(meeting),
            "method": AttendanceMethod.CARD,
        },
    )


@login_required
@require_POST
def attendance_register(request: HttpRequest, pk: int) -> HttpResponse:
    """Register the people chosen (one from a search, or the ticked members of a household).
    With htmx, answers with the outcome and tells the quorum box to refresh itself."""
    actor = actor_of(request)
    meeting = meeting_for_user(actor, pk, manage=True)
    # An id of more than 18 digits names no row (and would not fit in the column).
    ids = [int(v) for v in request.POST.getlist("person") if v.isdigit() and len(v) < 19]
    people = list(people_readable(actor).filter(pk__in=ids))
    method = request.POST.get("method", AttendanceMethod.SEARCH)
    method = method if method in AttendanceMethod.values else AttendanceMethod.SEARCH
    outcome: list[str] = []
    error = ""
    try:
        registrations = services.attendance_register(
            meeting=meeting, people=people, method=AttendanceMethod(method), by=acting_user(request)
        )
    except Refusal as refusal:
        error = refusal.message
    else:
        for registration in registrations:
            name = registration.attendance.person.full_name
            template = (
                _("%(name)s is present.")
                if registration.created
                else _("%(name)s was already registered.")
            )
            outcome.append(template % {"name": name})
    if request.headers.get("HX-Request") == "true":
        response = render(
            request, "governance/_attendance_outcome.html", {"outcome": outcome, "error": error}
        )
        response["HX-Trigger"] = "attendance-changed"
        return response
    for line in outcome:
        messages.success(request, line)
    if error:
        messages.error(request, error)
    return back(meeting.get_absolute_url(), "attendance")


@login_required
def attendance_sheet_download(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_user(actor_of(request), pk, manage=True)
    return pdf_response(attendance_sheet_pdf(meeting), f"asistencia-{meeting.date.isoformat()}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def attendance_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """Type back the signed sheet: line numbers and any ID numbers written on blank lines."""
    meeting = meeting_for_user(actor_of(request), pk, manage=True)
    form = SheetForm(request.POST or None)
    results: list[services.SheetImport] = []
    if request.method == "POST" and apply(
        form,
        lambda: results.append(
            services.attendance_import_sheet(
                meeting=meeting, by=acting_user(request), **form.cleaned_data
            )
        ),
    ):
        messages.success(
            request,
            _("%(registered)s people registered from the sheet, %(already)s already were.")
            % {"registered": len(results[0].registered), "already": len(results[0].already)},
        )
        return back(meeting.get_absolute_url(), "attendance")
    title = _("Type back the attendance sheet of %(meeting)s") % {"meeting": meeting}
    return form_page(request, form, title, meeting.get_absolute_url())
