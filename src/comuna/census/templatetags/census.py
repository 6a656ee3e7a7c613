from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.census.identity import format_national_id
from comuna.census.models import CHILD_AGE, ELDERLY_AGE, Person

register = template.Library()


@register.filter
def national_id(value: str | None) -> str:
    return format_national_id(value)


@register.filter
def age(person: Person) -> int:
    day = person.status_date if person.status == "deceased" and person.status_date else None
    return person.age_on(day or timezone.localdate())


@register.filter
def vulnerability_marks(person: Person) -> list[str]:
    marks = []
    years = person.age_on(timezone.localdate())
    if years >= ELDERLY_AGE:
        marks.append(_("elderly"))
    if years < CHILD_AGE:
        marks.append(_("child"))
    if person.disability:
        marks.append(_("disability"))
    if person.pregnant:
        marks.append(_("pregnancy"))
    if person.chronic_illness:
        marks.append(_("chronic illness"))
    return marks
