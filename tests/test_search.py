"""The search function and page: syntax, ranking, filters, facets, safety, query counts."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from statements.search import search
from tests import factories as make

pytestmark = pytest.mark.django_db


def texts(result) -> list[str]:
    return [hit.passage.text for hit in result.hits]


@pytest.fixture
def corpus():
    ines, omar = make.speaker("Ines Costa"), make.speaker("Omar Haddad")
    grain, energy = make.topic("Grain"), make.topic("Energy")
    report = make.document("Harbour report", kind="report", published_on=dt.date(2024, 5, 2))
    make.passage(
        "The harbour must reopen for grain ships.", by=ines, said_on=dt.date(2024, 3, 1), topics=[grain]
    )
    make.passage(
        "Grain prices fell after the harbour reopened.",
        by=omar,
        said_on=dt.date(2024, 5, 2),
        topics=[grain],
        doc=report,
        kind="reported",
    )
    make.passage(
        "Gas pipelines and energy security matter most.",
        by=omar,
        said_on=dt.date(2023, 1, 9),
        topics=[energy],
    )
    make.passage(
        "Energy and grain are both weapons now.", by=ines, said_on=dt.date(2024, 7, 4), topics=[grain, energy]
    )
    return {"ines": ines, "omar": omar, "grain": grain, "energy": energy}


def test_an_exact_phrase_matches_only_those_words_in_order(corpus):
    assert texts(search({"q": '"harbour reopened"'})) == ["Grain prices fell after the harbour reopened."]


def test_or_matches_either_word(corpus):
    assert len(search({"q": "pipelines OR ships"}).hits) == 2


def test_a_minus_word_excludes_passages_with_it(corpus):
    assert "Energy and grain are both weapons now." not in texts(search({"q": "grain -weapons"}))
    assert len(search({"q": "grain -weapons"}).hits) == 2


def test_word_forms_match_by_stem(corpus):
    assert "Grain prices fell after the harbour reopened." in texts(search({"q": "reopening"}))


def test_the_speakers_name_weighs_more_than_the_text(corpus):
    make.passage("Omar Haddad is mentioned in this text only.", by=corpus["ines"])
    result = search({"q": "Haddad"})
    assert result.hits[0].passage.speaker == corpus["omar"]


def test_newest_and_oldest_sort_by_the_date_said(corpus):
    dates = [h.passage.said_on for h in search({"q": "grain OR energy", "sort": "newest"}).hits]
    assert dates == sorted(dates, reverse=True)
    dates = [h.passage.said_on for h in search({"q": "grain OR energy", "sort": "oldest"}).hits]
    assert dates == sorted(dates)


def test_filters_by_speaker_topic_dates_and_kind_combine_with_the_query(corpus):
    assert len(search({"q": "grain", "speaker": "ines-costa"}).hits) == 2
    assert len(search({"q": "grain", "topic": "energy"}).hits) == 1
    assert len(search({"q": "grain", "from": "2024-04-01", "to": "2024-06-30"}).hits) == 1
    assert texts(search({"kind": "reported"})) == ["Grain prices fell after the harbour reopened."]
    assert texts(search({"kind": "report"})) == ["Grain prices fell after the harbour reopened."]


def test_facet_counts_reflect_the_other_active_filters(corpus):
    result = search({"q": "grain", "speaker": "ines-costa"})
    speakers = {f.value: f.count for f in result.facets["speaker"]}
    topics = {f.value: f.count for f in result.facets["topic"]}
    assert speakers == {"ines-costa": 2, "omar-haddad": 1}, "the speaker facet ignores the speaker filter"
    assert topics == {"grain": 2, "energy": 1}, "the topic facet counts only Ines's passages"
    assert [f.value for f in result.facets["speaker"] if f.selected] == ["ines-costa"]


def test_an_empty_query_with_filters_lists_passages_newest_first(corpus):
    result = search({"speaker": "ines-costa"})
    assert [h.passage.said_on for h in result.hits] == [dt.date(2024, 7, 4), dt.date(2024, 3, 1)]


def test_months_count_the_matching_statements(corpus):
    assert search({"q": "grain"}).months == [
        (dt.date(2024, 3, 1), 1),
        (dt.date(2024, 5, 1), 1),
        (dt.date(2024, 7, 1), 1),
    ]


def test_invalid_parameters_are_reported_and_dropped(corpus):
    result = search({"q": "grain", "from": "yesterday", "speaker": "nobody-at-all"})
    assert len(result.hits) == 3
    assert any("from" in e for e in result.errors) and any("speaker" in e for e in result.errors)


def test_a_reversed_date_range_is_read_the_right_way_round(corpus):
    assert len(search({"q": "grain", "from": "2024-06-30", "to": "2024-04-01"}).hits) == 1


def test_an_overlong_query_is_refused_with_a_message(corpus):
    result = search({"q": "grain " * 200})
    assert any("limited to" in e for e in result.errors)


def test_pages_split_the_results_and_out_of_range_pages_are_clamped(corpus):
    first = search({"q": "grain OR energy"}, per_page=2, page=1)
    second = search({"q": "grain OR energy"}, per_page=2, page=2)
    assert first.total == 4 and first.num_pages == 2
    assert not set(texts(first)) & set(texts(second))
    assert search({"q": "grain"}, page=-1).page == 1
    assert search({"q": "grain"}, page=10**9).page == 1


def test_highlights_escape_the_text_and_mark_only_the_matches():
    make.passage('Hostile <script>alert("x")</script> and <img src=x onerror=alert(1)> near sanctions.')
    snippet = search({"q": "sanctions"}).hits[0].snippet
    assert "<script" not in snippet and "<img" not in snippet
    assert "&lt;img src=x onerror=alert(1)&gt;" in snippet
    assert "<mark>sanctions</mark>" in snippet


def test_questions_are_not_statements_unless_asked_for():
    make.passage("What about the grain corridor?", kind="question")
    assert search({"q": "corridor"}).total == 0
    assert search({"q": "corridor", "kind": "question"}).total == 1


def test_the_number_of_queries_does_not_grow_with_the_page_size():
    people = [make.speaker(f"Speaker {n}") for n in range(6)]
    themes = [make.topic(f"Theme {n}") for n in range(3)]
    for n in range(30):
        make.passage(
            f"Statement number {n} about the harbour",
            by=people[n % 6],
            topics=[themes[n % 3]],
            said_on=dt.date(2020, 1 + n % 12, 1),
        )

    def count(per_page: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            result = search({"q": "harbour"}, per_page=per_page)
            [hit.passage.speaker.name for hit in result.hits]
            [hit.passage.document.title for hit in result.hits]
        return len(queries)

    count(3)  # the first search also reads the planner's statistics, kept for a minute
    assert count(3) == count(25)


def test_the_search_page_renders_many_results_in_as_many_queries_as_few(client):
    person, theme = make.speaker("Speaker"), make.topic("Theme")
    for n in range(25):
        words = "harbour" if n < 3 else "harbour grain"
        make.passage(f"Statement {n} on the {words}", by=person, topics=[theme], said_on=dt.date(2020, 1, 1))

    def count(q: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/search/", {"q": q}).status_code == 200
        return len(queries)

    count("harbour -grain"), count("harbour")  # the first also read the statistics and parse the words
    assert count("harbour -grain") == count("harbour")


def test_every_query_of_the_benchmark_mix_answers_on_the_seed_corpus(client, import_files):
    import_files(settings.SEEDS_DIR)
    lines = (Path(settings.FIXTURES_DIR) / "bench" / "queries.txt").read_text().splitlines()
    queries = [line for line in lines if line.strip() and not line.startswith("#")]
    assert queries
    for query in queries:
        assert client.get(f"/search/?{query}").status_code == 200, query
