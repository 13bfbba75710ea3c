"""Atom feeds of the newest statements: of any search, of one speaker, of one topic.

Every feed is a search through the same ``search()`` as the page, sorted newest
first, so a feed holds exactly what the page it belongs to would list first. Each
entry's id is the passage's permalink, which never changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from statements.models import Speaker, Topic
from statements.search import SearchResult, search

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str) -> str:
    """XML 1.0 cannot carry control characters: drop them from file text and queries."""
    return _CONTROL.sub("", value)


@dataclass(frozen=True)
class FeedSource:
    """What one request's feed shows: the feed view is shared by every request, so it keeps no state."""

    title: str
    link: str
    result: SearchResult


class StatementFeed(Feed):
    """The newest statements of a search; subclasses say which search, and its title and page."""

    feed_type = Atom1Feed

    def source(self, request: HttpRequest, params: QueryDict, **kwargs: str) -> tuple[str, str]:
        raise NotImplementedError

    def get_object(self, request: HttpRequest, **kwargs: str) -> FeedSource:
        params = request.GET.copy()
        title, link = self.source(request, params, **kwargs)
        params["sort"] = "newest"
        params.pop("page", None)
        return FeedSource(xml_text(title), link, search(params, with_facets=False))

    def title(self, source: FeedSource) -> str:
        return source.title

    def link(self, source: FeedSource) -> str:
        return source.link

    def subtitle(self, source: FeedSource) -> str:
        return "The newest statements in the archive."

    def items(self, source: FeedSource):
        return [hit.passage for hit in source.result.hits]

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


class SearchFeed(StatementFeed):
    """Any search as a feed: "Lavrov on NATO" is ``/search/feed/?q=NATO&speaker=sergey-lavrov``."""

    def source(self, request: HttpRequest, params: QueryDict, **kwargs: str) -> tuple[str, str]:
        query = request.GET.urlencode()
        return "", reverse("statements:search") + (f"?{query}" if query else "")

    def title(self, source: FeedSource) -> str:
        query = source.result.query
        return xml_text(f"Statements matching “{query}”" if query else "Latest statements")


class SpeakerFeed(StatementFeed):
    """A speaker's newest statements, whatever else the query string asks."""

    def source(self, request: HttpRequest, params: QueryDict, **kwargs: str) -> tuple[str, str]:
        speaker = get_object_or_404(Speaker, slug=kwargs["slug"])
        params.clear()
        params["speaker"] = speaker.slug
        return f"Statements by {speaker.name}", speaker.get_absolute_url()


class TopicFeed(StatementFeed):
    """The newest statements on one topic, whatever else the query string asks."""

    def source(self, request: HttpRequest, params: QueryDict, **kwargs: str) -> tuple[str, str]:
        topic = get_object_or_404(Topic, slug=kwargs["slug"])
        params.clear()
        params["topic"] = topic.slug
        return f"Statements on {topic.name}", topic.get_absolute_url()
