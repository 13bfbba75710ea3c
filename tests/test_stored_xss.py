"""A file full of markup is imported; every page that shows it renders it inert."""

import html
import re
from html.parser import HTMLParser

import pytest

from statements.models import Document, Passage, Speaker

pytestmark = pytest.mark.django_db

HOSTILE = """Hostile briefing <script>alert('title')</script>

Question: Is <img src=x onerror=alert(1)> allowed here at all?

Ivo Marek: Sanctions <script>alert(document.cookie)</script> will stay, and "><svg onload=alert(2)> too.

Ivo Marek: Read <a href="javascript:alert(3)">this link</a> about sanctions before you decide anything.
"""
PAYLOADS = ["<script>alert", "<img src=x onerror", "<svg onload", 'href="javascript:']


@pytest.fixture
def hostile(write_text, import_files):
    assert import_files(write_text("hostile.txt", HOSTILE)) == 0
    return Document.objects.get()


class ActiveParts(HTMLParser):
    """Collects what a browser would run: inline scripts, event handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag in ("svg", "img", "iframe", "object") and any(n == "src" and v == "x" for n, v in attrs):
            self.found.append(f"<{tag}> from the file")

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append(f"inline script {data[:40]!r}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def assert_inert(html: str) -> None:
    for payload in PAYLOADS:
        assert payload not in html, payload
    parser = ActiveParts()
    parser.feed(html)
    assert not parser.found


def test_search_results_with_highlights_are_inert(client, hostile):
    page = client.get("/search/", {"q": "sanctions"}).text
    assert "<mark>" in page
    assert_inert(page)


def test_the_permalink_page_and_its_meta_tags_are_inert(client, hostile):
    for passage in Passage.objects.all():
        page = client.get(passage.get_absolute_url()).text
        assert_inert(page)
        for tag in re.findall(r"<meta [^>]*>", page):
            assert "<" not in tag[1:], tag


def test_the_document_page_is_inert(client, hostile):
    assert_inert(client.get(hostile.get_absolute_url()).text)


def test_speaker_pages_are_inert(client, hostile):
    for speaker in Speaker.objects.all():
        assert_inert(client.get(speaker.get_absolute_url()).text)
    assert_inert(client.get("/speakers/").text)


def test_the_home_page_is_inert(client, hostile):
    assert_inert(client.get("/").text)


def test_the_admin_changelists_are_inert(admin_client, hostile):
    for model in ("passage", "document", "speaker"):
        assert_inert(admin_client.get(f"/admin/statements/{model}/").text)


def test_the_feed_is_inert_for_feed_readers(client, hostile):
    feed = client.get("/search/feed/", {"q": "sanctions"}).text
    summaries = re.findall(r'<summary type="html">(.*?)</summary>', feed, re.S)
    assert summaries
    for summary in summaries:
        assert_inert(html.unescape(summary))
