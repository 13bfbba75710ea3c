"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

from archive.startup import settle

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
application = get_asgi_application()
settle()
