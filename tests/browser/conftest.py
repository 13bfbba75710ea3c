"""Browser tests: Playwright drives Debian's Chromium against a live server on real PostgreSQL.

If Chromium is missing or cannot start, every browser test is skipped with the
reason, which pytest prints in its summary (-ra): never silently.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        pytest.skip(f"BROWSER TESTS SKIPPED: playwright is not installed ({error})")
    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not path:
        pytest.skip(f"BROWSER TESTS SKIPPED: no Chromium at {CHROMIUM}; install Debian's 'chromium' package")
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        except Exception as error:  # a broken browser install must say why, loudly
            pytest.skip(f"BROWSER TESTS SKIPPED: Chromium at {path} would not start: {error}")
        yield chromium
        chromium.close()


@pytest.fixture
def archive(transactional_db):
    """The seed texts, imported as `make run` imports them."""
    call_command("import_statements", str(settings.SEEDS_DIR), no_progress=True, verbosity=0)


def _context(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    return context


@pytest.fixture
def page(browser, live_server, archive):
    context = _context(browser, live_server, DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server, archive):
    context = _context(browser, live_server, PHONE)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
