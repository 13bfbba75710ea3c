"""Statements leave the archive as Atom feeds (per search, speaker, topic) and sitemaps."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree

import feedparser
import pytest

from tests import factories as make

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def feed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_a_speakers_feed_holds_their_newest_statements_with_the_permalink_as_id(client):
    ana, ben = make.speaker("Ana Ruiz"), make.speaker("Ben Oduya")
    older = make.passage("Tariffs hurt the farmers of the valley.", by=ana, said_on=dt.date(2021, 1, 5))
    newer = make.passage("Tariffs will go next spring.", by=ana, said_on=dt.date(2022, 6, 1))
    make.passage("Someone else on tariffs.", by=ben, said_on=dt.date(2023, 1, 1))
    parsed = feed(client, f"/speakers/{ana.slug}/feed/")
    assert parsed.feed.title == "Statements by Ana Ruiz"
    assert [e.id for e in parsed.entries] == [
        f"http://testserver{newer.get_absolute_url()}",
        f"http://testserver{older.get_absolute_url()}",
    ]
    assert parsed.entries[0].link == parsed.entries[0].id


def test_a_topics_feed_holds_only_statements_on_that_topic(client):
    trade, war = make.topic("Trade"), make.topic("War")
    ana = make.speaker("Ana Ruiz")
    on_trade = make.passage("Tariffs hurt the farmers.", by=ana, topics=[trade])
    make.passage("The front line moved east.", by=ana, topics=[war])
    parsed = feed(client, f"/topics/{trade.slug}/feed/")
    assert parsed.feed.title == "Statements on Trade"
    assert [e.id for e in parsed.entries] == [f"http://testserver{on_trade.get_absolute_url()}"]


def test_a_search_feed_follows_one_speaker_on_one_subject(client):
    lavrov, other = make.speaker("Sergey Lavrov"), make.speaker("Ana Ruiz")
    wanted = make.passage("NATO expansion is a threat to us.", by=lavrov)
    make.passage("NATO is a defensive alliance.", by=other)
    make.passage("The grain deal is over.", by=lavrov)
    parsed = feed(client, f"/search/feed/?q=NATO&speaker={lavrov.slug}")
    assert [e.id for e in parsed.entries] == [f"http://testserver{wanted.get_absolute_url()}"]


def test_the_feed_of_a_speaker_or_topic_that_does_not_exist_is_not_found(client):
    assert client.get("/speakers/nobody-at-all/feed/").status_code == 404
    assert client.get("/topics/no-such-topic/feed/").status_code == 404


@pytest.mark.parametrize("page", ["speaker", "topic"])
def test_speaker_and_topic_pages_link_their_own_feed_for_feed_readers(client, page):
    ana, trade = make.speaker("Ana Ruiz"), make.topic("Trade")
    make.passage("Tariffs hurt the farmers.", by=ana, topics=[trade])
    thing = ana if page == "speaker" else trade
    html = client.get(thing.get_absolute_url()).content.decode()
    link = '<link rel="alternate" type="application/atom+xml" title="Statements '
    assert link in html
    assert f'href="{thing.get_absolute_url()}feed/"' in html


def test_the_home_page_links_the_feed_of_the_latest_statements(client):
    html = client.get("/").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Latest statements" href="/search/feed/">'
        in html
    )
    assert feed(client, "/search/feed/").feed.title == "Latest statements"


def sitemap_urls(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def test_the_sitemap_index_lists_statements_documents_speakers_and_topics(client):
    make.passage("Tariffs hurt the farmers.", by=make.speaker("Ana Ruiz"), topics=[make.topic("Trade")])
    sections = sitemap_urls(client, "/sitemap.xml")
    assert sorted(u.rsplit("/", 1)[1] for u in sections) == [
        "sitemap-documents.xml",
        "sitemap-speakers.xml",
        "sitemap-statements.xml",
        "sitemap-topics.xml",
    ]


def test_the_statements_sitemap_lists_every_permalink_but_no_question(client):
    doc = make.document()
    said = make.passage("Tariffs hurt the farmers.", by=make.speaker("Ana Ruiz"), doc=doc)
    asked = make.passage("Will tariffs go?", doc=doc, kind="question")
    urls = sitemap_urls(client, "/sitemap-statements.xml")
    assert f"http://testserver{said.get_absolute_url()}" in urls
    assert f"http://testserver{asked.get_absolute_url()}" not in urls


def test_the_speakers_sitemap_leaves_out_speakers_without_statements(client):
    ana, idle = make.speaker("Ana Ruiz"), make.speaker("Idle Person")
    make.passage("Tariffs hurt the farmers.", by=ana)
    urls = sitemap_urls(client, "/sitemap-speakers.xml")
    assert urls == [f"http://testserver{ana.get_absolute_url()}"]
    assert idle.get_absolute_url() not in " ".join(urls)


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
