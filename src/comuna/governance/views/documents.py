"""The meeting's printed documents: the convocation poster and the minutes (acta)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from comuna.core.web import pdf_response
from comuna.governance import documents
from comuna.governance.access import meeting_for_user
from comuna.users.actors import actor_of


@login_required
def convocation_download(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_user(actor_of(request), pk)
    return pdf_response(
        documents.convocation_pdf(meeting), f"convocatoria-{meeting.date.isoformat()}.pdf"
    )


@login_required
def acta_download(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_user(actor_of(request), pk)
    return pdf_response(
        documents.acta_pdf(meeting), f"acta-{meeting.date.isoformat()}-{meeting.pk}.pdf"
    )
