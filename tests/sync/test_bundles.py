"""Bundles built on the laptop and applied on the server: equal copies, and every bad bundle
refused with nothing applied."""

from __future__ import annotations

import datetime as dt
import struct
from typing import Any

import pytest
from django.utils import timezone

from comuna.census.models import Council, Household, Person
from comuna.core.refusals import Refusal
from comuna.engines.sync import bundle_pack, bundle_peek, key_generate
from comuna.federation.models import CommuneTally
from comuna.sync import services
from comuna.sync.models import Alarm, Receipt
from comuna.sync.selectors import commune_rows_digest
from tests.sync.conftest import Laptop, post, server_fresh


def _snapshot(laptop: Laptop) -> str:
    return commune_rows_digest(laptop.commune, on_server=True)


def test_a_synced_server_equals_the_laptop_row_for_row(laptop: Laptop) -> None:
    commune = laptop.commune
    post(commune, 1500)
    post(commune, 200, "Cuota")
    Council.objects.filter(pk=laptop.world.council.pk).update(name="Renombrado")
    laptop_digest = commune_rows_digest(commune)
    bundle = services.bundle_next(commune, limit=10**6)
    assert bundle is not None
    server_fresh(commune)
    assert commune_rows_digest(commune, on_server=True) != laptop_digest
    applied = services.bundle_apply(data=bundle)
    assert applied.seq == 1
    assert commune_rows_digest(commune, on_server=True) == laptop_digest
    receipt = Receipt.objects.get(commune=commune, seq=1)
    assert receipt.ledger_count == 2


def _bundles(laptop: Laptop, limit: int = 10**6) -> list[bytes]:
    made = []
    while (data := services.bundle_next(laptop.commune, limit=limit)) is not None:
        made.append(data)
    return made


def _refused(laptop: Laptop, data: bytes, code: str | None = None) -> Refusal:
    before = _snapshot(laptop)
    receipts = Receipt.objects.count()
    with pytest.raises(Refusal) as refused:
        services.bundle_apply(data=data)
    assert _snapshot(laptop) == before
    assert Receipt.objects.count() == receipts
    if code is not None:
        assert refused.value.code == code
    return refused.value


@pytest.fixture
def bundle(laptop: Laptop) -> bytes:
    post(laptop.commune, 700)
    [data] = _bundles(laptop)
    server_fresh(laptop.commune)
    return data


