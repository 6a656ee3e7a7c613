from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from comuna.core.refusals import Refusal
from comuna.enterprises import accounts
from comuna.ledger.models import Account, Entry
from comuna.recycling import selectors, services
from comuna.recycling.materials import STANDARD_MATERIALS
from comuna.recycling.models import Bale, Material, Sale, SourceKind, WeighIn
from tests.recycling.conftest import Yard

TODAY = dt.date(2026, 11, 20)


def balance(yard: Yard, code: str) -> int:
    account = Account.objects.of(yard.world.commune).get(code=code)
    return account.debits_posted - account.credits_posted


def weigh(yard: Yard, grams: int, **extra: object) -> WeighIn:
    fields: dict[str, object] = {
        "commune": yard.world.commune,
        "material": yard.cardboard,
        "date": TODAY,
        "gross_g": grams + 1_000,
        "tare_g": 1_000,
        "source": SourceKind.NAMED,
        "source_name": "Don José",
        "by": yard.operator,
    }
    fields.update(extra)
    return services.weighin_record(**fields)  # type: ignore[arg-type]


def test_every_commune_starts_with_the_list_of_waste_codes(yard: Yard) -> None:
    codes = set(Material.objects.of(yard.world.commune).values_list("code", flat=True))
    assert codes == {code for code, _name in STANDARD_MATERIALS}
    assert "20 01 39" in codes and "20 01 40" in codes and "20 01 10" in codes


def test_a_standard_material_is_named_in_the_readers_language(yard: Yard) -> None:
    from django.utils import translation

    with translation.override("es"):
        assert yard.cardboard.display_name == "Papel y cartón"
    assert yard.cardboard.display_name == "Paper and cardboard"


def test_a_commune_adds_its_own_material_and_not_twice(yard: Yard) -> None:
    own = services.material_create(commune=yard.world.commune, code="CC-01", name="Tapas")
    assert own.display_name == "Tapas" and not own.standard
    with pytest.raises(Refusal) as refused:
        services.material_create(commune=yard.world.commune, code="cc-01", name="Otra")
    assert refused.value.code == "duplicate"


def test_a_weigh_in_keeps_the_net_and_posts_it_into_the_stock(yard: Yard) -> None:
    weighin = weigh(yard, 12_500)
    assert (weighin.gross_g, weighin.tare_g, weighin.net_g) == (13_500, 1_000, 12_500)
    assert weighin.entry is not None
    assert (weighin.entry.debit, weighin.entry.credit) == (
        accounts.STOCK_RECYCLABLES,
        accounts.COLLECTED_RECYCLABLES,
    )
    assert weighin.entry.amount == 12_500 and weighin.entry.unit == "KG"
    assert "Papel y cartón" in weighin.entry.description  # the records' language
    assert balance(yard, accounts.STOCK_RECYCLABLES) == 12_500


@pytest.mark.parametrize(
    ("gross", "tare", "code"),
    [
        (1_000, 2_000, "tare_above_gross"),
        (-1, 0, "negative"),
        (5_000, -10, "negative"),
        (3_000, 3_000, "nothing_weighed"),
    ],
)
def test_a_bad_weight_is_refused_and_changes_nothing(
    yard: Yard, gross: int, tare: int, code: str
) -> None:
    with pytest.raises(Refusal) as refused:
        weigh(yard, 0, gross_g=gross, tare_g=tare)
    assert refused.value.code == code
    assert not WeighIn.objects.exists() and not Entry.objects.exists()


def test_an_unknown_material_is_refused(yard: Yard) -> None:
    from tests import factories

    other = factories.make_commune(name="Otra", code="otra")
    foreign = Material.objects.of(other).get(code="20 01 01")
    for material in (None, foreign):
        with pytest.raises(Refusal) as refused:
            weigh(yard, 1_000, material=material)
        assert refused.value.code == "material"
    assert not WeighIn.objects.exists()


