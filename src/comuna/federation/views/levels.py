"""The federation's pages: its index, a level's figures, a commune's identity flags, and the
way from a level's table to a commune's public page.

A level's page is for its officers (and those above): it shows aggregates only, but which
communes are doing what is the federation's own working view, not a public one; each commune
publishes its own figures on its public page, which the level's table opens.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from comuna.census.models import Person
from comuna.core.charts import bar_chart, population_pyramid
from comuna.core.models import Commune
from comuna.core.replica import replica_reads
from comuna.core.tenancy import SESSION_KEY
from comuna.core.web import render
from comuna.federation import access, services
from comuna.federation.models import Unit
from comuna.federation.selectors import communes_below, level_figures
from comuna.users.actors import actor_of


@replica_reads
def index(request: HttpRequest) -> HttpResponse:
    """Where the federation starts: the officer's levels, a commune's way to register, and
    its administrators' identity flags."""
    units = access.units_readable(request.user)
    top = units.exclude(parent__in=units.values("pk")).order_by("level", "name")
    return render(
        request,
        "federation/index.html",
        {
            "units": top,
            "reviews": access.registrations_readable(request.user).filter(status="pending").count(),
            "is_officer": units.exists(),
            "flags": access.flags_of_commune(actor_of(request)).count(),
        },
    )


@login_required
@replica_reads
def level(request: HttpRequest, unit: str) -> HttpResponse:
    found = access.unit_for(request.user, unit)
    services.tallies_refresh_stale(found)
    figures = level_figures(found)
    below = communes_below(found).values("pk")
    flag_pairs = (
        access.flags_readable(request.user)
        .filter(first__in=below, second__in=below)
        .values("first__name", "second__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "first__name")[:50]
    )
    return render(
        request,
        "federation/level.html",
        {
            "unit": found,
            "figures": figures,
            "pyramid": population_pyramid(figures.age_bands),
            "coverage_chart": bar_chart([(c.name, c.coverage) for c in figures.communes[:40]])
            if found.level == Unit.Level.CITY
            else bar_chart([(p.name, p.coverage) for p in figures.parts[:40]]),
            "kinds_chart": bar_chart(
                [(k.label, k.count) for k in figures.incidents_by_kind[:12]], colour="var(--f)"
            ),
            "flag_pairs": flag_pairs,
            "parent": access.units_readable(request.user).filter(children=found).first(),
        },
    )


# The public pages of a commune a level's figure opens (``?ver=``): its figures, its books, its
# distribution, its incidents, its decisions.
PUBLIC_PAGES = {
    "": "portal:public",
    "cuentas": "ledger:public",
    "reparto": "distribution:public",
    "incidencias": "incidents:public",
    "decisiones": "governance:public_decisions",
}


def commune_public(request: HttpRequest, commune_code: str) -> HttpResponse:
    """Open a commune's public page (aggregates, open to anyone) from a level's table: the
    commune becomes the one this browser reads, as choosing it from the menu does."""
    commune = Commune.objects.filter(code=commune_code).first()
    if commune is None:
        raise Http404(_("There is no such commune here."))
    request.session[SESSION_KEY] = commune.pk
    return redirect(PUBLIC_PAGES.get(request.GET.get("ver", ""), "portal:public"))


@login_required
def identity_flags(request: HttpRequest) -> HttpResponse:
    """The commune's administrators: their people whose ID number another commune of this
    server also has in its census. The other commune is named; its person is not shown."""
    actor = actor_of(request)
    if actor.commune is None or not actor.is_admin:
        raise Http404(_("This page is for the commune's administrators."))
    commune = actor.commune
    flags = list(
        access.flags_of_commune(actor)
        .select_related("first", "second")
        .order_by("national_id", "first_id", "second_id")[:500]
    )
    people = {
        p.national_id: p
        for p in Person.objects.of(commune)
        .filter(national_id__in=[f.national_id for f in flags])
        .select_related("household__council")
    }
    rows = [
        {
            "flag": f,
            "person": people.get(f.national_id),
            "other": f.second if f.first_id == commune.pk else f.first,
        }
        for f in flags
    ]
    return render(request, "federation/identity_flags.html", {"rows": rows})
