import sys

from django.apps import AppConfig
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class CoreConfig(AppConfig):
    name = "comuna.core"
    label = "core"
    verbose_name = gettext_lazy("Commune")

    def ready(self) -> None:
        from comuna.core.home import home_make_private
        from comuna.core.terminal import terminal_language

        # Before any page or command reads the census: a data folder that other accounts on
        # the computer could read is closed to them, and the person is told.
        closed = home_make_private(settings.COMUNA_HOME)
        if closed:
            with translation.override(terminal_language()):
                sys.stderr.write(
                    _(
                        "The data folder %(folder)s could be read by other accounts on this "
                        "computer; it is now yours alone (%(count)s files and folders closed)."
                    )
                    % {"folder": settings.COMUNA_HOME, "count": len(closed)}
                    + "\n"
                )
