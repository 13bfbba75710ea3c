"""Sitemaps of every public page that is a thing (a quote, a document, a speaker, a topic).

Search engines and archivists find each permalink from here; ``/sitemap.xml`` is an
index of the four, each split into pages of ``limit`` entries as the protocol asks.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from statements.models import Document, Passage, Speaker, Topic


class PassageSitemap(Sitemap):
    """Every statement's permalink, in the order passages were stored."""

    limit = 20_000

    def items(self):
        return (
            Passage.objects.statements()
            .order_by("pk")
            .select_related("document")
            .only("public_id", "document__updated_at")
        )

    def lastmod(self, passage: Passage):
        return passage.document.updated_at


class DocumentSitemap(Sitemap):
    limit = 20_000

    def items(self):
        return Document.objects.order_by("pk").only("slug", "updated_at")

    def lastmod(self, document: Document):
        return document.updated_at


class SpeakerSitemap(Sitemap):
    """Speakers with at least one statement: an empty speaker page is not worth a crawl."""

    limit = 20_000

    def items(self):
        return Speaker.objects.filter(passages__isnull=False).distinct().order_by("pk").only("slug")


class TopicSitemap(Sitemap):
    def items(self):
        return Topic.objects.order_by("pk").only("slug")


SITEMAPS = {
    "statements": PassageSitemap,
    "documents": DocumentSitemap,
    "speakers": SpeakerSitemap,
    "topics": TopicSitemap,
}
