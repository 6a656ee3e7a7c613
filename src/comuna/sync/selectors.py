"""Reads of the synchronisation: where each side stands, and a commune's rows compared."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db.models import Max

from comuna.core.models import Commune
from comuna.sync import rows
from comuna.sync.models import Alarm, Change, Login, Receipt, State


def commune_rows(commune: Commune, *, on_server: bool = False) -> dict[str, Any]:
    """Every row of the commune as it travels (foreign keys by stable keys), per table, sorted:
    equal on the laptop and on the server after a sync. On the server (``on_server``) a login
    is named by the laptop's name it maps to."""
    names: dict[str, str] = {}
    if on_server:
        names = {
            username: name
            for name, username in Login.objects.filter(commune=commune).values_list(
                "name", "user__username"
            )
        }
    result: dict[str, Any] = {}
    for spec in rows.communal_specs():
        keys = list(spec.model._base_manager.filter(commune=commune).values_list("uuid", flat=True))
        if not keys:
            continue
        found, _gone = rows.rows_read(spec, commune, keys, set())
        logins = [i for i, c in enumerate(spec.columns) if c.fk == rows.LOGIN]
        for row in found:
            for i in logins:
                if row[i] is not None:
                    row[i] = names.get(row[i], row[i])
        result[spec.table] = sorted(found, key=lambda r: json.dumps(r, sort_keys=True))
    entries = list(
        rows.entry_model()
        ._base_manager.filter(commune=commune)
        .order_by("sequence")
        .values_list("sequence", "hash")
    )
    if entries:
        result["ledger_entry"] = [list(e) for e in entries]
    return result


def commune_rows_digest(commune: Commune, *, on_server: bool = False) -> str:
    """One SHA-256 over ``commune_rows``: two copies of a commune are equal row for row when
    their digests are."""
    text = json.dumps(commune_rows(commune, on_server=on_server), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def laptop_status(commune: Commune) -> dict[str, Any]:
    state = State.objects.filter(commune=commune).first()
    built_upto = state.built_upto if state else 0
    return {
        "pending": Change.objects.filter(commune_id=commune.pk, id__gt=built_upto).count(),
        "unacknowledged": Change.objects.filter(
            commune_id=commune.pk, id__gt=state.acked_upto if state else 0
        ).count(),
        "built_seq": state.built_seq if state else 0,
        "acked_seq": state.acked_seq if state else 0,
        "pushed_at": state.pushed_at if state else None,
        "pulled_at": state.pulled_at if state else None,
    }


def server_status() -> list[dict[str, Any]]:
    """Per commune that has synchronised: its last bundle, chain head and alarms."""
    result = []
    last = Receipt.objects.values("commune").annotate(seq=Max("seq"))
    alarms: dict[int, int] = {}
    for commune_id in Alarm.objects.values_list("commune_id", flat=True):
        alarms[commune_id] = alarms.get(commune_id, 0) + 1
    communes = {c.pk: c for c in Commune.objects.all()}
    for item in last:
        receipt = Receipt.objects.get(commune_id=item["commune"], seq=item["seq"])
        result.append(
            {
                "commune": communes[item["commune"]],
                "receipt": receipt,
                "alarms": alarms.pop(item["commune"], 0),
            }
        )
    for commune_id, count in alarms.items():
        result.append({"commune": communes[commune_id], "receipt": None, "alarms": count})
    return result


def alarms_of(commune: Commune | None = None) -> list[Alarm]:
    query = Alarm.objects.select_related("commune")
    if commune is not None:
        query = query.filter(commune=commune)
    return list(query[:200])
