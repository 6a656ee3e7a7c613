"""A year of the demo commune's books, posted through the ledger engine.

Twelve closed months and the month under way: waste-collection fees from every council,
recyclables collected and sold, wages, the diesel ration, maintenance, gas-distribution and
food-bag fees with the cylinders and bags counted in kind, the social investment and emergency
funds (which pay for a family's surgery now and then), one large purchase proposed and approved
by two people, and one mistake corrected the right way: a diesel payment typed twice, then
reversed. The diesel is the waste-collection enterprise's monthly ration, near 60% of what its
two trucks need (some 1,000 litres a month): received into its stock, and paid for, through
``comuna.enterprises.services.diesel_receive``; in each closed month the trucks burned all of
it (``diesel_use``, week by week), and the month under way keeps its ration for the day's plans
and the trips. The month under way's recyclables are the yard's own weigh-ins and sales (the
recycling demo posts them), and its wages are paid when it ends. The recycling enterprise is
co-managed with two neighbouring communes: at the end of each month a sharing rule splits its
surplus into wages, maintenance, raw materials, the social and emergency funds and a share set
aside for each neighbouring commune (a pot of its own, opened in the chart for it). Each month
is posted in one batch and closed; the parliament approves each statement at its next session
(the governance demo records those meetings).
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils.translation import gettext as _

from comuna.census.models import Council
from comuna.core.models import Commune
from comuna.demo.enterprises import waste_enterprise_demo
from comuna.distribution import accounts as distribution_accounts
from comuna.engines.ledger import Ledger, Transfer, reversal_of
from comuna.enterprises.models import Enterprise
from comuna.enterprises.services import diesel_receive, diesel_use
from comuna.ledger import chart
from comuna.ledger.models import Account, AccountKind, Entry, SharingRule, Statement
from comuna.ledger.services import (
    account_open,
    budget_line_set,
    posting_lock,
    sharing_apply,
    sharing_preview,
    sharing_rule_create,
    sharing_share_set,
    statement_close,
)

MONTHS = 12
BOOKKEEPER = "admin"
# The second book-keeper, who approves the administrator's large payments and corrects.
TREASURER = "tesorera"
# The neighbouring communes that co-manage the recycling enterprise, each with the pot where
# its share of the surplus waits to be handed over.
NEIGHBOURS = (
    ("1.5.01", "Comuna El Maizal"),
    ("1.5.02", "Comuna Ataroa"),
)
# The co-managed enterprise's rule, in basis points (1% = 100): all of the surplus is shared.
RECYCLING_SHARES = (
    (chart.EXPENSE_WAGES, 3000, "Salarios"),
    (chart.EXPENSE_MAINTENANCE, 1000, "Mantenimiento"),
    (chart.EXPENSE_RAW_MATERIALS, 1000, "Materia prima"),
    (chart.SOCIAL_FUND, 1500, "Fondo de inversión social"),
    (chart.EMERGENCY_FUND, 1000, "Fondo de emergencias"),
    (NEIGHBOURS[0][0], 1250, NEIGHBOURS[0][1]),
    (NEIGHBOURS[1][0], 1250, NEIGHBOURS[1][1]),
)


def _month_start(day: dt.date, back: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_end(start: dt.date) -> dt.date:
    return _month_start(start, -1) - dt.timedelta(days=1)


def _bs(rng: random.Random, low: float, high: float) -> int:
    """Bolívares as céntimos, rounded to whole bolívares like a receipt."""
    return round(rng.uniform(low, high)) * 100


class _Month:
    def __init__(self, rng: random.Random, start: dt.date, end: dt.date, councils: list[str]):
        self.rng = rng
        self.start = start
        self.end = end
        self.councils = councils
        self.transfers: list[Transfer] = []

    def day(self) -> dt.date:
        return self.start + dt.timedelta(days=self.rng.randint(0, (self.end - self.start).days))

    def add(
        self,
        debit: str,
        credit: str,
        amount: int,
        unit: str,
        description: str,
        *,
        date: dt.date | None = None,
        author: str = BOOKKEEPER,
        reference: str = "",
    ) -> None:
        self.transfers.append(
            Transfer(
                debit=debit,
                credit=credit,
                amount=amount,
                unit=unit,
                date=date or self.day(),
                description=description,
                author=author,
                reference=reference,
            )
        )

    def plan(self, *, first: bool, under_way: bool) -> None:
        """The month's transfers. The month under way leaves its recyclables to the yard's
        weigh-ins and sales (which post themselves) and pays its wages at its end."""
        rng = self.rng
        if first:
            self.add(
                chart.BANK_VES,
                chart.CAPITAL_VES,
                600_000_00,
                "VES",
                _("Opening balance, communal bank"),
                date=self.start,
            )
            self.add(
                chart.BANK_USD,
                chart.CAPITAL_USD,
                1_500_00,
                "USD",
                _("Opening balance, dollar account"),
                date=self.start,
            )
            self.add(
                chart.EMERGENCY_FUND,
                chart.CAPITAL_VES,
                80_000_00,
                "VES",
                _("Opening balance, emergency fund"),
                date=self.start,
            )
        # The truck serves the whole commune: its fees come to the same total however many
        # councils share them (the demo has 24; tests build two).
        share = 24 / max(len(self.councils), 1)
        for code in self.councils:
            self.add(
                chart.WASTE_CASH,
                chart.INCOME_WASTE_FEES,
                round(_bs(rng, 8_000, 12_000) * share / 100) * 100,
                "VES",
                _("Waste-collection fees, %(council)s") % {"council": code},
                reference=f"R-{code}-{self.start:%Y%m}",
            )
        if not under_way:
            self._recyclables()
        self._distribution()
        if not under_way:
            self._wages()
        self._running_costs()

    def _recyclables(self) -> None:
        rng = self.rng
        collected = 0
        for week in range(4):
            kg = rng.randint(1_500, 4_000) * 1000
            collected += kg
            self.add(
                chart.STOCK_RECYCLABLES,
                chart.COLLECTED_RECYCLABLES,
                kg,
                "KG",
                _("Recyclables collected, week %(week)s") % {"week": week + 1},
            )
        for material, share, price in (("cartón", 0.5, 8.0), ("plástico", 0.25, 15.0)):
            grams = int(collected * share) // 1000 * 1000
            money = round(grams / 1000 * price * rng.uniform(0.9, 1.1)) * 100
            text = _("Sale of %(material)s") % {"material": material}
            day = self.day()
            self.add(
                chart.RECYCLING_CASH, chart.INCOME_RECYCLING_SALES, money, "VES", text, date=day
            )
            self.add(chart.SOLD_RECYCLABLES, chart.STOCK_RECYCLABLES, grams, "KG", text, date=day)

    def _distribution(self) -> None:
        rng = self.rng
        cylinders = rng.randint(700, 1_100)
        bags = rng.randint(3_500, 4_200)
        self.add(
            distribution_accounts.STOCK_CYLINDERS,
            distribution_accounts.RECEIVED_CYLINDERS,
            cylinders,
            "CYL",
            _("Gas cylinders received from the gas company"),
        )
        self.add(
            distribution_accounts.DELIVERED_CYLINDERS,
            distribution_accounts.STOCK_CYLINDERS,
            cylinders,
            "CYL",
            _("Gas cylinders delivered to households"),
            date=self.end,
        )
        self.add(
            chart.BANK_VES,
            distribution_accounts.INCOME_GAS_FEES,
            cylinders * 2_000,
            "VES",
            _("Gas-distribution fees"),
            date=self.end,
        )
        self.add(
            distribution_accounts.STOCK_BAGS,
            distribution_accounts.RECEIVED_BAGS,
            bags,
            "BAG",
            _("Food bags received"),
        )
        self.add(
            distribution_accounts.DELIVERED_BAGS,
            distribution_accounts.STOCK_BAGS,
            bags,
            "BAG",
            _("Food bags delivered to households"),
            date=self.end,
        )
        self.add(
            chart.BANK_VES,
            distribution_accounts.INCOME_FOOD_BAG_FEES,
            bags * 500,
            "VES",
            _("Food-bag fees"),
            date=self.end,
        )

    def _wages(self) -> None:
        for cash, workers, label in (
            (chart.WASTE_CASH, 8, _("Wages, waste collection")),
            (chart.RECYCLING_CASH, 3, _("Wages, recycling")),
        ):
            self.add(chart.EXPENSE_WAGES, cash, workers * 18_000_00, "VES", label, date=self.end)

    def _running_costs(self) -> None:
        rng = self.rng
        self.add(
            chart.EXPENSE_MAINTENANCE,
            chart.WASTE_CASH,
            _bs(rng, 8_000, 30_000),
            "VES",
            rng.choice([_("Truck tyres repaired"), _("Oil change"), _("Brake pads")]),
        )
        self.add(
            chart.SOCIAL_FUND,
            chart.BANK_VES,
            _bs(rng, 20_000, 40_000),
            "VES",
            _("Share to the social investment fund"),
            date=self.end,
        )
        self.add(
            chart.EMERGENCY_FUND,
            chart.BANK_VES,
            _bs(rng, 8_000, 15_000),
            "VES",
            _("Share to the emergency fund"),
            date=self.end,
        )
        for _case in range(rng.randint(0, 2)):
            self.add(
                chart.EXPENSE_EMERGENCY_AID,
                chart.EMERGENCY_FUND,
                _bs(rng, 3_000, 12_000),
                "VES",
                rng.choice(
                    [
                        _("Surgical supplies for a family"),
                        _("Medicines for a family"),
                        _("Funeral costs"),
                    ]
                ),
                author="vocera",
            )
        if rng.random() < 0.4:
            self.add(
                chart.EXPENSE_SOCIAL_WORKS,
                chart.SOCIAL_FUND,
                _bs(rng, 10_000, 20_000),
                "VES",
                rng.choice(
                    [
                        _("Pipes for the water brigade"),
                        _("Paint for the school"),
                        _("Street lighting"),
                    ]
                ),
            )
        if rng.random() < 0.3:
            self.add(
                chart.BANK_USD,
                chart.INCOME_USD,
                _bs(rng, 100, 400),
                "USD",
                _("Donation in dollars"),
            )


def ledger_demo_build(commune: Commune, rng: random.Random, *, today: dt.date) -> None:
    """Post a year of books for a freshly built demo commune (nothing if it has statements).

    The distribution demo has already posted its rounds' stock and fees; these join them.
    """
    if Statement.objects.of(commune).exists():
        return
    councils = list(Council.objects.of(commune).order_by("code").values_list("code", flat=True))
    rule = _recycling_rule(commune)
    waste = waste_enterprise_demo(commune)
    for back in range(MONTHS, -1, -1):
        start = _month_start(today, back)
        end = min(_month_end(start), today)
        month = _Month(rng, start, end, councils)
        month.plan(first=back == MONTHS, under_way=back == 0)
        with posting_lock(commune) as ledger:
            ledger.post_many(month.transfers)
            if back == MONTHS - 3:
                _big_purchase(ledger, start)
        paid = _diesel_ration(waste, rng, start, end, used=back > 0)
        if back == MONTHS - 5:
            with posting_lock(commune) as ledger:
                _correction(ledger, paid, end)
        if back == 0:
            break
        _share_surplus(rule, start, end)
        statement_close(
            commune=commune,
            start=start,
            end=end,
            label=_("Month %(month)s") % {"month": f"{start:%Y-%m}"},
        )
    _budgets(commune, today)


def _recycling_rule(commune: Commune) -> SharingRule:
    """The co-managed recycling enterprise's sharing rule, with a pot per neighbour."""
    for code, neighbour in NEIGHBOURS:
        account_open(
            commune=commune,
            code=code,
            name=f"Excedente por entregar a la {neighbour}",
            kind=AccountKind.ASSET,
            unit="VES",
            floor=0,
        )
    rule = sharing_rule_create(
        commune=commune,
        name="Excedente de la empresa de reciclaje (cogestionada)",
        source=Account.objects.of(commune).get(code=chart.RECYCLING_CASH),
    )
    for code, basis_points, label in RECYCLING_SHARES:
        sharing_share_set(
            rule=rule,
            destination=Account.objects.of(commune).get(code=code),
            basis_points=basis_points,
            label=label,
        )
    return rule


