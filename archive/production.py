"""Production settings: the development ones, hardened, with everything site-specific from the environment.

Use with ``DJANGO_SETTINGS_MODULE=archive.production``. Required: ``SECRET_KEY`` and
``ALLOWED_HOSTS`` (comma-separated). Optional: ``DATABASE_URL`` (strongly advised, so the
web tier holds no data), ``CSRF_TRUSTED_ORIGINS`` (comma-separated, with scheme),
``SECURE_SSL_REDIRECT`` (``0`` when the proxy already redirects), ``SECURE_PROXY_SSL_HEADER``
(``HTTP_X_FORWARDED_PROTO,https`` behind a proxy that sets it), ``STATIC_ROOT``, ``LOG_LEVEL``.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from archive.settings import *  # noqa: F403
from archive.settings import DEVELOPMENT_SECRET_KEY, STATIC_ROOT


def _list_from_env(name: str) -> list[str]:
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def _flag_from_env(name: str, default: bool) -> bool:
    """``1/true/yes/on`` or ``0/false/no/off``; anything else is a mistake worth stopping for."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0 (got {value!r}).")


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings need a long random secret in the environment, e.g. "
        "SECRET_KEY=$(python -c 'from django.core.management.utils import get_random_secret_key as k; "
        "print(k())')"
    )
if SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is the development default, which is public. Set a long random secret for production."
    )

DEBUG = False

ALLOWED_HOSTS = _list_from_env("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. Give the site's host names, comma-separated, e.g. "
        "ALLOWED_HOSTS=archive.example.org"
    )
CSRF_TRUSTED_ORIGINS = _list_from_env("CSRF_TRUSTED_ORIGINS")

# HTTPS only: redirect plain HTTP, never send cookies over it, and tell browsers to
# remember that for a year (preload lists require includeSubDomains and preload).
SECURE_SSL_REDIRECT = _flag_from_env("SECURE_SSL_REDIRECT", True)
_proxy_header = _list_from_env("SECURE_PROXY_SSL_HEADER")
if _proxy_header:
    if len(_proxy_header) != 2 or not _proxy_header[0].startswith("HTTP_"):
        raise ImproperlyConfigured(
            "SECURE_PROXY_SSL_HEADER must look like HTTP_X_FORWARDED_PROTO,https "
            f"(got {os.environ['SECURE_PROXY_SSL_HEADER']!r})."
        )
    SECURE_PROXY_SSL_HEADER = (_proxy_header[0], _proxy_header[1])
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# The web tier keeps no state of its own: sessions live in the database, so any
# gunicorn worker on any machine can answer any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Static files are collected once at deploy time (manage.py collectstatic) and served by
# whitenoise with content-hashed names (cached for ever) and pre-compressed copies.
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(STATIC_ROOT))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Logs go to stdout, where the process manager (systemd, a container runtime) collects them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "plain"}
    },
    "root": {"handlers": ["stdout"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "statements": {
            "handlers": ["stdout"],
            "level": os.environ.get("LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
}
