"""The census over JSON: the same records, the same permissions, as the census pages.

Every record is fetched through ``comuna.census.access`` and every change goes through
``comuna.census.services``; these operations only translate between JSON and those calls.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import P, PathEx, QueryEx, Router, Schema, Status
from pydantic import Field

from comuna.api.auth import api_actor, api_commune, api_user
from comuna.api.errors import READ_ERRORS, WRITE_ERRORS
from comuna.api.inputs import MAX_ID, NO_CONTROL, Input, length_of
from comuna.census import services
from comuna.census.access import (
    council_for_user,
    household_for_card,
    household_for_user,
    households_readable,
    person_for_user,
)
from comuna.census.identity import clean_name
from comuna.census.models import Council, Household, Person, PersonStatus, Sector
from comuna.census.selectors import (
    commune_statistics,
    councils_with_counts,
    households_listed,
    people_search,
)
from comuna.core.refusals import Refusal

router = Router(tags=["census"])

ID = P(ge=1, le=MAX_ID)

PAGE_SIZE = 50
MAX_PAGE = 1_000_000


# --- What the API answers -----------------------------------------------------------------


class AgeBandOut(Schema):
    label: str
    female: int
    male: int
    unknown: int
    total: int


class VulnerabilityOut(Schema):
    elderly: int
    children: int
    small_children: int
    disability: int
    pregnant: int
    chronic_illness: int


class CouncilOut(Schema):
    code: str
    name: str
    households: int = Field(description="Households still in the commune.")
    people: int = Field(description="People still living here.")


class StatsOut(Schema):
    """Aggregates only, as on the public statistics page."""

    councils: int
    households: int
    people: int
    age_bands: list[AgeBandOut]
    vulnerability: VulnerabilityOut
    by_council: list[CouncilOut]


class PersonOut(Schema):
    id: int
    household_id: int
    household: str = Field(description="The household's label, as on its card: CC01-0001.")
    first_names: str
    last_names: str
    national_id: str | None
    birth_date: dt.date
    sex: str = Field(description="F, M, or empty when not recorded.")
    is_head: bool
    disability: bool
    pregnant: bool
    chronic_illness: bool
    status: str
    status_date: dt.date | None


class HouseholdOut(Schema):
    id: int
    council: str
    reference: str
    label: str
    address: str
    sector: str | None
    card_code: str
    status: str
    status_date: dt.date | None
    people: int = Field(description="Members still living here.")


class HouseholdDetailOut(HouseholdOut):
    members: list[PersonOut] = Field(description="Everyone recorded here, past members too.")


class HouseholdPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[HouseholdOut]


# --- What the API accepts -----------------------------------------------------------------


class HouseholdIn(Input):
    council: str = Field(
        description="The council's code, e.g. CC01.", max_length=length_of(Council, "code")
    )
    reference: str = Field(max_length=length_of(Household, "reference"))
    address: str = Field(max_length=length_of(Household, "address"))
    sector: str | None = Field(
        None,
        description="A sector's name in that council.",
        max_length=length_of(Sector, "name"),
    )


class PersonIn(Input):
    first_names: str = Field(max_length=length_of(Person, "first_names"))
    last_names: str = Field(max_length=length_of(Person, "last_names"))
    birth_date: dt.date
    national_id: str | None = Field(
        None, max_length=length_of(Person, "national_id"), description="V or E and digits."
    )
    sex: Literal["F", "M", ""] = ""
    is_head: bool = False
    disability: bool = False
    pregnant: bool = False
    chronic_illness: bool = False


# --- Rows to answers ----------------------------------------------------------------------


def _person_out(person: Person, household: Household) -> PersonOut:
    return PersonOut(
        id=person.pk,
        household_id=household.pk,
        household=household.label,
        first_names=person.first_names,
        last_names=person.last_names,
        national_id=person.national_id,
        birth_date=person.birth_date,
        sex=person.sex,
        is_head=person.is_head,
        disability=person.disability,
        pregnant=person.pregnant,
        chronic_illness=person.chronic_illness,
        status=person.status,
        status_date=person.status_date,
    )


def _household_out(household: Household, people: int) -> HouseholdOut:
    return HouseholdOut(
        id=household.pk,
        council=household.council.code,
        reference=household.reference,
        label=household.label,
        address=household.address,
        sector=household.sector.name if household.sector else None,
        card_code=household.card_code,
        status=household.status,
        status_date=household.status_date,
        people=people,
    )


def _household_detail(household: Household) -> HouseholdDetailOut:
    members = list(household.members.order_by("status", "-is_head", "birth_date"))
    people = sum(1 for member in members if member.status == PersonStatus.ACTIVE)
    return HouseholdDetailOut(
        **_household_out(household, people).model_dump(),
        members=[_person_out(member, household) for member in members],
    )


def _council_out(council: Council) -> CouncilOut:
    """A council annotated by ``councils_with_counts``."""
    households, people = council.n_households, council.n_people  # type: ignore[attr-defined]
    return CouncilOut(code=council.code, name=council.name, households=households, people=people)


def _sector(council: Council, name: str | None) -> Sector | None:
    name = clean_name(name or "")
    if not name:
        return None
    sector = council.sectors.filter(name=name).first()
    if sector is None:
        raise Refusal(
            _("Council %(council)s has no sector “%(sector)s”.")
            % {"council": council.code, "sector": name},
            field="sector",
        )
    return sector


# --- Operations ---------------------------------------------------------------------------


@router.get("/stats", response=StatsOut, auth=None, summary="Census aggregates (public)")
def stats(request: HttpRequest) -> StatsOut:
    figures = commune_statistics(commune=api_commune(request))
    return StatsOut(
        councils=figures.councils,
        households=figures.households,
        people=figures.people,
        age_bands=[
            AgeBandOut(
                label=band.label,
                female=band.female,
                male=band.male,
                unknown=band.unknown,
                total=band.total,
            )
            for band in figures.age_bands
        ],
        vulnerability=VulnerabilityOut(**figures.vulnerability),
        by_council=[
            CouncilOut(code=row.code, name=row.name, households=row.households, people=row.people)
            for row in figures.council_rows
        ],
    )


@router.get("/councils", response={200: list[CouncilOut], **READ_ERRORS})
def councils(request: HttpRequest) -> list[CouncilOut]:
    """The councils whose households the caller may read."""
    return [_council_out(c) for c in councils_with_counts(api_actor(request)).order_by("code")]


@router.get("/households", response={200: HouseholdPageOut, **READ_ERRORS})
def households(
    request: HttpRequest,
    council: QueryEx[
        str | None,
        P(
            description="A council's code, e.g. CC01.",
            max_length=length_of(Council, "code"),
            pattern=NO_CONTROL,
        ),
    ] = None,
    page: QueryEx[int, P(ge=1, le=MAX_PAGE)] = 1,
) -> HouseholdPageOut:
    """The households the caller may read, 50 a page; in one council if ``council`` is given."""
    actor = api_actor(request)
    rows = households_readable(actor)
    if council:
        rows = rows.filter(council=council_for_user(actor, council))
    paginator = Paginator(households_listed(rows), PAGE_SIZE)
    try:
        current = paginator.page(page)
    except EmptyPage:
        raise Http404(_("There is no page %(page)s.") % {"page": page}) from None
    return HouseholdPageOut(
        count=paginator.count,
        page=current.number,
        pages=paginator.num_pages,
        items=[_household_out(h, h.n_members) for h in current],  # type: ignore[attr-defined]
    )


@router.get("/households/by-card/{card_code}", response={200: HouseholdDetailOut, **READ_ERRORS})
def household_by_card(
    request: HttpRequest,
    card_code: PathEx[str, P(max_length=length_of(Household, "card_code"), pattern=NO_CONTROL)],
) -> HouseholdDetailOut:
    """The household whose card carries this code (what its QR code holds)."""
    return _household_detail(household_for_card(api_actor(request), card_code))


@router.get("/households/{household_id}", response={200: HouseholdDetailOut, **READ_ERRORS})
def household(request: HttpRequest, household_id: PathEx[int, ID]) -> HouseholdDetailOut:
    return _household_detail(household_for_user(api_actor(request), household_id))


@router.get("/people", response={200: list[PersonOut], **READ_ERRORS})
def people(
    request: HttpRequest,
    q: QueryEx[
        str,
        P(
            description="Names, an ID number as printed or typed (V-12.345.678, 12345678), or a "
            "household code (CC01-0002) for its members; accents and case are ignored.",
            max_length=200,
            pattern=NO_CONTROL,
        ),
    ],
    limit: QueryEx[int, P(ge=1, le=100)] = 25,
) -> list[PersonOut]:
    """People in the caller's reach whose names or ID number contain every word of ``q``, or
    the members of the household whose code ``q`` is."""
    found = people_search(api_actor(request), q, limit=limit) if len(q.strip()) >= 2 else []
    return [_person_out(person, person.household) for person in found]


@router.get("/people/{person_id}", response={200: PersonOut, **READ_ERRORS})
def person(request: HttpRequest, person_id: PathEx[int, ID]) -> PersonOut:
    found = person_for_user(api_actor(request), person_id)
    return _person_out(found, found.household)


@router.post("/households", response={201: HouseholdDetailOut, **WRITE_ERRORS})
def household_create(request: HttpRequest, payload: HouseholdIn) -> Status[HouseholdDetailOut]:
    """Register a household in a council the caller speaks for."""
    user = api_user(request)
    council = council_for_user(api_actor(request), payload.council.strip(), write=True)
    created = services.household_create(
        council=council,
        reference=payload.reference,
        address=payload.address,
        sector=_sector(council, payload.sector),
        by=user,
    )
    return Status(201, _household_detail(created))


@router.post("/households/{household_id}/people", response={201: PersonOut, **WRITE_ERRORS})
def person_create(
    request: HttpRequest, household_id: PathEx[int, ID], payload: PersonIn
) -> Status[PersonOut]:
    """Register a person as a member of a household the caller may change."""
    user = api_user(request)
    target = household_for_user(api_actor(request), household_id, write=True)
    created = services.person_create(household=target, by=user, **payload.model_dump())
    return Status(201, _person_out(created, created.household))