def _share_surplus(rule: SharingRule, start: dt.date, end: dt.date) -> None:
    """Share out the month's surplus on its last day, before the month is closed."""
    surplus, _lines = sharing_preview(rule=rule, start=start, end=end)
    if surplus > 0:  # a month that sold less than it paid in wages has nothing to share
        sharing_apply(rule=rule, start=start, end=end, by=BOOKKEEPER, date=end)


def _big_purchase(ledger: Ledger, start: dt.date) -> None:
    day = start + dt.timedelta(days=14)
    proposal = ledger.propose(
        Transfer(
            debit=chart.EXPENSE_MAINTENANCE,
            credit=chart.BANK_VES,
            amount=320_000_00,
            unit="VES",
            date=day,
            description=_("Rebuilt engine for the collection truck"),
            author=BOOKKEEPER,
            reference="Taller Los Andes 0457",
        )
    )
    ledger.approve(proposal.sequence, author=TREASURER, date=day + dt.timedelta(days=2))


# The ration: litres a month (near 60% of the ~1,000 the two trucks need) and the price paid
# per litre, in céntimos.
RATION_LITRES = (560, 640)
DIESEL_PRICE = 25_00


def _diesel_ration(
    waste: Enterprise, rng: random.Random, start: dt.date, end: dt.date, *, used: bool
) -> Entry:
    """The month's ration received (and paid) in its first days and, in a closed month,
    burned week by week; answers the payment's entry."""
    litres = rng.randint(*RATION_LITRES)
    entries = diesel_receive(
        enterprise=waste,
        millilitres=litres * 1000,
        cents=litres * DIESEL_PRICE,
        date=min(start + dt.timedelta(days=rng.randint(0, 3)), end),
        reference=f"GD-{start:%Y%m}",
        by=BOOKKEEPER,
    )
    if used:
        left = litres * 1000
        for week in range(4):
            millilitres = left if week == 3 else left * rng.randint(22, 30) // 100
            left -= millilitres
            diesel_use(
                enterprise=waste,
                millilitres=millilitres,
                date=min(start + dt.timedelta(days=7 * week + 6), end),
                description=_("Diesel used by the trucks, week %(week)s") % {"week": week + 1},
                by=BOOKKEEPER,
            )
    return next(e for e in entries if e.debit == chart.EXPENSE_DIESEL)


