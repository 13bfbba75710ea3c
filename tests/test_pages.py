"""Public pages: home, documents, speakers, topics, search page, feed."""

import datetime as dt
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from statements.models import Document
from tests import factories as make
from tests.conftest import TRANSCRIPT

pytestmark = pytest.mark.django_db


def test_home_page_lists_documents_with_passage_counts(client, write_text, import_files):
    import_files(write_text("briefing.txt", TRANSCRIPT))
    document = Document.objects.get()
    response = client.get(reverse("statements:home"))
    assert response.status_code == 200
    assert escape(document.title) in response.text
    assert f"{document.passages.count()} passages" in response.text


def test_document_page_shows_passages_with_their_speakers(client, write_text, import_files):
    import_files(write_text("briefing.txt", TRANSCRIPT))
    document = Document.objects.get()
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert "Helga Brandt" in response.text
    assert "Sanctions are counterproductive" in response.text


def test_document_text_from_files_is_escaped(client, write_text, import_files):
    import_files(
        write_text("x.txt", "Question: Why?\n\nJane Roe: <script>alert(1)</script> is a bad idea here.\n")
    )
    response = client.get(Document.objects.get().get_absolute_url())
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


def test_the_document_page_anchors_each_passage_and_sets_questions_apart(client, write_text, import_files):
    import_files(write_text("briefing.txt", TRANSCRIPT))
    document = Document.objects.get()
    page = client.get(document.get_absolute_url()).text
    for passage in document.passages.all():
        assert f'id="p-{passage.public_id}"' in page
    assert 'class="para voice kind-question' in page


def test_speaker_pages_list_speakers_and_their_statements_newest_first(client):
    ana = make.speaker("Ana Ruiz", role="Trade Minister")
    make.passage("Older words on tariffs.", by=ana, said_on=dt.date(2020, 1, 1))
    make.passage("Newer words on tariffs.", by=ana, said_on=dt.date(2024, 1, 1))
    assert "Ana Ruiz" in client.get(reverse("statements:speakers")).text
    page = client.get(ana.get_absolute_url()).text
    assert "Trade Minister" in page
    assert page.index("Newer words") < page.index("Older words")
    assert f'name="speaker" value="{ana.slug}"' in page, "the search box is scoped to the speaker"


def test_topic_pages_list_topics_and_their_statements(client):
    tariffs = make.topic("Tariffs")
    make.passage("Tariffs hurt everyone.", by=make.speaker("Ana Ruiz"), topics=[tariffs])
    assert "Tariffs" in client.get(reverse("statements:topics")).text
    assert "Tariffs hurt everyone." in client.get(tariffs.get_absolute_url()).text


def test_the_month_chart_links_each_bar_to_that_months_results(client):
    ana = make.speaker("Ana Ruiz")
    make.passage("Words in March.", by=ana, said_on=dt.date(2024, 3, 15))
    make.passage("Words in May.", by=ana, said_on=dt.date(2024, 5, 2))
    page = client.get(ana.get_absolute_url()).text
    assert "<svg" in page and 'aria-labelledby="chart-title"' in page
    assert "speaker=ana-ruiz&amp;from=2024-03-01&amp;to=2024-03-31" in page
    assert "April 2024: 0 statements" in page


def test_the_search_page_shows_results_facets_and_total(client):
    make.passage("Tariffs hurt everyone.", by=make.speaker("Ana Ruiz"), topics=[make.topic("Tariffs")])
    page = client.get("/search/?q=tariffs").text
    assert "1–1 of 1 statement" in page
    assert "<mark>Tariffs</mark>" in page
    assert "?q=tariffs&amp;speaker=ana-ruiz" in page


def test_a_search_with_no_results_suggests_what_to_loosen(client):
    make.passage("Tariffs hurt everyone.", by=make.speaker("Ana Ruiz"))
    page = client.get("/search/?q=tariffs&speaker=ana-ruiz&from=2030-01-01").text
    assert "Nothing matches" in page
    assert "Remove the filter" in page


def test_the_home_page_has_a_search_box_counts_and_recent_statements(client):
    make.passage("Tariffs hurt everyone.", by=make.speaker("Ana Ruiz"))
    page = client.get("/").text
    assert 'role="search"' in page and "1 statements by 1 speaker" in page.replace(
        "1 statement ", "1 statements "
    )
    assert "Tariffs hurt everyone." in page


def test_recent_statements_put_undated_ones_after_dated_ones(client):
    ana = make.speaker("Ana Ruiz")
    make.passage("Undated words on tariffs.", by=ana, said_on=None)
    make.passage("Dated words on tariffs.", by=ana, said_on=dt.date(2021, 3, 1))
    for url in ("/", ana.get_absolute_url()):
        page = client.get(url).text
        assert page.index("Dated words") < page.index("Undated words"), url


def test_the_search_feed_escapes_text_for_feed_readers(client):
    make.passage("Tariffs <script>alert(1)</script> hurt.", by=make.speaker("Ana Ruiz"))
    feed = client.get("/search/feed/?q=tariffs")
    assert feed["Content-Type"].startswith("application/atom+xml")
    atom = "{http://www.w3.org/2005/Atom}"
    summary = ElementTree.fromstring(feed.content).find(f"{atom}entry/{atom}summary")
    assert summary.get("type") == "html"
    assert "<script" not in summary.text, "the HTML a feed reader renders holds no tag from the file"
    assert "&lt;script&gt;" in summary.text


@pytest.mark.parametrize(
    "page",
    ["/", "/search/?q=harbour", "/search/?speaker=speaker-0", "/search/feed/?q=harbour", "speaker", "topic"],
)
def test_a_list_of_many_statements_is_read_in_as_many_queries_as_a_list_of_few(client, page):
    people = [make.speaker(f"Speaker {n}") for n in range(2)]
    theme = make.topic("Theme")

    def count() -> int:
        url = {"speaker": people[0].get_absolute_url(), "topic": theme.get_absolute_url()}.get(page, page)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert "Statement" in response.content.decode()
        return len(queries)

    numbers = iter(range(100))

    def add(passages: int) -> None:
        for _ in range(passages):
            n = next(numbers)
            make.passage(
                f"Statement {n} on the harbour",
                by=people[n % 2],
                topics=[theme],
                said_on=dt.date(2020, 1, 1 + n % 28),
                doc=make.document(f"Briefing {n}", published_on=dt.date(2020, 1, 1)),
            )

    add(3)
    count()  # the first search also reads the planner's statistics, kept for a minute
    few = count()
    add(20)
    assert count() == few, "a field a list shows is not read by the list's query"
