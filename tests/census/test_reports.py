"""Statistics pages with charts, the public page's charts, and the household cards (PDF)."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from comuna.census.cards import card_payload
from comuna.census.services import household_leave
from tests import factories
from tests.conftest import PHONES_URL, World, client_for
from tests.pdf import pdf_links, pdf_page_count, pdf_text

# Whatever names, ID numbers or addresses the world holds: no aggregate page may show them.
PERSONAL = ("María", "Pérez", "Carmen", "Rojas", "12345678", "8765432", "Calle 1", "Vereda 4")


def _grow(world: World, councils: int, households: int) -> None:
    """More councils and households, to show that the queries of a page do not grow."""
    for n in range(councils):
        council = factories.make_council(world.commune, f"CX{n:02d}")
        for _ in range(households):
            household = factories.make_household(council)
            factories.make_person(household, is_head=True)
            factories.make_person(household, sex="M")


def _get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# Statistics pages


def test_any_logged_in_user_sees_the_commune_statistics_with_charts(world: World) -> None:
    body = _get(client_for(world.resident), reverse("census:statistics"))
    assert 'data-testid="chart-pyramid"' in body
    assert 'data-testid="chart-vulnerability"' in body
    assert 'data-testid="chart-councils"' in body
    assert "<svg" in body and "<script" not in body.split("<main>")[1]
    assert "Los Mangos" in body and "La Ceiba" in body  # the per-council table


def test_the_statistics_name_no_person(world: World) -> None:
    body = _get(client_for(world.resident), reverse("census:statistics"))
    assert not [word for word in PERSONAL if word in body]


def test_an_anonymous_visitor_is_sent_to_log_in_for_statistics(world: World) -> None:
    for url in (
        reverse("census:statistics"),
        reverse("census:council_statistics", args=["CC01"]),
    ):
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert reverse("users:login") in response["Location"]


def test_a_resident_sees_another_councils_statistics_but_no_record(world: World) -> None:
    body = _get(client_for(world.resident), reverse("census:council_statistics", args=["CC02"]))
    assert "La Ceiba" in body
    assert not [word for word in PERSONAL if word in body]
    assert reverse("census:council", args=["CC02"]) not in body  # no link to its census


def test_a_councils_statistics_count_its_people_only(world: World) -> None:
    body = _get(client_for(world.spokesperson), reverse("census:council_statistics", args=["CC01"]))
    # CC01 holds María José (F, 1980) and Luis (M, 2018): two people, one child.
    assert re.search(r'class="figure">2</div><div class="what">people', body)
    assert re.search(r'class="figure">1</div><div class="what">children under 12', body)
    assert 'data-testid="chart-councils"' not in body
    assert reverse("census:council", args=["CC01"]) in body


def test_an_unknown_council_has_no_statistics(world: World) -> None:
    response = client_for(world.admin).get(reverse("census:council_statistics", args=["ZZ99"]))
    assert response.status_code == 404


def test_the_charts_keep_their_coordinates_in_spanish(world: World) -> None:
    """Spanish writes 1,5 for 1.5: the drawing's numbers must not be localised."""
    body = _get(client_for(world.admin, language="es"), reverse("census:statistics"))
    coordinates = re.findall(r'\b(?:x|y|width|height|viewBox)="([^"]*)"', body)
    assert coordinates and not [value for value in coordinates if "," in value]


