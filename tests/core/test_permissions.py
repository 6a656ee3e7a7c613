"""Pages ask the apps' own access checks, by name, before offering a button."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from comuna.core.permissions import permitted
from comuna.core.templatetags.comuna import svg_fill
from comuna.users.actors import actor_nobody
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "shown"),
    [("spokesperson", False), ("comptroller", True), ("admin", True)],
)
def test_the_reconciliation_is_offered_only_to_those_who_may_read_it(
    world: World, who: str, shown: bool
) -> None:
    page = client_for(getattr(world, who)).get(reverse("distribution:index")).content.decode()
    assert (f'href="{reverse("distribution:reconciliation")}"' in page) is shown


def test_a_misspelt_check_fails_loudly() -> None:
    with pytest.raises(ImproperlyConfigured):
        permitted(actor_nobody(), "distribution.reconcilation")


def test_a_chart_colour_needs_no_inline_style() -> None:
    assert svg_fill("var(--f)") == 'class="fill-f"'
    assert svg_fill("#1b6e3a") == 'fill="#1b6e3a"'
    assert svg_fill('"><script>') == 'fill="&quot;&gt;&lt;script&gt;"'
