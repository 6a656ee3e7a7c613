"""On PostgreSQL, the distribution tables that grow fastest are split by commune (HASH partitions of
commune_id, see comuna.core.partitioning); nothing changes on SQLite."""

from django.db import migrations

from comuna.core.partitioning import partition_by_commune_operation


class Migration(migrations.Migration):
    dependencies = [("distribution", "0001_initial")]

    operations = [
        partition_by_commune_operation("distribution_delivery"),
        partition_by_commune_operation("distribution_entitlement"),
    ]
