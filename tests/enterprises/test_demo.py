"""The demo commune's enterprises: three, with their workers and the diesel ration."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from comuna.enterprises.accounts import accounts_of
from comuna.enterprises.models import Enterprise, EnterpriseKind, Worker
from comuna.enterprises.selectors import diesel_left_ml, diesel_months, month_figures
from comuna.ledger import chart
from comuna.users.models import User
from tests.conftest import client_for
from tests.pages import Demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_its_three_enterprises_with_workers(demo_module: Demo) -> None:
    kinds = dict(Enterprise.objects.of(demo_module.commune).values_list("name", "kind"))
    assert sorted(kinds.values()) == sorted(
        [EnterpriseKind.WASTE_COLLECTION, EnterpriseKind.RECYCLING, EnterpriseKind.PRODUCTION]
    )
    waste = Enterprise.objects.of(demo_module.commune).get(kind=EnterpriseKind.WASTE_COLLECTION)
    assert accounts_of(waste) == {"cash": chart.WASTE_CASH, "diesel": chart.STOCK_DIESEL}
    assert waste.workers.filter(until__isnull=True).count() == 8
    logins = set(Worker.objects.filter(login__isnull=False).values_list("login__username", "job"))
    assert logins == {("gerente", "manager"), ("chofer", "driver")}
    assert User.objects.get(username="chofer").first_name


def test_the_ration_is_near_sixty_percent_of_need_and_left_for_today(demo_module: Demo) -> None:
    waste = Enterprise.objects.of(demo_module.commune).get(kind=EnterpriseKind.WASTE_COLLECTION)
    today = timezone.localdate()
    months = diesel_months(waste, today, months=12)
    assert all(560_000 <= m.received <= 640_000 for m in months)
    # Closed months burned their ration; this month's is (mostly) left for the plans.
    assert all(m.closing == 0 for m in months[1:])
    assert diesel_left_ml(waste, on=today) > 0
    figures = month_figures(waste, today)
    assert figures.income_total > 0 and figures.costs_total > 0


def test_the_recycling_month_shows_where_the_sharing_rule_sent_the_surplus(
    demo_module: Demo,
) -> None:
    yard = Enterprise.objects.of(demo_module.commune).get(kind=EnterpriseKind.RECYCLING)
    last = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    figures = month_figures(yard, last)
    if figures.surplus > 0:
        assert figures.shared and figures.shared_total <= figures.surplus


@pytest.mark.parametrize("username", ["admin", "gerente", "chofer", "tesorera", "contralor"])
def test_the_roles_read_the_month_page(demo_module: Demo, username: str) -> None:
    waste = Enterprise.objects.of(demo_module.commune).get(kind=EnterpriseKind.WASTE_COLLECTION)
    client = client_for(User.objects.get(username=username), language="es")
    page = client.get(f"/empresas/{waste.pk}/mes/{timezone.localdate():%Y-%m}/")
    assert page.status_code == 200
    assert "Excedente" in page.content.decode()
