"""Every write of the recycling yard: one function each, in one transaction, checks beside it.

A weigh-in puts goods into the recycling stock in the books (in kind, grams); a sale takes
them out and puts the money into the recycling enterprise's cash, refused beyond the stock of
the material sold. Refusals raise ``Refusal`` with a message in the reader's language and
change nothing.

Locks, in this order: the material's row (``material_lock``: a sale and a bale read the
material's stock and must not race another), then the commune's posting lock, which the
ledger's services take themselves.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.census.models import Household, Person
from comuna.core.language import as_recorded, records_language
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.engines.ledger import Transfer
from comuna.enterprises.accounts import (
    COLLECTED_RECYCLABLES,
    INCOME_RECYCLING_SALES,
    RECYCLING_CASH,
    SOLD_RECYCLABLES,
    STOCK_RECYCLABLES,
)
from comuna.ledger.services import entry_date_check, transfers_post_many
from comuna.recycling import selectors
from comuna.recycling.materials import STANDARD_MATERIALS
from comuna.recycling.models import (
    Bale,
    Material,
    ReferencePrice,
    Sale,
    SourceKind,
    WeighIn,
)
from comuna.recycling.weights import kg_text
from comuna.users.models import User
from comuna.waste.models import CollectionPoint, TripLog

# A load a person can bring or a truck can carry to the scale: above this, a typo.
MAX_WEIGHT_G = 100_000_000  # 100 tonnes
MAX_PRICE_CENTS_PER_KG = 10**12


def materials_seed(commune: Commune) -> None:
    """Give ``commune`` the standard materials it lacks (run when a commune is created)."""
    have = set(Material.objects.of(commune).values_list("code", flat=True))
    Material.objects.bulk_create(
        Material(commune=commune, code=code, name=name, standard=True)
        for code, name in STANDARD_MATERIALS
        if code not in have
    )


def material_create(*, commune: Commune, code: str, name: str) -> Material:
    """A material of the commune's own, beside the List of Waste's."""
    code, name = " ".join(code.split()), " ".join(name.split())
    if not code:
        raise Refusal(_("Give the material a code."), field="code")
    if not name:
        raise Refusal(_("Give the material a name."), field="name")
    if Material.objects.of(commune).filter(code__iexact=code).exists():
        raise Refusal(
            _("There is already a material with code %(code)s.") % {"code": code},
            field="code",
            code="duplicate",
        )
    with transaction.atomic():
        return Material.objects.create(commune=commune, code=code, name=name)


def material_lock(material: Material) -> Material:
    """Take the material's row lock (first, before the posting lock) and read it afresh."""
    return Material.objects.of(material.commune_id).select_for_update().get(pk=material.pk)


def _author(by: User | None, author: str) -> str:
    return author or (by.get_username() if by is not None else "comuna")


def _recorded_name(material: Material) -> str:
    with records_language():
        return f"{material.display_name} ({material.code})"


def _weight_check(grams: int, field: str) -> None:
    if grams < 0:
        raise Refusal(_("A weight cannot be negative."), field=field, code="negative")
    if grams > MAX_WEIGHT_G:
        raise Refusal(
            _("%(kg)s kg is more than a scale weighs: check the figure.") % {"kg": kg_text(grams)},
            field=field,
            code="too_heavy",
        )


def _material_check(commune: Commune, material: Material | None) -> Material:
    if material is None or material.commune_id != commune.pk:
        raise Refusal(_("Choose a material from the list."), field="material", code="material")
    if not material.active:
        raise Refusal(
            _("The yard no longer takes in %(material)s.") % {"material": material},
            field="material",
            code="material",
        )
    return material


def _source_check(
    commune: Commune,
    source: str,
    *,
    trip: TripLog | None,
    point: CollectionPoint | None,
    household: Household | None,
    person: Person | None,
    source_name: str,
) -> None:
    given = {
        SourceKind.TRIP: trip,
        SourceKind.POINT: point,
        SourceKind.HOUSEHOLD: household,
        SourceKind.PERSON: person,
    }
    if source not in SourceKind.values:
        raise Refusal(_("Say where the load came from."), field="source", code="source")
    for kind, row in given.items():
        if kind != source and row is not None:
            raise Refusal(_("Say where the load came from, once."), field="source", code="source")
        if row is not None and row.commune_id != commune.pk:
            raise Refusal(_("Say where the load came from."), field="source", code="source")
    if source == SourceKind.NAMED:
        if not source_name:
            raise Refusal(
                _("Write the name of who brought the load."), field="reference", code="source"
            )
    elif given[SourceKind(source)] is None:
        raise Refusal(_("Say where the load came from."), field="reference", code="source")


