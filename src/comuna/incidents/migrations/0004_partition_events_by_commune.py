"""On PostgreSQL, the incidents tables that grow fastest are split by commune (HASH partitions of
commune_id, see comuna.core.partitioning); nothing changes on SQLite."""

from django.db import migrations

from comuna.core.partitioning import partition_by_commune_operation


class Migration(migrations.Migration):
    dependencies = [("incidents", "0003_seed_standard_kinds")]

    operations = [
        partition_by_commune_operation("incidents_incidentevent"),
    ]