def test_a_weigh_in_names_its_source_once(yard: Yard) -> None:
    household = weigh(yard, 2_000, source=SourceKind.HOUSEHOLD, household=yard.world.household)
    assert household.source_label == "Household 0001"
    person = weigh(yard, 2_000, source=SourceKind.PERSON, person=yard.world.head)
    assert person.source_label == "María José Pérez Rodríguez"
    with pytest.raises(Refusal):
        weigh(yard, 2_000, source=SourceKind.HOUSEHOLD)
    with pytest.raises(Refusal):
        weigh(yard, 2_000, source=SourceKind.NAMED, source_name=" ")
    with pytest.raises(Refusal):
        weigh(
            yard,
            2_000,
            source=SourceKind.PERSON,
            person=yard.world.head,
            household=yard.world.household,
        )


def test_the_database_holds_the_net_and_the_tare(yard: Yard) -> None:
    weighin = weigh(yard, 2_000)
    for change in ({"net_g": 5}, {"tare_g": 10_000}):
        with pytest.raises(IntegrityError), transaction.atomic():
            WeighIn.objects.filter(pk=weighin.pk).update(**change)


def test_a_future_date_is_refused(yard: Yard) -> None:
    with pytest.raises(Refusal) as refused:
        weigh(yard, 1_000, date=timezone.localdate() + dt.timedelta(days=5))
    assert refused.value.code == "future_date"


def test_a_sale_posts_the_money_in_and_the_goods_out(yard: Yard) -> None:
    weigh(yard, 100_000)
    sale = services.sale_record(
        commune=yard.world.commune,
        material=yard.cardboard,
        date=TODAY,
        weight_g=40_500,
        price_cents_per_kg=1_250,
        buyer="Recuperadora Lara",
        by=yard.manager,
    )
    assert sale.amount_cents == 50_625  # 40.5 kg x 12.50
    assert sale.money_entry is not None and sale.goods_entry is not None
    assert balance(yard, accounts.RECYCLING_CASH) == 50_625
    assert -balance(yard, accounts.INCOME_RECYCLING_SALES) == 50_625
    assert balance(yard, accounts.STOCK_RECYCLABLES) == 59_500
    assert balance(yard, accounts.SOLD_RECYCLABLES) == 40_500
    assert selectors.material_stock_g(yard.cardboard) == 59_500


def test_a_sale_beyond_the_materials_stock_is_refused(yard: Yard) -> None:
    weigh(yard, 10_000)
    weigh(yard, 50_000, material=yard.glass)
    with pytest.raises(Refusal) as refused:
        services.sale_record(
            commune=yard.world.commune,
            material=yard.cardboard,
            date=TODAY,
            weight_g=10_001,
            price_cents_per_kg=100,
            buyer="X",
        )
    assert refused.value.code == "beyond_stock"
    assert not Sale.objects.exists()
    assert balance(yard, accounts.STOCK_RECYCLABLES) == 60_000


def test_bales_come_from_the_loose_stock_and_leave_with_the_sales(yard: Yard) -> None:
    weigh(yard, 1_000_000)
    first = services.bale_form(
        commune=yard.world.commune, material=yard.cardboard, weight_g=400_000, formed_on=TODAY
    )
    services.bale_form(
        commune=yard.world.commune, material=yard.cardboard, weight_g=400_000, formed_on=TODAY
    )
    with pytest.raises(Refusal):
        services.bale_form(
            commune=yard.world.commune, material=yard.cardboard, weight_g=200_001, formed_on=TODAY
        )
    (row,) = selectors.stock_by_material(yard.world.commune)
    assert (row.stock_g, row.baled_g, row.loose_g, row.bales) == (1_000_000, 800_000, 200_000, 2)
    sale = services.sale_record(
        commune=yard.world.commune,
        material=yard.cardboard,
        date=TODAY,
        weight_g=500_000,
        price_cents_per_kg=100,
        buyer="X",
    )
    first.refresh_from_db()
    assert first.sold_in == sale
    (row,) = selectors.stock_by_material(yard.world.commune)
    assert (row.stock_g, row.baled_g, row.loose_g, row.bales) == (500_000, 400_000, 100_000, 1)
    assert Bale.objects.filter(sold_in__isnull=True).count() == 1