def weighin_record(
    *,
    commune: Commune,
    material: Material | None,
    date: dt.date,
    gross_g: int,
    tare_g: int,
    source: str,
    trip: TripLog | None = None,
    point: CollectionPoint | None = None,
    household: Household | None = None,
    person: Person | None = None,
    source_name: str = "",
    by: User | None = None,
    author: str = "",
    posted: bool = True,
) -> WeighIn:
    """Record a load weighed at the yard and post its net weight into the recycling stock.

    Refused on an unknown or retired material, a negative weight, a tare at or above the
    gross, a source not given (or of another commune), or a date after tomorrow.
    ``posted=False`` records a weigh-in of the yard's history whose kg the books already hold
    (in a period closed before the yard kept its weigh-ins here): no entry is posted.
    """
    material = _material_check(commune, material)
    _weight_check(gross_g, "gross_kg")
    _weight_check(tare_g, "tare_kg")
    if tare_g > gross_g:
        raise Refusal(
            _("The tare (%(tare)s kg) is above the gross weight (%(gross)s kg).")
            % {"tare": kg_text(tare_g), "gross": kg_text(gross_g)},
            field="tare_kg",
            code="tare_above_gross",
        )
    if tare_g == gross_g:
        raise Refusal(
            _("The gross weight equals the tare: there is nothing to weigh in."),
            field="gross_kg",
            code="nothing_weighed",
        )
    source_name = " ".join(source_name.split())
    _source_check(
        commune,
        source,
        trip=trip,
        point=point,
        household=household,
        person=person,
        source_name=source_name,
    )
    entry_date_check(date)
    row = WeighIn(
        commune=commune,
        date=date,
        material=material,
        source=source,
        trip=trip,
        point=point,
        household=household,
        person=person,
        source_name=source_name if source == SourceKind.NAMED else "",
        gross_g=gross_g,
        tare_g=tare_g,
        net_g=gross_g - tare_g,
        recorded_by=by,
    )
    if not posted:
        with transaction.atomic():
            row.save()
        return row
    with transaction.atomic():
        (entry,) = transfers_post_many(
            commune=commune,
            transfers=[
                Transfer(
                    debit=STOCK_RECYCLABLES,
                    credit=COLLECTED_RECYCLABLES,
                    amount=row.net_g,
                    unit="KG",
                    date=date,
                    description=as_recorded(
                        gettext_lazy("Weighed in at the yard: %(material)s"),
                        material=_recorded_name(material),
                    ),
                    author=_author(by, author),
                    idempotency_key=f"recycling:weighin:{row.uuid}",
                )
            ],
        )
        row.entry = entry
        row.save()
    return row


