"""Two writers at once never fork the chain: they queue on the posting lock."""

from __future__ import annotations

import datetime as dt
import subprocess
import threading
from pathlib import Path

import pytest
from django.db import close_old_connections, connection

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.ledger import chart
from comuna.ledger.models import Entry
from comuna.ledger.selectors import integrity_check
from comuna.ledger.services import transfer_post
from tests import factories
from tests.processes import COMUNA, comuna_env, migrated_home

WRITERS = 4
EACH = 15


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the test database on SQLite is in memory; the process race below covers SQLite",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_threads_keep_one_unbroken_chain_on_postgresql() -> None:
    commune = factories.make_commune(name="Comuna El Panal")
    failures: list[str] = []
    start = threading.Barrier(WRITERS)

    def write(writer: int) -> None:
        try:
            start.wait()
            for n in range(EACH):
                for attempt in range(20):
                    try:
                        transfer_post(
                            commune=Commune.objects.get(pk=commune.pk),
                            debit=chart.BANK_VES,
                            credit=chart.CAPITAL_VES,
                            amount=100,
                            unit="VES",
                            date=dt.date(2025, 1, 1),
                            description=f"writer {writer} #{n}",
                            author=f"w{writer}",
                            idempotency_key=f"w{writer}-{n}",
                        )
                        break
                    except Refusal as error:
                        if error.code != "storage_conflict" or attempt == 19:
                            raise
        except Exception as error:  # noqa: BLE001 - reported to the main thread
            failures.append(repr(error))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    sequences = list(Entry.objects.filter(commune=commune).values_list("sequence", flat=True))
    assert sorted(sequences) == list(range(1, WRITERS * EACH + 1))
    result = integrity_check(commune)
    assert result.ok and result.count == WRITERS * EACH


WRITER = """
import datetime as dt, sys
from comuna.core.models import Commune
from comuna.ledger.services import transfer_post
commune = Commune.objects.get()
for n in range({each}):
    transfer_post(commune=commune, debit="1.1.01", credit="3.1.01", amount=100, unit="VES",
                  date=dt.date(2025, 1, 1), description=f"writer {writer} #{{n}}",
                  author="w{writer}")
"""


@pytest.mark.embedded
def test_concurrent_processes_keep_one_unbroken_chain(tmp_path: Path) -> None:
    """Real writers, each its own process on the same SQLite file, all posting at once."""
    env = comuna_env(tmp_path)
    setup = "from comuna.core.services import commune_create; commune_create(code='c', name='C')"
    migrated_home(tmp_path)
    done = subprocess.run([*COMUNA, "shell", "-c", setup], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    writers = [
        subprocess.Popen(
            [*COMUNA, "shell", "-c", WRITER.format(each=EACH, writer=w)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WRITERS)
    ]
    for writer in writers:
        _out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    verify = subprocess.run([*COMUNA, "ledger", "verify"], env=env, capture_output=True, text=True)
    assert verify.returncode == 0, verify.stderr
    assert f"verify: {WRITERS * EACH} entries" in verify.stdout