def test_reference_prices_and_the_price_history(yard: Yard) -> None:
    services.reference_price_set(
        commune=yard.world.commune,
        material=yard.cardboard,
        valid_from=dt.date(2026, 1, 1),
        price_cents_per_kg=900,
    )
    services.reference_price_set(
        commune=yard.world.commune,
        material=yard.cardboard,
        valid_from=dt.date(2026, 1, 1),
        price_cents_per_kg=1_000,
    )
    assert selectors.reference_price_on(yard.cardboard, TODAY).price_cents_per_kg == 1_000  # type: ignore[union-attr]
    weigh(yard, 5_000)
    services.sale_record(
        commune=yard.world.commune,
        material=yard.cardboard,
        date=TODAY,
        weight_g=5_000,
        price_cents_per_kg=1_100,
        buyer="X",
    )
    sales, prices = selectors.price_history(yard.cardboard)
    assert [s.price_cents_per_kg for s in sales] == [1_100]
    assert [p.price_cents_per_kg for p in prices] == [1_000]


def test_kg_per_material_per_month(yard: Yard) -> None:
    weigh(yard, 1_000, date=dt.date(2026, 10, 3))
    weigh(yard, 2_000, date=dt.date(2026, 11, 3))
    weigh(yard, 3_000, date=dt.date(2026, 11, 4), material=yard.glass)
    table = selectors.kg_by_material_by_month(yard.world.commune, today=TODAY, months=3)
    assert [(m.code, grams) for m, grams in table] == [
        (
            "20 01 01",
            [
                (dt.date(2026, 9, 1), 0),
                (dt.date(2026, 10, 1), 1_000),
                (dt.date(2026, 11, 1), 2_000),
            ],
        ),
        (
            "20 01 02",
            [(dt.date(2026, 9, 1), 0), (dt.date(2026, 10, 1), 0), (dt.date(2026, 11, 1), 3_000)],
        ),
    ]


def test_weights_are_written_without_the_grams_trailing_zeros() -> None:
    from django.utils import translation

    from comuna.recycling.weights import kg_text

    with translation.override("es"):
        assert [kg_text(g) for g in (0, 30_000, 30_500, 1_234_567)] == [
            "0",
            "30",
            "30,5",
            "1.234,567",
        ]


def test_the_operator_names_a_point_by_its_code_and_a_trip_by_its_number(yard: Yard) -> None:
    from comuna.enterprises.models import Enterprise, EnterpriseKind
    from comuna.waste.models import CollectionPoint

    enterprise = Enterprise.objects.create(
        commune=yard.world.commune,
        name="EPS Aseo",
        kind=EnterpriseKind.WASTE_COLLECTION,
        cash_account=accounts.WASTE_CASH,
    )
    point = CollectionPoint.objects.create(
        enterprise=enterprise,
        code="P-017",
        name="Mercado",
        council=yard.world.council,
        kind="market",
        latitude=10.0,
        longitude=-69.0,
        fill_kg_per_day=100,
    )
    found = selectors.source_find(yard.world.commune, SourceKind.POINT, " p-017 ")
    assert found.point == point
    weighin = weigh(yard, 40_000, **found.as_kwargs())
    assert weighin.source_label == "P-017 Mercado"
    for number in ("7", "9" * 40, "siete"):
        with pytest.raises(Refusal) as refused:
            selectors.source_find(yard.world.commune, SourceKind.TRIP, number)
        assert refused.value.field == "reference"


def test_a_periods_figures_for_the_enterprises_month(yard: Yard) -> None:
    weigh(yard, 10_000, date=dt.date(2026, 10, 31))
    weigh(yard, 20_000, date=dt.date(2026, 11, 1))
    services.sale_record(
        commune=yard.world.commune,
        material=yard.cardboard,
        date=dt.date(2026, 11, 2),
        weight_g=25_000,
        price_cents_per_kg=1_000,
        buyer="X",
    )
    figures = selectors.period_figures(
        yard.world.commune, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30)
    )
    assert figures == selectors.Period(
        weighins=1, weighed_g=20_000, sales=1, sold_g=25_000, sales_cents=25_000
    )
