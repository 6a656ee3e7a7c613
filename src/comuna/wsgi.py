"""The WSGI application that ``comuna serve`` hands to its server."""

import os

from django.core.wsgi import get_wsgi_application

from comuna.core.home import umask_private

# Served by another server than ``comuna serve``: still, new files are for this account only.
umask_private()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comuna.settings")
application = get_wsgi_application()
