"""Deployment: production refuses to start misconfigured, passes check --deploy, sends the headers."""

from __future__ import annotations

import gzip
import importlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.utils import get_random_secret_key
from django.test import Client, override_settings

from tests import factories as make

BASE_DIR = Path(settings.BASE_DIR)
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
PRODUCTION_ENV = {"SECRET_KEY": get_random_secret_key(), "ALLOWED_HOSTS": "archive.example.org,testserver"}
#: Production values that must not replace the test run's own (its database, its logging).
KEEP_FROM_TESTS = {"DATABASES", "LOGGING"}
#: Switches the browser tests set for their own process; no deployment has them.
TEST_ONLY_ENV = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def production_environment() -> dict[str, str]:
    """This process's environment as a deployment would have it: without test-only switches."""
    inherited = {key: value for key, value in os.environ.items() if key not in TEST_ONLY_ENV}
    return {**inherited, "DJANGO_SETTINGS_MODULE": "archive.production", **PRODUCTION_ENV}


def manage(*args: str, **env: str | None) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process, so settings are read from the environment as in production."""
    environment = {**production_environment(), **env}
    environment = {key: value for key, value in environment.items() if value is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=environment, capture_output=True, text=True
    )


def test_check_deploy_finds_no_issues_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_check_deploy_does_flag_the_development_settings():
    result = manage("check", "--deploy", DJANGO_SETTINGS_MODULE="archive.settings", SECRET_KEY=None)
    assert "security.W018" in result.stderr  # DEBUG on: proof the check above has teeth


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", SECRET_KEY=None)
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr


def test_production_refuses_the_public_development_secret_key():
    result = manage("check", SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY)
    assert result.returncode != 0
    assert "SECRET_KEY is the development default" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", ALLOWED_HOSTS="")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_reads_proxy_and_origin_settings_from_the_environment():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS, s.SECURE_SSL_REDIRECT, s.DEBUG)"
    )
    result = manage(
        "shell",
        "-c",
        code,
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
        CSRF_TRUSTED_ORIGINS="https://archive.example.org",
        SECURE_SSL_REDIRECT="0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "('HTTP_X_FORWARDED_PROTO', 'https') ['https://archive.example.org'] False False"
    )


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """archive.production's values, read with a production environment."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in PRODUCTION_ENV.items():
            patch.setenv(name, value)
        module = importlib.reload(importlib.import_module("archive.production"))
    return {
        name: getattr(module, name) for name in dir(module) if name.isupper() and name not in KEEP_FROM_TESTS
    }


@pytest.fixture(scope="module")
def static_root(production_settings, tmp_path_factory) -> Path:
    """collectstatic run once with the production storage, as a deployment does."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES=production_settings["STORAGES"]):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production(db, production_settings, static_root) -> Iterator[Client]:
    """A test client talking to the site configured as in production."""
    with override_settings(**{**production_settings, "STATIC_ROOT": static_root}):
        yield Client()


@pytest.fixture
def pages() -> list[str]:
    speaker = make.speaker("Ivo Marek")
    passage = make.passage("Sanctions will stay for now.", by=speaker)
    return [
        "/",
        "/search/?q=sanctions",
        passage.get_absolute_url(),
        passage.document.get_absolute_url(),
        speaker.get_absolute_url(),
        "/speakers/",
        "/topics/",
        "/admin/login/",
    ]


@pytest.mark.django_db
def test_every_page_carries_the_security_headers_in_development_too(client, pages):
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Security-Policy"] == POLICY, url
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"


def test_production_pages_carry_hsts_csp_and_the_other_security_headers(production, pages):
    for url in pages:
        response = production.get(url, secure=True)
        assert response.status_code == 200, url
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        assert response["Content-Security-Policy"] == POLICY
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"


def test_production_sends_plain_http_to_https(production):
    response = production.get("/search/?q=sanctions")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/search/?q=sanctions"


def test_production_cookies_never_travel_over_plain_http(production):
    response = production.get("/admin/login/", secure=True)
    assert response.cookies["csrftoken"]["secure"] is True
    assert settings.SESSION_COOKIE_SECURE is True
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


class ActiveMarkup(HTMLParser):
    """Collects what the policy would block: inline scripts and styles, handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "style" or (tag == "script" and not names.get("src")):
            self.found.append(f"inline <{tag}>")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: URL on <{tag}>")
        loaded = names.get("src") if tag == "script" else None
        if tag == "link" and {"stylesheet", "icon"} & set((names.get("rel") or "").split()):
            loaded = names.get("href")
        if loaded and re.match(r"(https?:)?//", loaded):
            self.found.append(f"off-site <{tag}> {loaded}")


def test_pages_need_nothing_the_policy_forbids(production, pages):
    for url in pages:
        parser = ActiveMarkup()
        parser.feed(production.get(url, secure=True).content.decode())
        assert parser.found == [], url


def test_production_serves_static_files_under_hashed_names_with_compressed_copies(production, static_root):
    page = production.get("/", secure=True).content.decode()
    stylesheet = re.search(r'href="(/static/css/archive\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "the page links the hashed stylesheet"
    hashed = static_root / stylesheet.group(1).removeprefix("/static/")
    assert (static_root / "staticfiles.json").exists()
    assert gzip.decompress(Path(f"{hashed}.gz").read_bytes()) == hashed.read_bytes()

    response = production.get(stylesheet.group(1), secure=True, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]


def test_gunicorn_loads_the_archive_with_production_settings():
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    environment = production_environment()
    result = subprocess.run(
        [gunicorn, "--check-config", "archive.wsgi"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize("entry", ["archive.wsgi", "archive.asgi"])
def test_a_web_worker_keeps_what_it_loaded_at_start_out_of_the_garbage_collectors_walks(entry):
    probe = f"import gc, {entry}; print(gc.get_freeze_count())"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=BASE_DIR,
        env=production_environment(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 10_000, (
        "Django, the URLconf and the views are frozen before the first request"
    )
