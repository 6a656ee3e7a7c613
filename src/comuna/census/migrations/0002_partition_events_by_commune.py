"""On PostgreSQL, the census tables that grow fastest are split by commune (HASH partitions of
commune_id, see comuna.core.partitioning); nothing changes on SQLite."""

from django.db import migrations

from comuna.core.partitioning import partition_by_commune_operation


class Migration(migrations.Migration):
    dependencies = [("census", "0001_initial")]

    operations = [
        partition_by_commune_operation("census_censusevent"),
    ]
