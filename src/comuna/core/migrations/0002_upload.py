# One kept upload for every import (census, ledger, …), replacing each app's own.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Upload',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=40)),
                ('filename', models.CharField(max_length=255)),
                ('content', models.BinaryField()),
                ('digest', models.CharField(help_text='SHA-256 of the content, in hex.', max_length=64)),
                ('options', models.JSONField(blank=True, default=dict)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('applied_at', models.DateTimeField(blank=True, null=True)),
                ('summary', models.JSONField(blank=True, default=dict)),
                ('commune', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='uploads', to='core.commune')),
                ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(condition=models.Q(('applied_at__isnull', False)), fields=('commune', 'kind', 'digest'), name='core_upload_applied_once')],
            },
        ),
    ]
