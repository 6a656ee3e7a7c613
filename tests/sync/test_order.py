"""Order, replays and cuts: whatever arrives in whatever order, the server ends as the
in-order application; a push cut anywhere and resumed ends as an uninterrupted one."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comuna.census.models import Council, Household, Person
from comuna.core.refusals import Refusal
from comuna.engines.sync import bundle_peek
from comuna.sync import services, transport
from comuna.sync.selectors import commune_rows_digest
from tests.sync.conftest import Laptop, post, server_fresh


def receipts_forget(commune: Any) -> None:
    """Empty the commune's receipts, as the test suite's flush may (a server made anew)."""
    from comuna.sync.capture import flush_sql

    before, after = flush_sql(connection.vendor, ["sync_quiet"])
    with connection.cursor() as cursor:
        for sql in before:
            cursor.execute(sql)
        cursor.execute("DELETE FROM sync_receipt WHERE commune_id = %s", [commune.pk])
        for sql in after:
            cursor.execute(sql)


def _history(laptop: Laptop) -> tuple[list[bytes], list[str]]:
    """Five bundles, each after some work on the laptop, and the laptop's copy after each."""
    commune = laptop.commune
    bundles, digests = [], []
    steps = [
        lambda: post(commune, 100),
        lambda: Council.objects.create(commune=commune, code="CC20", name="Veinte"),
        lambda: Household.objects.of(commune).update(address="Calle cambiada"),
        lambda: (post(commune, 50), Council.objects.of(commune).filter(code="CC20").delete()),
        lambda: Person.objects.of(commune).filter(first_names="Luis").update(disability=True),
    ]
    for step in steps:
        step()
        data = services.bundle_next(commune, limit=10**6)
        assert data is not None
        bundles.append(data)
        digests.append(commune_rows_digest(commune))
    return bundles, digests


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(order=st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=12))
def test_any_order_with_replays_ends_as_in_order(laptop: Laptop, order: list[int]) -> None:
    commune = laptop.commune
    if not hasattr(laptop, "history"):
        laptop.history = _history(laptop)  # type: ignore[attr-defined]
        laptop.empty = None  # type: ignore[attr-defined]
    bundles, digests = laptop.history  # type: ignore[attr-defined]
    server_fresh(commune)
    receipts_forget(commune)
    if laptop.empty is None:  # type: ignore[attr-defined]
        laptop.empty = commune_rows_digest(commune, on_server=True)  # type: ignore[attr-defined]
    applied = 0
    for index in order:
        try:
            services.bundle_apply(data=bundles[index])
            applied = index + 1
        except Refusal as refusal:
            assert refusal.code in ("replayed", "out_of_order")
        expected = digests[applied - 1] if applied else laptop.empty  # type: ignore[attr-defined]
        assert commune_rows_digest(commune, on_server=True) == expected
    for data in bundles[applied:]:
        services.bundle_apply(data=data)
    assert commune_rows_digest(commune, on_server=True) == digests[-1]


class FakeServer:
    """The server's side of a push, keeping the bundles it accepted; it may lose a request
    or its answer at the ``cut``-th request (the connection dropped)."""

    def __init__(self, cut: int | None = None, lose_answer: bool = False) -> None:
        self.accepted: list[bytes] = []
        self.requests = 0
        self.cut = cut
        self.lose_answer = lose_answer

    def send(self, method: str, url: str, data: bytes | None) -> tuple[int, bytes]:
        self.requests += 1
        cutting = self.cut is not None and self.requests == self.cut
        if cutting and not self.lose_answer:
            raise Refusal("connection lost")
        if method == "GET":
            answer = {"seq": len(self.accepted), "upto": self._upto()}
            result = 200, json.dumps(answer).encode()
        else:
            assert data is not None
            header = bundle_peek(data)
            if header["seq"] != len(self.accepted) + 1:
                result = 409, json.dumps({"detail": "out of order"}).encode()
            else:
                self.accepted.append(data)
                result = 200, json.dumps({"seq": header["seq"]}).encode()
        if cutting:
            raise Refusal("connection lost")
        return result

    def _upto(self) -> int:
        return bundle_peek(self.accepted[-1])["changes"][1] if self.accepted else 0


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    cut=st.integers(min_value=1, max_value=12),
    lose_answer=st.booleans(),
    limit=st.integers(min_value=3, max_value=40),
)
def test_a_push_cut_anywhere_and_resumed_ends_as_an_uninterrupted_one(
    laptop: Laptop, cut: int, lose_answer: bool, limit: int
) -> None:
    commune = laptop.commune
    if not hasattr(laptop, "expected"):
        for amount in (10, 20, 30):
            post(commune, amount)
        Council.objects.create(commune=commune, code="CC30", name="Treinta")
        laptop.expected = commune_rows_digest(commune)  # type: ignore[attr-defined]
    services.state_synced(commune, seq=0, upto=0)
    server = FakeServer(cut=cut, lose_answer=lose_answer)
    try:
        transport.push(commune, "http://server", limit=limit, send=server.send)
    except Refusal:
        pass
    server.cut = None
    transport.push(commune, "http://server", limit=limit, send=server.send)
    uninterrupted = FakeServer()
    services.state_synced(commune, seq=0, upto=0)
    transport.push(commune, "http://server", limit=limit, send=uninterrupted.send)
    assert [bundle_peek(b)["changes"] for b in server.accepted] == [
        bundle_peek(b)["changes"] for b in uninterrupted.accepted
    ]
    # Applied on a server that never held the commune, the resumed push gives the laptop's copy.
    snapshot = _laptop_rows_save(commune)
    server_fresh(commune)
    receipts_forget(commune)
    for data in server.accepted:
        services.bundle_apply(data=data)
    assert commune_rows_digest(commune, on_server=True) == laptop.expected  # type: ignore[attr-defined]
    _laptop_rows_restore(snapshot)


def _laptop_rows_save(commune: Any) -> Any:
    return connection.savepoint()


def _laptop_rows_restore(snapshot: Any) -> None:
    connection.savepoint_rollback(snapshot)
