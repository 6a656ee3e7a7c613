"""The meetings calendar, convening, and running a meeting: open, second call, agenda, close."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from comuna.core.charts import bar_chart
from comuna.core.web import apply, back, form_errors_flash, render, run
from comuna.governance import services
from comuna.governance.access import (
    attendance_is_visible,
    is_admin,
    meeting_for_user,
    meeting_is_manageable,
    meetings_readable,
    organs_manageable,
    organs_readable,
)
from comuna.governance.forms import (
    AgendaItemForm,
    CloseForm,
    ConveneForm,
    HandsForm,
    ParliamentCalendarForm,
    TallyForm,
)
from comuna.governance.models import Meeting, OrganKind
from comuna.governance.selectors import (
    attendance_by_month,
    meeting_quorum,
    meetings_listed,
    proposal_rows,
)
from comuna.governance.views.base import form_page
from comuna.users.actors import acting_user, actor_of


@login_required
def meetings(request: HttpRequest) -> HttpResponse:
    """A year of meetings, month by month, and the attendance of the year in a chart."""
    today = timezone.localdate()
    year_param = request.GET.get("year", "")
    year = int(year_param) if year_param.isdigit() and 1900 < int(year_param) < 3000 else today.year
    actor = actor_of(request)
    listed = meetings_readable(actor).filter(date__year=year)
    organ = request.GET.get("organ", "")
    if organ.isdigit():
        listed = listed.filter(organ_id=int(organ))
    rows = list(meetings_listed(listed))
    organs = organs_readable(actor).filter(meetings__isnull=False).distinct().order_by("name")
    return render(
        request,
        "governance/meetings.html",
        {
            "year": year,
            "rows": rows,
            "organs": organs,
            "organ": organ,
            "chart": bar_chart(attendance_by_month(listed)),
            "can_convene": organs_manageable(actor).exists(),
            "can_schedule": is_admin(actor),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_convene(request: HttpRequest) -> HttpResponse:
    organs = organs_manageable(actor_of(request)).order_by("council__code", "name")
    if not organs.exists():
        raise PermissionDenied(_("You do not run any organ's meetings."))
    form = ConveneForm(request.POST or None, organs=organs)
    convened: list[Meeting] = []
    if request.method == "POST" and apply(
        form,
        lambda: convened.append(
            services.meeting_convene(
                organ=form.cleaned_data["organ"],
                date=form.cleaned_data["date"],
                place=form.cleaned_data["place"],
                first_call_time=form.cleaned_data["first_call_time"],
                second_call_time=form.cleaned_data["second_call_time"],
                agenda=form.agenda_items(),
                by=acting_user(request),
            )
        ),
    ):
        messages.success(request, _("Meeting convened. Print the notice and put it up."))
        return redirect(convened[0])
    return form_page(request, form, _("Convene a meeting"), reverse("governance:meetings"))


@login_required
@require_http_methods(["GET", "POST"])
def parliament_calendar(request: HttpRequest) -> HttpResponse:
    """The parliament's sessions for the months ahead, on its statute day, in one action."""
    actor = actor_of(request)
    if not is_admin(actor):
        raise PermissionDenied(_("Only the administrator schedules the parliament."))
    parliaments = organs_manageable(actor).filter(kind=OrganKind.PARLIAMENT)
    organ = parliaments.order_by("pk").first()
    if organ is None:
        raise PermissionDenied(_("There is no communal parliament among the organs."))
    form = ParliamentCalendarForm(request.POST or None, initial={"place": _("Communal house")})
    created: list[Meeting] = []
    if request.method == "POST" and apply(
        form,
        lambda: created.extend(
            services.meeting_schedule_parliament(
                organ=organ, by=acting_user(request), **form.cleaned_data
            )
        ),
    ):
        messages.success(
            request,
            ngettext("%(count)s session convened.", "%(count)s sessions convened.", len(created))
            % {"count": len(created)},
        )
        return redirect("governance:meetings")
    title = _("Calendar of the %(organ)s") % {"organ": organ.name}
    return form_page(request, form, title, reverse("governance:meetings"))


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return meeting_page(request, meeting_for_user(actor_of(request), pk))


def meeting_page(
    request: HttpRequest, meeting: Meeting, *, failed: tuple[int, forms.Form] | None = None
) -> HttpResponse:
    """The meeting's page; with ``failed`` (a proposal's id and its vote form, refused or
    with errors), that form as it was sent, its errors summarised at its top, where the
    page lands: the numbers typed are kept and the reason is in sight."""
    actor = actor_of(request)
    manage = meeting_is_manageable(actor, meeting)
    failed_pk, failed_form = failed if failed is not None else (None, None)
    return render(
        request,
        "governance/meeting.html",
        {
            "failed_pk": failed_pk,
            "failed_form": failed_form,
            "meeting": meeting,
            "quorum": meeting_quorum(meeting),
            "agenda": meeting.agenda.all(),
            "proposals": proposal_rows(meeting),
            "can_manage": manage,
            "show_attendees": attendance_is_visible(actor, meeting),
            "attendees": meeting.attendances.select_related("person", "seat").order_by("-pk"),
            "agenda_form": AgendaItemForm(),
            "close_form": CloseForm(),
            "hands_form": HandsForm(),
            "tally_form": TallyForm(),
        },
    )


@login_required
def meeting_quorum_part(request: HttpRequest, pk: int) -> HttpResponse:
    """The live quorum box, or (``?part=attendees``) the list of who is present."""
    actor = actor_of(request)
    meeting = meeting_for_user(actor, pk)
    if request.GET.get("part") == "attendees":
        if not attendance_is_visible(actor, meeting):
            raise PermissionDenied(_("Who attended is for those who run the meeting."))
        attendees = meeting.attendances.select_related("person", "seat").order_by("-pk")
        return render(
            request,
            "governance/_attendees.html",
            {"meeting": meeting, "attendees": attendees, "open_list": True},
        )
    return render(
        request, "governance/_quorum.html", {"meeting": meeting, "quorum": meeting_quorum(meeting)}
    )


@login_required
@require_POST
def meeting_open(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_user(actor_of(request), pk, manage=True)
    run(
        request,
        lambda: services.meeting_open(meeting=meeting, by=acting_user(request)),
        _("The meeting is in session. Register who is present."),
    )
    return back(meeting.get_absolute_url())


@login_required
@require_POST
def meeting_second_call(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_user(actor_of(request), pk, manage=True)
    run(
        request,
        lambda: services.meeting_move_to_second_call(meeting=meeting, by=acting_user(request)),
        _("The meeting is now at second call."),
    )
    return back(meeting.get_absolute_url())


@login_required
@require_POST
def meeting_close(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_user(actor_of(request), pk, manage=True)
    form = CloseForm(request.POST)
    if not form.is_valid():
        form_errors_flash(request, form)
        return back(meeting.get_absolute_url())
    notes = form.cleaned_data["notes"]
    run(
        request,
        lambda: services.meeting_close(meeting=meeting, notes=notes, by=acting_user(request)),
        _("The meeting is closed. Print the minutes for signature."),
    )
    return back(meeting.get_absolute_url())


@login_required
@require_POST
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_user(actor_of(request), pk, manage=True)
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        form_errors_flash(request, form)
        return back(meeting.get_absolute_url(), "agenda")
    title = form.cleaned_data["title"]
    run(
        request,
        lambda: services.agenda_item_add(meeting=meeting, title=title, by=acting_user(request)),
    )
    return back(meeting.get_absolute_url(), "agenda")
