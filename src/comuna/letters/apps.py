from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "comuna.letters"
    label = "letters"
    verbose_name = _("Letters to institutions")

    def ready(self) -> None:
        from comuna.core.permissions import permission_register
        from comuna.letters import access

        permission_register("letters.read", access.letters_are_read)
        permission_register("letters.write", access.letters_are_written)
