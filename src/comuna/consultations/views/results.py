"""The list of consultations, and the published results: public, aggregates only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from comuna.consultations import access, selectors
from comuna.consultations.documents import result_pdf
from comuna.core.charts import bar_chart
from comuna.core.web import pdf_response, render
from comuna.users.actors import actor_of


def index(request: HttpRequest) -> HttpResponse:
    """What the reader has to do with consultations: an officer's, a commune's, and the
    published ones (for everybody)."""
    actor = actor_of(request)
    return render(
        request,
        "consultations/index.html",
        {
            "officer": access.is_officer(request.user),
            "governed": access.consultations_governed(request.user).select_related("unit")[:200],
            "of_commune": access.consultations_of_commune(actor).select_related("unit")[:200],
            "published": access.consultations_published()[:200],
        },
    )


def results(request: HttpRequest, pk: int) -> HttpResponse:
    result = selectors.published(access.consultation_published(pk))
    chart = bar_chart([(o.label, o.votes or 0) for o in result.options])
    return render(request, "consultations/results.html", {"result": result, "chart": chart})


def results_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    result = selectors.published(access.consultation_published(pk))
    return pdf_response(result_pdf(result), f"consulta-{pk}.pdf")