def test_truncated_bundle_refused(laptop: Laptop, bundle: bytes) -> None:
    for cut in (5, 30, len(bundle) // 2, len(bundle) - 1):
        _refused(laptop, bundle[:cut])


def test_altered_bundle_refused(laptop: Laptop, bundle: bytes) -> None:
    middle = len(bundle) - 100
    altered = bundle[:middle] + bytes([bundle[middle] ^ 1]) + bundle[middle + 1 :]
    _refused(laptop, altered, "signature")


def test_bundle_signed_by_another_key_refused(laptop: Laptop, bundle: bytes) -> None:
    header = bundle_peek(bundle)
    for name in ("body_digest", "body_length"):
        header.pop(name)
    length = struct.unpack(">I", bundle[12:16])[0]
    body = bundle[16 + length : -64]
    import json
    import zlib

    forged = bundle_pack(header, json.loads(zlib.decompress(body)), key_generate())
    message = _refused(laptop, forged, "signature").message
    assert "key" in message
    assert Alarm.objects.filter(commune=laptop.commune, kind="signature").exists()


def test_unregistered_commune_refused(laptop: Laptop, bundle: bytes) -> None:
    from comuna.federation.models import CommuneKey

    CommuneKey.objects.filter(commune=laptop.commune).delete()
    _refused(laptop, bundle, "unregistered")


def test_replayed_bundle_refused_and_changes_nothing(laptop: Laptop, bundle: bytes) -> None:
    services.bundle_apply(data=bundle)
    _refused(laptop, bundle, "replayed")


def test_out_of_order_bundle_refused(laptop: Laptop) -> None:
    post(laptop.commune, 10)
    first = services.bundle_next(laptop.commune)
    post(laptop.commune, 20)
    second = services.bundle_next(laptop.commune)
    assert first and second
    server_fresh(laptop.commune)
    _refused(laptop, second, "out_of_order")
    services.bundle_apply(data=first)
    services.bundle_apply(data=second)


def test_chain_that_does_not_verify_refused(laptop: Laptop) -> None:
    from comuna.ledger.models import Entry

    post(laptop.commune, 10)
    # The laptop's own entry, changed behind the app's back (hash left as it was).
    Entry.objects.of(laptop.commune).update(amount=999)
    [data] = _bundles(laptop)
    server_fresh(laptop.commune)
    _refused(laptop, data, "chain")
    assert Alarm.objects.filter(commune=laptop.commune, kind="chain").exists()


def _rehash(commune: object, first: int) -> None:
    """Rewrite the chain from entry ``first`` on, consistently (as a forger would)."""
    from comuna.engines.ledger import compute_hash, entry_from_dict
    from comuna.ledger.models import Entry

    previous = None
    for row in Entry.objects.of(commune).order_by("sequence"):
        if row.sequence < first:
            previous = row.hash
            continue
        data = {f: getattr(row, f) for f in services._ENTRY_FIELDS}
        data["date"] = row.date.isoformat()
        data["kind"] = str(row.kind)
        data["previous_hash"] = previous or "0" * 64
        entry = entry_from_dict(data)
        new_hash = compute_hash(entry)
        Entry.objects.of(commune).filter(pk=row.pk).update(
            previous_hash=data["previous_hash"], hash=new_hash
        )
        previous = new_hash


def test_books_rewritten_after_a_sync_are_refused_and_alarmed(laptop: Laptop) -> None:
    from comuna.ledger.models import Entry

    commune = laptop.commune
    post(commune, 10)
    post(commune, 20)
    [first] = _bundles(laptop)
    server_fresh(commune)
    services.bundle_apply(data=first)
    # Back on the laptop (its copy is the server's now): entry 1 rewritten and rehashed.
    Entry.objects.of(commune).filter(sequence=1).update(amount=11, description="Otra cosa")
    _rehash(commune, 1)
    post(commune, 30)
    [second] = _bundles(laptop)
    # The server's copy is what the first bundle gave it.
    Entry.objects.of(commune).filter(sequence=3)._raw_delete("default")
    services_entry_restore(commune, first)
    message = _refused(laptop, second, "rewritten").message
    assert "rewritten" in message
    assert Alarm.objects.filter(commune=commune, kind="rewritten").exists()


def services_entry_restore(commune: object, bundle: bytes) -> None:
    """Put the server's entries back as the bundle gave them (the test shares one database
    between the laptop and the server)."""
    import json
    import zlib

    from comuna.ledger.models import Entry

    length = struct.unpack(">I", bundle[12:16])[0]
    body = json.loads(zlib.decompress(bundle[16 + length : -64]))
    for values in body["entries"]["rows"]:
        data = dict(zip(body["entries"]["columns"], values, strict=True))
        Entry.objects.of(commune).filter(sequence=data["sequence"]).update(
            amount=data["amount"],
            description=data["description"],
            previous_hash=data["previous_hash"],
            hash=data["hash"],
        )


def test_books_cut_short_after_a_sync_are_refused_and_alarmed(laptop: Laptop) -> None:
    from comuna.ledger.models import Entry

    commune = laptop.commune
    post(commune, 10)
    post(commune, 20)
    [first] = _bundles(laptop)
    server_fresh(commune)
    services.bundle_apply(data=first)
    # The laptop loses its last entry (deleted behind the app's back), and goes on.
    from comuna.sync.capture import quiet

    with quiet():
        Entry.objects.of(commune).filter(sequence=2)._raw_delete("default")
    Council.objects.create(commune=commune, code="CC77", name="Despues")
    [second] = _bundles(laptop)
    services_restore_entry_two(commune, first)
    _refused(laptop, second, "cut_short")
    assert Alarm.objects.filter(commune=commune, kind="cut_short").exists()


def services_restore_entry_two(commune: object, bundle: bytes) -> None:
    import json
    import zlib

    from comuna.engines.ledger import entry_from_dict
    from comuna.sync.capture import quiet

    length = struct.unpack(">I", bundle[12:16])[0]
    body = json.loads(zlib.decompress(bundle[16 + length : -64]))
    rows_ = [dict(zip(body["entries"]["columns"], v, strict=True)) for v in body["entries"]["rows"]]
    with quiet():
        services._entries_write(commune, [entry_from_dict(r) for r in rows_ if r["sequence"] == 2])


def test_deleted_rows_travel_as_tombstones(laptop: Laptop) -> None:
    commune = laptop.commune
    extra = Council.objects.create(commune=commune, code="CC50", name="Efimero")
    [first] = _bundles(laptop)
    extra.delete()
    [second] = _bundles(laptop)
    expected = commune_rows_digest(commune)
    server_fresh(commune)
    services.bundle_apply(data=first)
    assert Council.objects.of(commune).filter(code="CC50").exists()
    services.bundle_apply(data=second)
    assert not Council.objects.of(commune).filter(code="CC50").exists()
    assert commune_rows_digest(commune, on_server=True) == expected


def test_overlapping_bundles_change_nothing_the_second_time(laptop: Laptop) -> None:
    commune = laptop.commune
    post(commune, 5)
    first = services.bundle_make(commune, seq=1, start=0)
    Household.objects.of(commune).update(address="Calle nueva")
    # Bundle 2 starts again from the beginning: it repeats all of bundle 1.
    second = services.bundle_make(commune, seq=2, start=0)
    assert first and second
    expected = commune_rows_digest(commune)
    server_fresh(commune)
    services.bundle_apply(data=first[0])
    services.bundle_apply(data=second[0])
    assert commune_rows_digest(commune, on_server=True) == expected


def test_logins_of_two_communes_never_collide(laptop: Laptop) -> None:
    from comuna.sync.models import Login
    from comuna.users.models import User

    commune = laptop.commune
    [data] = _bundles(laptop)
    server_fresh(commune)
    services.bundle_apply(data=data)
    admin = Login.objects.get(commune=commune, name="admin")
    assert admin.user.username == f"admin@{commune.code}"
    assert User.objects.filter(username="admin").exists()


def test_a_row_of_another_commune_is_refused(laptop: Laptop) -> None:
    from tests import factories

    commune = laptop.commune
    other = factories.make_commune(name="Otra")
    stranger = factories.make_council(other, "CC01")
    [data] = _bundles(laptop)
    server_fresh(commune)
    # Forge: the other commune's council uuid inside this commune's bundle, resigned.
    import json
    import zlib

    from comuna.sync.keys import commune_private_key

    header = bundle_peek(data)
    length = struct.unpack(">I", data[12:16])[0]
    body = json.loads(zlib.decompress(data[16 + length : -64]))
    part = body["rows"]["census_council"]
    part["rows"][0][part["columns"].index("uuid")] = str(stranger.uuid)
    for name in ("body_digest", "body_length"):
        header.pop(name)
    forged = bundle_pack(header, body, commune_private_key(commune))
    _refused(laptop, forged, "other_commune")
    stranger.refresh_from_db()
    assert stranger.commune_id == other.pk


def test_person_dates_survive(laptop: Laptop) -> None:
    commune = laptop.commune
    [data] = _bundles(laptop)
    server_fresh(commune)
    services.bundle_apply(data=data)
    assert Person.objects.of(commune).get(first_names="Luis").birth_date == dt.date(2018, 3, 2)


def test_an_applied_bundle_recounts_its_commune_for_the_federation(
    laptop: Laptop, django_capture_on_commit_callbacks: Any
) -> None:
    commune = laptop.commune
    post(commune, 1500)
    bundle = services.bundle_next(commune, limit=10**6)
    assert bundle is not None
    server_fresh(commune)
    assert not CommuneTally.objects.filter(commune=commune).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.bundle_apply(data=bundle)
    tally = CommuneTally.objects.get(commune=commune)
    people = Person.objects.of(commune).filter(status="active").count()
    assert (tally.people, tally.counted_on) == (people, timezone.localdate())


def _photo(laptop: Laptop, size: tuple[int, int] = (4, 4)) -> Any:
    from io import BytesIO

    from PIL import Image

    from comuna.incidents import services as incidents
    from comuna.incidents.models import IncidentKind

    out = BytesIO()
    Image.new("RGB", size, "red").save(out, "PNG")
    incident = incidents.incident_report(
        commune=laptop.commune,
        kind=IncidentKind.objects.of(laptop.commune).first(),
        council=laptop.world.council,
        address="Calle 3",
        description="Tubo roto",
        since=dt.date(2026, 11, 30),
    )
    return incidents.incident_photo_add(incident=incident, content=out.getvalue(), by=None)


def test_a_photo_travels_with_its_row(laptop: Laptop) -> None:
    from comuna.incidents.services import photos_root

    photo = _photo(laptop)
    place = photos_root() / photo.path
    content = place.read_bytes()
    [data] = _bundles(laptop)
    server_fresh(laptop.commune)
    place.unlink()  # the server never had it
    services.bundle_apply(data=data)
    assert place.read_bytes() == content


def _resigned(laptop: Laptop, data: bytes, change: Any) -> bytes:
    """``data`` with its body changed by ``change`` and signed again with the commune's own
    key: a bundle only the laptop could have made, which the server must still check."""
    from comuna.sync.keys import commune_private_key

    header = bundle_peek(data)
    for name in ("body_digest", "body_length"):
        header.pop(name)
    body = _body_of(data)
    change(body)
    return bundle_pack(header, body, commune_private_key(laptop.commune))


def test_a_file_no_photo_names_is_refused(laptop: Laptop) -> None:
    from comuna.incidents.services import photos_root

    photo = _photo(laptop)
    [data] = _bundles(laptop)
    server_fresh(laptop.commune)
    (photos_root() / photo.path).unlink()
    stray = f"{laptop.commune.pk}/1/{'0' * 32}.png"

    def add_stray(body: dict[str, Any]) -> None:
        body["files"][stray] = body["files"][photo.path]

    def escape(body: dict[str, Any]) -> None:
        body["files"] = {"../../secret_key": body["files"][photo.path]}

    def grow(body: dict[str, Any]) -> None:
        body["files"][photo.path] += "AAAA"

    for change in (add_stray, escape, grow):
        _refused(laptop, _resigned(laptop, data, change), "malformed")
        assert not (photos_root() / photo.path).exists()
    assert not (photos_root() / stray).exists()


def test_photos_beyond_a_bundles_budget_wait_for_the_next(
    laptop: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    from comuna.sync import files

    first, second = _photo(laptop), _photo(laptop)
    monkeypatch.setattr(files, "FILES_PER_BUNDLE", first.size + second.size - 1)
    made = _bundles(laptop)
    assert len(made) == 2
    carried = [set(_body_of(data).get("files", {})) for data in made]
    assert carried == [{first.path}, {second.path}]


def _body_of(data: bytes) -> dict[str, Any]:
    import json
    import zlib

    length = struct.unpack(">I", data[12:16])[0]
    return dict(json.loads(zlib.decompress(data[16 + length : -64])))
