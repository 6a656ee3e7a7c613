from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SyncConfig(AppConfig):
    name = "comuna.sync"
    label = "sync"
    verbose_name = _("Synchronisation")

    def ready(self) -> None:
        from comuna.sync.capture import install

        post_migrate.connect(install, sender=self, dispatch_uid="sync_capture_install")
