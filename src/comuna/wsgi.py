"""The WSGI application that ``comuna serve`` hands to its server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comuna.settings")
application = get_wsgi_application()
