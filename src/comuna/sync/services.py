"""Every write of the synchronisation: building a commune's bundle on its laptop, applying it
on the server, and the server's bundle of what the federation publishes, back on the laptop.

See ``docs/sync.md`` for the protocol and every refusal.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import BigIntegerField, Max
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.engines.ledger import GENESIS_HASH, entry_from_dict, entry_to_dict, verify
from comuna.engines.ledger import Entry as EngineEntry
from comuna.engines.sync import BundleError, bundle_pack, bundle_peek, bundle_verify, key_public
from comuna.federation import services as federation_services
from comuna.federation.selectors import commune_public_key
from comuna.sync import files, rows
from comuna.sync.capture import PUBLISHED_LOCK, quiet
from comuna.sync.keys import commune_private_key, server_private_key
from comuna.sync.models import Alarm, Change, Login, Receipt, State

VERSION = 1
DEFAULT_LIMIT = 50_000

_ENTRY_FIELDS = (
    "sequence kind debit credit amount unit date description reference idempotency_key "
    "author pending_id previous_hash hash"
).split()


# --- the laptop ---------------------------------------------------------------------------


def state_of(commune: Commune) -> State:
    state, _created = State.objects.get_or_create(commune=commune)
    return state


def changes_pending(commune: Commune) -> int:
    state = state_of(commune)
    return Change.objects.filter(commune_id=commune.pk, id__gt=state.built_upto).count()


def _ledger_at(commune: Commune, upto: int) -> tuple[int, str]:
    """The commune's chain as of change ``upto``: the highest entry captured by then that is
    still there, and its hash."""
    entry = rows.entry_model()
    captured = (
        Change.objects.filter(commune_id=commune.pk, table_name=entry._meta.db_table, id__lte=upto)
        .annotate(n=Cast("key", BigIntegerField()))
        .aggregate(top=Max("n"))["top"]
    )
    top = captured or 0
    last = (
        entry._base_manager.filter(commune=commune, sequence__lte=top)
        .order_by("-sequence")
        .values_list("sequence", "hash")
        .first()
    )
    return (last[0], last[1]) if last else (0, GENESIS_HASH)


def bundle_make(
    commune: Commune, *, seq: int, start: int, limit: int = DEFAULT_LIMIT
) -> tuple[bytes, dict[str, Any]] | None:
    """The signed bundle number ``seq`` of the commune's changes after change ``start`` (at
    most ``limit`` of them), or None when there is none."""
    ids = Change.objects.filter(commune_id=commune.pk, id__gt=start).order_by("id")
    end = ids.values_list("id", flat=True)[limit - 1 : limit].first()
    if end is None:
        end = ids.aggregate(top=Max("id"))["top"]
    if end is None:
        return None
    end = files.files_end(commune, start, end)
    changed = Change.objects.filter(commune_id=commune.pk, id__gt=start, id__lte=end)
    count = changed.count()
    by_table: dict[str, set[str]] = {}
    for table, key in changed.values_list("table_name", "key").distinct():
        by_table.setdefault(table, set()).add(key)
    entry_table = rows.entry_model()._meta.db_table
    body_rows: dict[str, Any] = {}
    tombstones: dict[str, list[str]] = {}
    logins: set[int] = set()
    for spec in rows.communal_specs():
        keys = by_table.get(spec.table)
        if not keys:
            continue
        found, gone = rows.rows_read(spec, commune, [uuid.UUID(k) for k in keys], logins)
        if found:
            body_rows[spec.table] = {"columns": spec.names, "rows": found}
        if gone:
            tombstones[spec.table] = gone
    sequences = sorted(int(k) for k in by_table.get(entry_table, ()))
    entries = [
        list(values)
        for values in rows.entry_model()
        ._base_manager.filter(commune=commune, sequence__in=sequences)
        .order_by("sequence")
        .values_list(*_ENTRY_FIELDS)
    ]
    for values in entries:
        values[6] = values[6].isoformat()
    count_at, head_at = _ledger_at(commune, end)
    header = {
        "version": VERSION,
        "kind": "up",
        "commune": str(commune.uuid),
        "seq": seq,
        "changes": [start, end],
        "count": count,
        "ledger": [count_at, head_at],
    }
    body = {
        "rows": body_rows,
        "tombstones": tombstones,
        "entries": {"columns": _ENTRY_FIELDS, "rows": entries},
        "logins": rows.logins_read(logins),
        "files": files.files_read(body_rows),
    }
    return bundle_pack(header, body, commune_private_key(commune)), header


def bundle_next(commune: Commune, *, limit: int = DEFAULT_LIMIT) -> bytes | None:
    """The next bundle to carry (an export): after the last one built. None: nothing new."""
    with transaction.atomic():
        state = State.objects.select_for_update().get(pk=state_of(commune).pk)
        made = bundle_make(commune, seq=state.built_seq + 1, start=state.built_upto, limit=limit)
        if made is None:
            return None
        data, header = made
        state.built_seq = header["seq"]
        state.built_upto = header["changes"][1]
        state.save(update_fields=["built_seq", "built_upto"])
    return data


def state_synced(commune: Commune, *, seq: int, upto: int) -> None:
    """Record that the server holds the commune up to bundle ``seq`` and change ``upto``
    (an answer to a push; or a laptop made from the server's copy, as synced as it is)."""
    state = state_of(commune)
    state.acked_seq = state.built_seq = seq
    state.acked_upto = state.built_upto = upto
    state.pushed_at = timezone.now()
    state.save()


def state_mark_all_synced(commune: Commune) -> None:
    """A laptop just cloned from the server: everything it holds is already there."""
    top = Change.objects.aggregate(top=Max("id"))["top"] or 0
    state = state_of(commune)
    state.built_upto = state.acked_upto = top
    state.save()


# --- the server ---------------------------------------------------------------------------


class _Alarm(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True)
class Applied:
    commune: Commune
    seq: int
    upto: int
    changes: int


def _refusal_of(error: BundleError) -> Refusal:
    messages = {
        "truncated": _(
            "The bundle is incomplete (the transfer was cut or the file not fully copied): "
            "nothing was applied. Send it again."
        ),
        "altered": _("The bundle was altered after it was signed: nothing was applied."),
        "signature": _(
            "The bundle is not signed by this commune's registered key: nothing was applied."
        ),
        "malformed": _("This file is not a synchronisation bundle: nothing was applied."),
        "too_large": _("The bundle is larger than a bundle may be: nothing was applied."),
    }
    return Refusal(messages.get(error.code, error.detail), code=error.code)


def server_position(commune: Commune) -> tuple[int, int]:
    """The last bundle applied for the commune, and the change it reached: (0, 0) before any."""
    last = Receipt.objects.filter(commune=commune).order_by("-seq").first()
    if last is not None:
        return last.seq, last.change_to
    return 0, 0


def _chain_base(commune: Commune) -> tuple[int, str]:
    last = Receipt.objects.filter(commune=commune).order_by("-seq").first()
    if last is not None:
        return last.ledger_count, last.ledger_head
    top = (
        rows.entry_model()
        ._base_manager.filter(commune=commune)
        .order_by("-sequence")
        .values_list("sequence", "hash")
        .first()
    )
    return (top[0], top[1]) if top else (0, GENESIS_HASH)


def _ledger_check(
    commune: Commune, header: dict[str, Any], entries: list[EngineEntry]
) -> list[EngineEntry]:
    """The entries to add, after checking that they continue the chain the server recorded;
    ``_Alarm`` when the commune's books were rewritten or cut short since."""
    base_count, base_head = _chain_base(commune)
    try:
        count, head = int(header["ledger"][0]), str(header["ledger"][1])
    except (KeyError, TypeError, ValueError, IndexError):
        raise Refusal(
            _("The bundle's header is incomplete: nothing was applied."), code="malformed"
        ) from None
    if count < base_count:
        raise _Alarm(
            Alarm.Kind.CUT_SHORT,
            _(
                "The commune's books end at entry %(count)s, but entry %(base)s was already "
                "synchronised: the books were cut short after a sync. Nothing was applied."
            )
            % {"count": count, "base": base_count},
        )
    old = [e for e in entries if e.sequence <= base_count]
    new = [e for e in entries if e.sequence > base_count]
    if old:
        stored = dict(
            rows.entry_model()
            ._base_manager.filter(commune=commune, sequence__in=[e.sequence for e in old])
            .values_list("sequence", "hash")
        )
        for e in old:
            if stored.get(e.sequence) != e.hash:
                raise _Alarm(
                    Alarm.Kind.REWRITTEN,
                    _(
                        "Entry %(sequence)s of the commune's books is not the one synchronised "
                        "before: the books were rewritten after a sync. Nothing was applied."
                    )
                    % {"sequence": e.sequence},
                )
    if new and new[0].sequence == base_count + 1 and new[0].previous_hash != base_head:
        raise _Alarm(
            Alarm.Kind.REWRITTEN,
            _(
                "The commune's books no longer continue the chain head recorded at the last "
                "sync (entry %(base)s): they were rewritten. Nothing was applied."
            )
            % {"base": base_count},
        )
    result = verify(new, previous_hash=base_head, first_sequence=base_count + 1)
    if not result.ok:
        detail = result.first_bad.detail if result.first_bad else ""
        raise _Alarm(
            Alarm.Kind.CHAIN,
            _("The ledger chain in the bundle does not verify (%(detail)s): nothing was applied.")
            % {"detail": detail},
        )
    final_count = base_count + result.count
    final_head = result.head
    if count == base_count and count > 0 and head != base_head:
        raise _Alarm(
            Alarm.Kind.REWRITTEN,
            _(
                "The commune's books end at entry %(count)s with another hash than the one "
                "recorded at the last sync: they were rewritten. Nothing was applied."
            )
            % {"count": count},
        )
    if (final_count, final_head) != (count, head):
        raise _Alarm(
            Alarm.Kind.CHAIN,
            _(
                "The bundle's entries do not reach the chain head its header names: "
                "nothing was applied."
            ),
        )
    return new


def _alarm_record(commune: Commune, kind: str, detail: str, seq: Any) -> None:
    with transaction.atomic():
        Alarm.objects.create(
            commune=commune,
            kind=kind,
            detail=detail,
            bundle_seq=seq if isinstance(seq, int) else None,
        )


def _logins_map(commune: Commune, logins: dict[str, Any]) -> dict[str, int]:
    """The server's login for each of the laptop's usernames: its mapping, made on first
    sight as ``username@commune-code`` (another name if that one is taken)."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    known = dict(
        Login.objects.filter(commune=commune, name__in=list(logins)).values_list("name", "user_id")
    )
    made = set(
        Login.objects.filter(commune=commune, name__in=list(logins), made=True).values_list(
            "name", flat=True
        )
    )
    for name, data in logins.items():
        if not isinstance(data, dict):
            raise Refusal(_("The bundle's logins cannot be read: nothing was applied."))
        fields = {
            "first_name": str(data.get("first_name", ""))[:150],
            "last_name": str(data.get("last_name", ""))[:150],
            "email": str(data.get("email", ""))[:254],
            "password": str(data.get("password", "!"))[:128],
            "is_active": bool(data.get("is_active", True)),
        }
        if name in known:
            if name in made:
                user_model._base_manager.filter(pk=known[name]).update(**fields)
            continue
        username = f"{name}@{commune.code}"[:150]
        while user_model._base_manager.filter(username=username).exists():
            username = f"{name}@{commune.code}-{uuid.uuid4().hex[:6]}"[:150]
        user = user_model._base_manager.create(username=username, **fields)
        Login.objects.create(commune=commune, name=name, user=user, made=True)
        known[name] = user.pk
    return known


def _identity_flags_refresh(commune: Commune) -> None:
    """The federation's check of national IDs registered in two communes."""
    federation_services.identity_flags_refresh(commune=commune)


def bundle_apply(*, data: bytes) -> Applied:
    """Apply a commune's bundle on the server, all of it or (with a Refusal) nothing."""
    try:
        header = bundle_peek(data)
    except BundleError as error:
        raise _refusal_of(error) from None
    try:
        commune_uuid = uuid.UUID(str(header.get("commune")))
    except ValueError:
        raise Refusal(
            _("The bundle names no commune: nothing was applied."), code="malformed"
        ) from None
    if header.get("kind") != "up" or header.get("version") != VERSION:
        raise Refusal(_("This is not a commune's bundle: nothing was applied."), code="malformed")
    commune = Commune.objects.filter(uuid=commune_uuid).first()
    key = commune_public_key(commune) if commune is not None else None
    if commune is None or key is None:
        raise Refusal(
            _(
                "The commune of this bundle is not registered at this server (no key): "
                "nothing was applied."
            ),
            code="unregistered",
            status=403,
        )
    try:
        bundle = bundle_verify(data, key)
    except BundleError as error:
        if error.code == "signature":
            _alarm_record(commune, Alarm.Kind.SIGNATURE, error.detail, header.get("seq"))
        raise _refusal_of(error) from None
    try:
        applied = _apply(commune, bundle.header, bundle.body, hashlib.sha256(data).hexdigest())
    except _Alarm as alarm:
        _alarm_record(commune, alarm.kind, alarm.message, header.get("seq"))
        raise Refusal(alarm.message, code=str(alarm.kind), status=409) from None
    except IntegrityError as error:
        raise Refusal(
            _(
                "The bundle does not fit the server's copy of the commune (%(error)s): nothing was "
                "applied."
            )
            % {"error": str(error).splitlines()[0][:200]},
            code="conflict",
            status=409,
        ) from None
    # The federation's pages read the commune as it now stands on the server.
    transaction.on_commit(lambda: federation_services.tally_refresh([commune.pk]))
    return applied


def _body_table(body: dict[str, Any], name: str) -> dict[str, Any]:
    value = body.get(name, {})
    if not isinstance(value, dict):
        raise Refusal(_("The bundle's body cannot be read: nothing was applied."), code="malformed")
    return value


def _apply(commune: Commune, header: dict[str, Any], body: dict[str, Any], digest: str) -> Applied:
    try:
        seq = int(header["seq"])
        start, end = (int(x) for x in header["changes"])
        count = int(header["count"])
    except (KeyError, TypeError, ValueError):
        raise Refusal(
            _("The bundle's header is incomplete: nothing was applied."), code="malformed"
        ) from None
    with transaction.atomic():
        Commune.objects.select_for_update().filter(pk=commune.pk).first()
        last_seq, last_upto = server_position(commune)
        if seq <= last_seq:
            raise Refusal(
                _("Bundle %(seq)s of this commune was already applied: nothing changed.")
                % {"seq": seq},
                code="replayed",
                status=409,
            )
        if seq != last_seq + 1:
            raise Refusal(
                _(
                    "Bundle %(seq)s arrived out of order: the next one this server expects is "
                    "%(next)s. Nothing was applied."
                )
                % {"seq": seq, "next": last_seq + 1},
                code="out_of_order",
                status=409,
            )
        if end < start or (last_seq > 0 and start > last_upto):
            raise Refusal(
                _(
                    "The bundle starts after change %(start)s but the server holds the commune "
                    "only up to change %(upto)s: changes are missing. Nothing was applied."
                )
                % {"start": start, "upto": last_upto},
                code="gap",
                status=409,
            )
        entry_part = _body_table(body, "entries")
        try:
            names = entry_part.get("columns", _ENTRY_FIELDS)
            entries = [
                entry_from_dict(dict(zip(names, values, strict=True)))
                for values in entry_part.get("rows", [])
            ]
        except (KeyError, TypeError, ValueError):
            raise Refusal(
                _("The bundle's ledger entries cannot be read: nothing was applied."),
                code="malformed",
            ) from None
        entries.sort(key=lambda e: e.sequence)
        new_entries = _ledger_check(commune, header, entries)
        logins = _logins_map(commune, _body_table(body, "logins"))
        resolver = rows.Resolver(commune, logins)
        tables = _body_table(body, "rows")
        tombstones = _body_table(body, "tombstones")
        known = {spec.table for spec in rows.communal_specs()}
        strange = (set(tables) | set(tombstones)) - known
        if strange:
            raise Refusal(
                _(
                    "The bundle holds tables that are not a commune's: %(tables)s. Nothing was "
                    "applied."
                )
                % {"tables": ", ".join(sorted(strange))},
                code="malformed",
            )
        checked_files = files.files_check(body.get("files"), tables)
        with quiet():
            _entries_write(commune, new_entries)
            fixups: list[Any] = []
            for spec in rows.communal_specs():
                part = tables.get(spec.table)
                if part:
                    try:
                        rows.rows_write(
                            spec, list(part["columns"]), list(part["rows"]), resolver, fixups
                        )
                    except (KeyError, TypeError, ValueError, IndexError) as error:
                        raise Refusal(
                            _("The bundle's rows of %(table)s cannot be read: nothing was applied.")
                            % {"table": spec.table},
                            code="malformed",
                        ) from error
            rows.fixups_write(fixups, resolver)
            for spec in reversed(rows.communal_specs()):
                gone = tombstones.get(spec.table)
                if gone:
                    rows.rows_delete(spec, commune, [str(k) for k in gone])
            ledger_count, ledger_head = (int(header["ledger"][0]), str(header["ledger"][1]))
            if new_entries:
                _head_set(commune, ledger_count, ledger_head)
            # Last, inside the transaction: a file that cannot be written applies nothing.
            files.files_write(checked_files)
        Receipt.objects.create(
            commune=commune,
            seq=seq,
            change_from=start,
            change_to=end,
            changes=count,
            ledger_count=ledger_count,
            ledger_head=ledger_head,
            digest=digest,
        )
    _identity_flags_refresh(commune)
    return Applied(commune=commune, seq=seq, upto=end, changes=count)


def _entries_write(commune: Commune, entries: Iterable[EngineEntry]) -> None:
    model = rows.entry_model()
    objects = [
        model(commune_id=commune.pk, **{k: v for k, v in entry_to_dict(e).items()}) for e in entries
    ]
    model._base_manager.bulk_create(objects, batch_size=2000)


def _head_set(commune: Commune, count: int, head: str) -> None:
    from django.apps import apps

    head_model = apps.get_model("ledger", "LedgerHead")
    head_model._base_manager.update_or_create(
        commune=commune, defaults={"count": count, "head": head}
    )


# --- what the federation publishes, down to the laptops -------------------------------------


def published_bundle(*, commune: Commune, since: int) -> bytes:
    """The server's bundle for one commune's laptop: the published rows changed after the
    server's change ``since``, and how far the server holds the commune (its acknowledgement)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Every published change numbered so far is committed once no writer holds this.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [PUBLISHED_LOCK])
        top = Change.objects.filter(commune_id__isnull=True).aggregate(top=Max("id"))["top"] or 0
    changed = Change.objects.filter(commune_id__isnull=True, id__gt=since, id__lte=top)
    by_table: dict[str, set[str]] = {}
    for table, key in changed.values_list("table_name", "key").distinct():
        by_table.setdefault(table, set()).add(key)
    body_rows: dict[str, Any] = {}
    tombstones: dict[str, list[str]] = {}
    for spec in rows.published_specs():
        keys = by_table.get(spec.table)
        if not keys:
            continue
        found, gone = rows.rows_read(spec, None, [uuid.UUID(k) for k in keys], set())
        if found:
            body_rows[spec.table] = {"columns": spec.names, "rows": found}
        if gone:
            tombstones[spec.table] = gone
    seq, upto = server_position(commune)
    private = server_private_key()
    header = {
        "version": VERSION,
        "kind": "down",
        "commune": str(commune.uuid),
        "ack": [seq, upto],
        "published": [since, max(top, since)],
        "server_key": base64.b64encode(key_public(private)).decode(),
    }
    return bundle_pack(header, {"rows": body_rows, "tombstones": tombstones}, private)


def published_apply(*, data: bytes) -> dict[str, Any]:
    """Apply the server's bundle on a laptop: its published rows, idempotently, and its
    acknowledgement of what the server holds of the commune."""
    try:
        header = bundle_peek(data)
        commune = Commune.objects.filter(uuid=uuid.UUID(str(header.get("commune")))).first()
    except BundleError as error:
        raise _refusal_of(error) from None
    except ValueError:
        commune = None
    if header.get("kind") != "down" or commune is None:
        raise Refusal(
            _(
                "This is not the server's bundle for a commune of this computer: nothing was "
                "applied."
            ),
            code="malformed",
        )
    state = state_of(commune)
    try:
        offered = base64.b64decode(str(header.get("server_key", "")))
    except ValueError:
        offered = b""
    pinned = bytes(state.server_key) if state.server_key else offered
    try:
        bundle = bundle_verify(data, pinned)
    except BundleError as error:
        raise _refusal_of(error) from None
    body = bundle.body
    tables = _body_table(body, "rows")
    tombstones = _body_table(body, "tombstones")
    published = {spec.table: spec for spec in rows.published_specs()}
    strange = (set(tables) | set(tombstones)) - set(published)
    if strange:
        raise Refusal(
            _(
                "The server's bundle holds rows that only this commune writes (%(tables)s): "
                "nothing was applied."
            )
            % {"tables": ", ".join(sorted(strange))},
            code="communal_from_server",
        )
    try:
        since, until = (int(x) for x in header["published"])
        ack_seq, ack_upto = (int(x) for x in header["ack"])
    except (KeyError, TypeError, ValueError):
        raise Refusal(
            _("The bundle's header is incomplete: nothing was applied."), code="malformed"
        ) from None
    with transaction.atomic():
        state = State.objects.select_for_update().get(pk=state.pk)
        if since > state.pulled_upto:
            raise Refusal(
                _(
                    "This bundle of the server starts after what this computer last received: "
                    "ask the server for a newer one. Nothing was applied."
                ),
                code="gap",
            )
        resolver = rows.Resolver(None, {})
        # A published row may name the server's login that wrote it: not on a laptop.
        resolver.skip_unknown = True
        with quiet():
            fixups: list[Any] = []
            for spec in rows.published_specs():
                part = tables.get(spec.table)
                if part:
                    rows.rows_write(
                        spec, list(part["columns"]), list(part["rows"]), resolver, fixups
                    )
            rows.fixups_write(fixups, resolver)
            for spec in reversed(rows.published_specs()):
                gone = tombstones.get(spec.table)
                if gone:
                    rows.rows_delete(spec, None, [str(k) for k in gone])
        state.server_key = pinned
        state.pulled_upto = max(state.pulled_upto, until)
        state.pulled_at = timezone.now()
        if ack_seq >= state.acked_seq:
            state.acked_seq, state.acked_upto = ack_seq, ack_upto
            if (state.built_seq, state.built_upto) != (ack_seq, ack_upto):
                # A bundle carried and lost (or not yet arrived): the next one starts again
                # from what the server holds; what it repeats is applied once.
                state.built_seq, state.built_upto = ack_seq, ack_upto
        state.save()
    return {"rows": sum(len(p["rows"]) for p in tables.values()), "acked": ack_seq}


def commune_key_register(*, commune: Commune, public_key: bytes) -> None:
    """Record the commune's public key, as an accepted registration would."""
    federation_services.commune_key_set(commune=commune, public_key=public_key)


# --- a laptop made from the server's copy of a commune ---------------------------------------


def clone_bundle(*, commune: Commune, private_key: bytes) -> bytes:
    """Every row of the commune, as a bundle signed by the laptop's new key (``kind: clone``),
    for ``clone_apply`` in the laptop's empty database."""
    body_rows: dict[str, Any] = {}
    logins: set[int] = set()
    for spec in rows.communal_specs():
        keys = list(spec.model._base_manager.filter(commune=commune).values_list("uuid", flat=True))
        if keys:
            found, _gone = rows.rows_read(spec, commune, keys, logins)
            body_rows[spec.table] = {"columns": spec.names, "rows": found}
    entries = [
        list(values)
        for values in rows.entry_model()
        ._base_manager.filter(commune=commune)
        .order_by("sequence")
        .values_list(*_ENTRY_FIELDS)
    ]
    for values in entries:
        values[6] = values[6].isoformat()
    header = {
        "version": VERSION,
        "kind": "clone",
        "commune": str(commune.uuid),
        "fields": {
            "code": commune.code,
            "name": commune.name,
            "municipality": commune.municipality,
            "state": commune.state,
            "is_demo": commune.is_demo,
        },
        "public_key": base64.b64encode(key_public(private_key)).decode(),
    }
    body = {
        "rows": body_rows,
        "entries": {"columns": _ENTRY_FIELDS, "rows": entries},
        "logins": rows.logins_read(logins),
    }
    return bundle_pack(header, body, private_key)


def clone_apply(*, data: bytes, public_key: bytes) -> Commune:
    """On a laptop's empty database: the commune, its logins (their own names and passwords)
    and every row of the server's copy, marked as already synchronised."""
    from django.contrib.auth import get_user_model

    try:
        bundle = bundle_verify(data, public_key)
    except BundleError as error:
        raise _refusal_of(error) from None
    header, body = bundle.header, bundle.body
    if header.get("kind") != "clone":
        raise Refusal(_("This is not a commune's bundle: nothing was applied."), code="malformed")
    user_model = get_user_model()
    with transaction.atomic():
        commune = Commune.objects.create(uuid=uuid.UUID(header["commune"]), **header["fields"])
        logins: dict[str, int] = {}
        for name, fields in body.get("logins", {}).items():
            user, _created = user_model._base_manager.get_or_create(username=name, defaults=fields)
            logins[name] = user.pk
        resolver = rows.Resolver(commune, logins)
        resolver.skip_unknown = True
        tables = body.get("rows", {})
        with quiet():
            entry_part = body.get("entries", {})
            entries = [
                entry_from_dict(dict(zip(entry_part["columns"], values, strict=True)))
                for values in entry_part.get("rows", [])
            ]
            _entries_write(commune, entries)
            if entries:
                _head_set(commune, entries[-1].sequence, entries[-1].hash)
            fixups: list[Any] = []
            for spec in rows.communal_specs():
                part = tables.get(spec.table)
                if part:
                    rows.rows_write(
                        spec, list(part["columns"]), list(part["rows"]), resolver, fixups
                    )
            rows.fixups_write(fixups, resolver)
        state_mark_all_synced(commune)
    return commune


def logins_identity_map(*, commune: Commune, names: Iterable[str]) -> None:
    """On the server: a laptop made from its copy keeps the server's logins' names, so each
    maps to the server's login of that name."""
    from django.contrib.auth import get_user_model

    users = dict(
        get_user_model()
        ._base_manager.filter(username__in=list(names))
        .values_list("username", "pk")
    )
    with transaction.atomic():
        for name, pk in users.items():
            Login.objects.update_or_create(
                commune=commune, name=name, defaults={"user_id": pk, "made": False}
            )