def _correction(ledger: Ledger, diesel: Entry, end: dt.date) -> None:
    twice = ledger.post(
        Transfer(
            debit=diesel.debit,
            credit=diesel.credit,
            amount=diesel.amount,
            unit=diesel.unit,
            date=diesel.date,
            description=diesel.description,
            author=BOOKKEEPER,
        )
    )
    ledger.post(
        reversal_of(
            twice,
            author=TREASURER,
            date=end,
            description=_("Correction: entry %(id)s typed the same diesel payment twice")
            % {"id": twice.sequence},
        )
    )


# What each organ plans a month, in céntimos (or the account's unit): the economic council
# runs the enterprises, the food committee the bags and gas, the administration council pays
# for families' emergencies, the water brigade its works. Actual figures swing around these
# (and the month the truck's engine was rebuilt blows the maintenance budget).
BUDGETS = (
    ("Consejo de Economía Comunal", chart.INCOME_WASTE_FEES, 235_000_00),
    ("Consejo de Economía Comunal", chart.INCOME_RECYCLING_SALES, 85_000_00),
    ("Consejo de Economía Comunal", chart.EXPENSE_WAGES, 210_000_00),
    ("Consejo de Economía Comunal", chart.EXPENSE_DIESEL, 15_000_00),
    ("Consejo de Economía Comunal", chart.EXPENSE_MAINTENANCE, 24_000_00),
    ("Comité de Alimentación", distribution_accounts.INCOME_FOOD_BAG_FEES, 19_000_00),
    ("Comité de Alimentación", distribution_accounts.INCOME_GAS_FEES, 18_000_00),
    ("Consejo de Administración", chart.EXPENSE_EMERGENCY_AID, 12_000_00),
    ("Brigada del Agua", chart.EXPENSE_SOCIAL_WORKS, 15_000_00),
)


def _budgets(commune: Commune, today: dt.date) -> None:
    """A budget per organ for every month of the demo, the month under way included.

    Its own random numbers (seeded by the month) leave the books' sequence untouched.
    """
    accounts = {a.code: a for a in Account.objects.of(commune)}
    for back in range(MONTHS, -1, -1):
        start = _month_start(today, back)
        rng = random.Random(start.toordinal())  # noqa: S311 - invented data
        for organ, code, amount in BUDGETS:
            budget_line_set(
                commune=commune,
                organ=organ,
                start=start,
                end=_month_end(start),
                account=accounts[code],
                amount=round(amount * rng.uniform(0.95, 1.05) / 100_00) * 100_00,
            )
