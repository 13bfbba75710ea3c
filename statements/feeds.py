"""An Atom feed of any search: the same search function as the page, newest first."""

from __future__ import annotations

import re

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from statements.search import search

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str) -> str:
    """XML 1.0 cannot carry control characters: drop them from file text and queries."""
    return _CONTROL.sub("", value)


class SearchFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest):
        params = request.GET.copy()
        params["sort"] = "newest"
        return search(params, with_facets=False), request.GET.urlencode()

    def title(self, obj) -> str:
        result, _ = obj
        return xml_text(f"Statements matching “{result.query}”" if result.query else "Latest statements")

    def link(self, obj) -> str:
        _, query = obj
        return reverse("statements:search") + (f"?{query}" if query else "")

    def subtitle(self, obj) -> str:
        return "New statements in the archive for this search."

    def items(self, obj):
        result, _ = obj
        return [hit.passage for hit in result.hits]

    def item_title(self, passage) -> str:
        who = passage.speaker.name if passage.speaker else "Unknown speaker"
        voice = "said" if passage.is_verbatim else "(paraphrase)"
        return xml_text(f"{who} {voice}: {passage.text[:80]}")

    def item_description(self, passage) -> str:
        # Feed readers treat the summary as HTML: escape the file's text so it stays text.
        return escape(xml_text(passage.text))

    def item_pubdate(self, passage):
        return passage.document.imported_at

    def item_author_name(self, passage) -> str:
        return xml_text(passage.speaker.name) if passage.speaker else ""
