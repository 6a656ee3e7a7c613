"""The letters' pages: the list, writing a letter from incidents, one letter with its figures,
sending it, its answer, its reminders, and the printable letter."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.core.tenancy import commune_of
from comuna.core.web import apply, pdf_response, render
from comuna.letters import access, services
from comuna.letters.documents import letter_pdf, reminder_pdf
from comuna.letters.forms import (
    LetterAnswerForm,
    LetterFilterForm,
    LetterForm,
    LetterSendForm,
    ReminderForm,
)
from comuna.letters.models import Institution, Letter, LetterStatus
from comuna.letters.selectors import (
    incidents_to_write_about,
    letter_figures,
    letters_listed,
    letters_overdue,
)
from comuna.users.actors import acting_user, actor_of


@login_required
def letter_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    access.letters_read_require(actor)
    today = timezone.localdate()
    readable = access.letters_readable(actor)
    form = LetterFilterForm(
        request.GET or None, institutions=Institution.objects.of(commune_of(request))
    )
    letters = readable
    if form.is_valid():
        status = form.cleaned_data["status"]
        if status == "overdue":
            letters = letters_overdue(letters, today=today)
        elif status:
            letters = letters.filter(status=status)
        if form.cleaned_data["institution"]:
            letters = letters.filter(institution=form.cleaned_data["institution"])
    return render(
        request,
        "letters/list.html",
        {
            "form": form,
            "overdue": letters_listed(letters_overdue(readable, today=today)).order_by(
                "answer_due_on"
            ),
            "letters": letters_listed(letters).order_by("-year", "-number"),
            "today": today,
        },
    )


def _letter_form(request: HttpRequest, letter: Letter | None = None) -> LetterForm:
    commune = commune_of(request)
    initial: dict[str, object] = {}
    if letter is not None:
        initial = {
            "institution": letter.institution_id,
            "subject": letter.subject,
            "incidents": list(letter.incidents.values_list("pk", flat=True)),
            "body": letter.body,
            "needed": letter.needed,
            "brigade_work": letter.brigade_work,
        }
    else:
        initial = {"incidents": request.GET.getlist("incident")}
    return LetterForm(
        request.POST or None,
        initial=initial,
        institutions=Institution.objects.of(commune),
        incidents=incidents_to_write_about(commune),
    )


@login_required
@require_http_methods(["GET", "POST"])
def letter_create(request: HttpRequest) -> HttpResponse:
    access.letters_write_require(actor_of(request))
    form = _letter_form(request)
    made: list[Letter] = []

    def create() -> None:
        made.append(
            services.letter_create(
                commune=commune_of(request), by=acting_user(request), **form.cleaned_data
            )
        )

    if request.method == "POST" and apply(form, create):
        messages.success(request, _("The letter is written as a draft: print it and send it."))
        return redirect("letters:detail", made[0].pk)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("New letter"), "back": reverse("letters:list")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def letter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    letter = access.letter_for_user(actor_of(request), pk, write=True)
    form = _letter_form(request, letter)
    back = reverse("letters:detail", args=[letter.pk])
    if request.method == "POST" and apply(
        form, lambda: services.letter_update(letter=letter, **form.cleaned_data)
    ):
        messages.success(request, _("Saved."))
        return redirect(back)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Edit %(reference)s") % {"reference": letter}, "back": back},
    )


@login_required
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    letter = access.letter_for_user(actor, pk)
    today = timezone.localdate()
    return render(
        request,
        "letters/detail.html",
        {
            "letter": letter,
            "figures": letter_figures(letter, today=today),
            "reminders": letter.reminders.all(),
            "overdue": letter.is_overdue_on(today),
            "write": access.letters_are_written(actor),
            "send_form": LetterSendForm() if letter.status == LetterStatus.DRAFT else None,
            "answer_form": LetterAnswerForm() if letter.status == LetterStatus.SENT else None,
            "reminder_form": ReminderForm() if letter.status == LetterStatus.SENT else None,
        },
    )


def _step(
    request: HttpRequest,
    pk: int,
    form_class: type[LetterSendForm | LetterAnswerForm | ReminderForm],
    title: str,
    done: str,
    action: str,
) -> HttpResponse:
    letter = access.letter_for_user(actor_of(request), pk, write=True)
    form = form_class(request.POST or None)
    by = acting_user(request)

    def act() -> None:
        d = form.cleaned_data
        if action == "send":
            services.letter_send(letter=letter, by=by, **d)
        elif action == "answer":
            services.letter_answer(letter=letter, **d)
        else:
            services.reminder_send(letter=letter, by=by, **d)

    back = reverse("letters:detail", args=[letter.pk])
    if request.method == "POST" and apply(form, act):
        messages.success(request, done)
        return redirect(back)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": f"{title} · {letter.reference}", "back": back},
    )


@login_required
@require_http_methods(["GET", "POST"])
def letter_send(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, LetterSendForm, _("Mark as sent"), _("The letter is marked as sent."), "send"
    )


@login_required
@require_http_methods(["GET", "POST"])
def letter_answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        LetterAnswerForm,
        _("Record the answer"),
        _("The answer is recorded."),
        "answer",
    )


@login_required
@require_http_methods(["GET", "POST"])
def reminder_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        ReminderForm,
        _("Send a reminder"),
        _("The reminder is recorded: print it and send it."),
        "reminder",
    )


@login_required
def letter_print(request: HttpRequest, pk: int) -> HttpResponse:
    letter = access.letter_for_user(actor_of(request), pk)
    return pdf_response(letter_pdf(letter), f"{letter.reference}.pdf")


@login_required
def reminder_print(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    letter = access.letter_for_user(actor_of(request), pk)
    reminder = letter.reminders.filter(number=number).first()
    if reminder is None:
        raise Http404(_("No such reminder."))
    return pdf_response(reminder_pdf(reminder), f"{reminder.reference}.pdf")