def sale_record(
    *,
    commune: Commune,
    material: Material | None,
    date: dt.date,
    weight_g: int,
    price_cents_per_kg: int,
    buyer: str,
    reference: str = "",
    by: User | None = None,
    author: str = "",
    posted: bool = True,
) -> Sale:
    """Sell ``weight_g`` of a material at a price per kg: the money into the recycling
    enterprise's cash, the goods out of its stock. Bales leave with the sale once the loose
    material is gone, the first formed first.

    Refused beyond the material's stock, on a weight or price that is not positive, with no
    buyer, or a date after tomorrow. ``posted=False`` records a sale of the yard's history
    that the books already hold (see ``weighin_record``).
    """
    material = _material_check(commune, material)
    _weight_check(weight_g, "weight_kg")
    if weight_g == 0:
        raise Refusal(_("Say how many kg were sold."), field="weight_kg", code="nothing_sold")
    if not 0 < price_cents_per_kg <= MAX_PRICE_CENTS_PER_KG:
        raise Refusal(_("Give the price per kg."), field="price", code="price")
    buyer = " ".join(buyer.split())
    if not buyer:
        raise Refusal(_("Say who bought it."), field="buyer", code="buyer")
    amount = (weight_g * price_cents_per_kg + 500) // 1000
    if amount <= 0:
        raise Refusal(_("The sale comes to nothing at that price."), field="price", code="price")
    entry_date_check(date)
    with transaction.atomic():
        material = material_lock(material)
        stock = selectors.material_stock_g(material)
        if weight_g > stock:
            raise Refusal(
                _("The yard holds %(stock)s kg of %(material)s: it cannot sell %(kg)s kg.")
                % {
                    "stock": kg_text(stock),
                    "material": material.display_name,
                    "kg": kg_text(weight_g),
                },
                field="weight_kg",
                code="beyond_stock",
            )
        sale = Sale(
            commune=commune,
            date=date,
            material=material,
            weight_g=weight_g,
            price_cents_per_kg=price_cents_per_kg,
            amount_cents=amount,
            buyer=buyer,
            reference=" ".join(reference.split()),
            recorded_by=by,
        )
        if not posted:
            sale.save()
            _bales_leave(material, sale, stock - weight_g)
            return sale
        text = as_recorded(
            gettext_lazy("Sale of %(material)s to %(buyer)s"),
            material=_recorded_name(material),
            buyer=buyer,
        )
        who = _author(by, author)
        key = f"recycling:sale:{sale.uuid}"
        money, goods = transfers_post_many(
            commune=commune,
            transfers=[
                Transfer(
                    debit=RECYCLING_CASH,
                    credit=INCOME_RECYCLING_SALES,
                    amount=amount,
                    unit="VES",
                    date=date,
                    description=text,
                    author=who,
                    reference=sale.reference,
                    idempotency_key=f"{key}:money",
                ),
                Transfer(
                    debit=SOLD_RECYCLABLES,
                    credit=STOCK_RECYCLABLES,
                    amount=weight_g,
                    unit="KG",
                    date=date,
                    description=text,
                    author=who,
                    reference=sale.reference,
                    idempotency_key=f"{key}:goods",
                ),
            ],
        )
        sale.money_entry, sale.goods_entry = money, goods
        sale.save()
        _bales_leave(material, sale, stock - weight_g)
    return sale


def _bales_leave(material: Material, sale: Sale, stock_left: int) -> None:
    """The bales the stock left no longer holds go with the sale, the first formed first."""
    baled = selectors.material_baled_g(material)
    for bale in (
        Bale.objects.of(material.commune_id)
        .filter(material=material, sold_in__isnull=True)
        .order_by("formed_on", "id")
    ):
        if baled <= stock_left:
            break
        bale.sold_in = sale
        bale.save(update_fields=["sold_in"])
        baled -= bale.weight_g


def bale_form(
    *, commune: Commune, material: Material | None, weight_g: int, formed_on: dt.date
) -> Bale:
    """A bale pressed from the loose stock of a material; refused beyond the loose stock."""
    material = _material_check(commune, material)
    _weight_check(weight_g, "weight_kg")
    if weight_g == 0:
        raise Refusal(_("Say how many kg the bale weighs."), field="weight_kg", code="empty")
    entry_date_check(formed_on)
    with transaction.atomic():
        material = material_lock(material)
        loose = selectors.material_stock_g(material) - selectors.material_baled_g(material)
        if weight_g > loose:
            raise Refusal(
                _("There are %(loose)s kg of loose %(material)s: a bale of %(kg)s kg is more.")
                % {
                    "loose": kg_text(max(loose, 0)),
                    "material": material.display_name,
                    "kg": kg_text(weight_g),
                },
                field="weight_kg",
                code="beyond_stock",
            )
        return Bale.objects.create(material=material, weight_g=weight_g, formed_on=formed_on)


def reference_price_set(
    *,
    commune: Commune,
    material: Material | None,
    valid_from: dt.date,
    price_cents_per_kg: int,
    note: str = "",
) -> ReferencePrice:
    """The reference price of a material from a date on (setting the same date again
    replaces that day's price)."""
    material = _material_check(commune, material)
    if not 0 < price_cents_per_kg <= MAX_PRICE_CENTS_PER_KG:
        raise Refusal(_("Give the price per kg."), field="price", code="price")
    try:
        with transaction.atomic():
            price, _created = ReferencePrice.objects.update_or_create(
                commune=commune,
                material=material,
                valid_from=valid_from,
                defaults={"price_cents_per_kg": price_cents_per_kg, "note": note.strip()},
            )
    except IntegrityError:
        raise Refusal(
            _("Someone else set this price at the same moment; try again."), code="conflict"
        ) from None
    return price