def test_the_statistics_queries_do_not_grow_with_the_commune(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    _grow(world, councils=6, households=3)
    client = client_for(world.admin)
    # 7 or 8 whatever the size of the commune; the public page asks once more, for the
    # waste collected (none in this world).
    for url, most in (
        (reverse("census:statistics"), 8),
        (reverse("census:council_statistics", args=["CX01"]), 8),
        (reverse("portal:public"), 9),
    ):
        with django_assert_max_num_queries(most):
            _get(client, url)


# The public page


def test_the_public_page_shows_the_charts_and_never_a_name(world: World) -> None:
    body = _get(client_for(None), reverse("portal:public"))
    assert 'data-testid="chart-pyramid"' in body
    assert 'data-testid="chart-vulnerability"' in body
    assert "<title" in body and "<details" in body  # accessible title, numbers as a table
    assert not [word for word in PERSONAL if word in body]


def test_the_public_page_counts_everyone_in_the_pyramid(world: World) -> None:
    body = _get(client_for(None), reverse("portal:public"))
    # Two women born in 1980 are 45–59 or 30–44 depending on the day; the boy is 5–11.
    assert re.search(r"<td>5–11</td><td class=\"num\">0</td><td class=\"num\">1</td>", body)


# Household cards


def test_a_resident_prints_their_own_household_card(world: World) -> None:
    response = client_for(world.resident).get(
        reverse("census:household_card", args=[world.household.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    for shown in (
        "Comuna El Panal",
        "CC01-0001",
        "CC01 · Los Mangos",
        "Calle 1, casa 3",
        "María José Pérez Rodríguez",
        "Members: 2",
        world.household.card_code,
    ):
        assert shown in text
    assert pdf_page_count(pdf) == 1


def test_the_cards_qr_code_is_the_communes_address_even_with_a_forged_host_header(
    world: World,
) -> None:
    response = client_for(world.resident).get(
        reverse("census:household_card", args=[world.household.pk]), HTTP_HOST="evil.example:80"
    )
    code = world.household.card_code
    assert response.status_code == 200
    assert pdf_links(response.content) == [f"{PHONES_URL}/censo/carnet/?code={code}"]
    assert b"evil.example" not in response.content
    scanned = client_for(world.spokesperson).get(f"/censo/carnet/?code={code}")
    assert scanned.status_code == 302
    assert scanned["Location"] == reverse("census:household", args=[world.household.pk])


def test_the_payload_is_the_lookup_address_with_the_code() -> None:
    assert card_payload("http://comuna.local/censo/carnet/", "K7M2Q9XW4P") == (
        "http://comuna.local/censo/carnet/?code=K7M2Q9XW4P"
    )


def test_a_resident_cannot_print_another_households_card(world: World) -> None:
    url = reverse("census:household_card", args=[world.other_household.pk])
    assert client_for(world.resident).get(url).status_code == 404
    assert client_for(world.spokesperson).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_a_card_without_a_head_or_sector_still_prints(world: World) -> None:
    household = factories.make_household(world.council, reference="0099", address="Casa sola")
    response = client_for(world.admin).get(reverse("census:household_card", args=[household.pk]))
    text = pdf_text(response.content)
    assert "CC01-0099" in text and "Members: 0" in text and "Sector" not in text


def test_a_departed_households_card_says_so(world: World) -> None:
    household_leave(household=world.other_household)
    response = client_for(world.admin).get(
        reverse("census:household_card", args=[world.other_household.pk])
    )
    assert "Left the commune" in pdf_text(response.content)


def test_a_spokesperson_prints_the_councils_cards_eight_to_a_page(world: World) -> None:
    sector = factories.make_sector(world.council, "Norte")
    for _ in range(8):
        factories.make_person(factories.make_household(world.council, sector=sector), is_head=True)
    gone = factories.make_household(world.council)
    household_leave(household=gone)
    response = client_for(world.spokesperson).get(reverse("census:council_cards", args=["CC01"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert pdf_page_count(response.content) == 2  # nine active households
    assert len(pdf_links(response.content)) == 9
    assert "CC01-0001" in text and "Sector: Norte" in text
    assert gone.card_code not in text
    assert world.other_household.card_code not in text


def test_a_resident_printing_the_councils_cards_gets_only_their_own(world: World) -> None:
    factories.make_household(world.council)
    response = client_for(world.resident).get(reverse("census:council_cards", args=["CC01"]))
    assert response.status_code == 200
    assert pdf_links(response.content) == [
        f"{PHONES_URL}/censo/carnet/?code={world.household.card_code}"
    ]


def test_a_spokesperson_cannot_print_another_councils_cards(world: World) -> None:
    response = client_for(world.spokesperson).get(reverse("census:council_cards", args=["CC02"]))
    assert response.status_code == 404


def test_a_council_with_no_households_prints_a_page_that_says_so(world: World) -> None:
    factories.make_council(world.commune, "CC09")
    response = client_for(world.admin).get(reverse("census:council_cards", args=["CC09"]))
    assert "There are no household cards to print." in pdf_text(response.content)


def test_the_council_cards_queries_do_not_grow_with_the_council(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    _grow(world, councils=1, households=12)
    client = client_for(world.admin)
    # The session, the commune, the user and their memberships; the council, its households,
    # their heads and the commune's name on the cards.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("census:council_cards", args=["CX00"]))
    assert len(pdf_links(response.content)) == 12


def test_the_council_page_offers_the_cards(world: World) -> None:
    body = _get(client_for(world.spokesperson), reverse("census:council", args=["CC01"]))
    assert reverse("census:council_cards", args=["CC01"]) in body


def test_without_an_address_for_phones_no_card_prints_and_the_admin_is_sent_to_set_it(
    world: World,
) -> None:
    world.commune.public_url = ""
    world.commune.save(update_fields=["public_url"])
    admin = client_for(world.admin, language="es")
    response = admin.get(reverse("census:council_cards", args=["CC01"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("memberships:commune_settings")
    page = admin.get(response["Location"]).content.decode()
    assert "Antes de imprimir carnets, escribe la dirección" in page
    assert 'data-testid="no-address"' in page

    spokesperson = client_for(world.spokesperson, language="es")
    response = spokesperson.get(reverse("census:household_card", args=[world.household.pk]))
    assert response["Location"] == world.household.get_absolute_url()
    page = spokesperson.get(response["Location"]).content.decode()
    assert "el administrador debe fijar primero la dirección" in page
