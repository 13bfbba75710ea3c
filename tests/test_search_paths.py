"""The counting fast path gives the same page as the plain path, and estimates say so."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from statements.models import SAMPLE_BUCKETS, Passage
from statements.search import counting, sampling, search
from tests import factories as make

pytestmark = pytest.mark.django_db

MIX = [
    {"q": "harbour"},
    {"q": "harbour", "speaker": "speaker-1"},
    {"q": "grain OR harbour", "topic": "theme-2", "sort": "newest"},
    {"q": "harbour -grain", "kind": "reported"},
    {"q": "harbour", "from": "2021-01-01", "to": "2022-06-30"},
    {"speaker": "speaker-2", "sort": "oldest"},
    {"kind": "report"},
    {},
]


@pytest.fixture
def corpus():
    people = [make.speaker(f"Speaker {n}") for n in range(4)]
    themes = [make.topic(f"Theme {n}") for n in range(3)]
    docs = [make.document(f"Doc {n}", kind=["transcript", "report"][n % 2]) for n in range(3)]
    for n in range(60):
        words = "harbour grain" if n % 3 == 0 else "harbour" if n % 3 == 1 else "ships"
        make.passage(
            f"Statement {n} on the {words}",
            by=people[n % 4],
            doc=docs[n % 3],
            topics=themes[: n % 3],
            kind=["turn", "reported", "quote"][n % 3],
            said_on=dt.date(2020 + n % 4, 1 + n % 12, 1),
        )


def page_of(result) -> tuple:
    return (
        [h.passage.pk for h in result.hits],
        [str(h.snippet) for h in result.hits],
        result.total,
        {name: [(f.value, f.count, f.selected) for f in values] for name, values in result.facets.items()},
        result.months,
    )


@pytest.mark.parametrize("params", MIX)
def test_the_fast_path_returns_exactly_what_the_plain_path_returns(corpus, params):
    for page in (1, 2):
        fast = search(params, page=page, per_page=7)
        plain = search(params, page=page, per_page=7, exact=True)
        assert page_of(fast) == page_of(plain)
        assert not fast.estimated


def test_the_speakers_shown_are_the_plain_paths_when_more_are_counted_than_shown():
    doc = make.document("Doc")
    for n in reversed(range(counting.FACET_SIZE + 6)):  # 9 with two passages, 9 tied with one
        person = make.speaker(f"Speaker {n:02}")  # made last to first: ids do not follow names
        for _ in range(n % 2 + 1):
            make.passage("On the harbour", by=person, doc=doc, said_on=dt.date(2020, 1, 1))
    fast, plain = search({"q": "harbour"}), search({"q": "harbour"}, exact=True)
    shown = [(f.value, f.count) for f in fast.facets["speaker"]]
    assert len(shown) == counting.FACET_SIZE
    assert shown == [(f.value, f.count) for f in plain.facets["speaker"]]


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_undated_passages_come_last_in_an_exact_count_as_on_the_plain_path(sort):
    undated = make.document("Undated")  # no date of its own: its passages have none either
    dated = make.document("Dated", published_on=dt.date(2021, 5, 1))
    for n in range(6):
        make.passage(f"Harbour note {n}", doc=undated if n % 2 else dated)
    for page in (1, 2):
        fast = search({"q": "harbour", "sort": sort}, page=page, per_page=2)
        plain = search({"q": "harbour", "sort": sort}, page=page, per_page=2, exact=True)
        assert page_of(fast) == page_of(plain)
    last = search({"q": "harbour", "sort": sort}, page=3, per_page=2)
    assert [h.passage.said_on for h in last.hits] == [None, None]


def test_very_large_result_sets_are_estimated_from_a_sample_and_marked(corpus, monkeypatch):
    monkeypatch.setattr(sampling, "MIN_SAMPLE_HITS", 1)
    monkeypatch.setattr(sampling, "SAMPLE_SIZES", (SAMPLE_BUCKETS,))  # a sample of everything
    result = search({"q": "harbour"})
    plain = search({"q": "harbour"}, exact=True)
    assert [h.passage.pk for h in result.hits] == [h.passage.pk for h in plain.hits], "results stay exact"
    assert result.estimated
    assert result.total == plain.total, "a full sample estimates exactly"


def test_a_sample_is_scaled_up_to_the_whole_archive(corpus, monkeypatch):
    Passage.objects.update(sample_bucket=F("id") % 2 * (SAMPLE_BUCKETS - 1))  # half the rows in bucket 0
    monkeypatch.setattr(sampling, "MIN_SAMPLE_HITS", 1)
    monkeypatch.setattr(sampling, "SAMPLE_SIZES", (SAMPLE_BUCKETS // 2,))
    in_sample = Passage.objects.filter(text__contains="harbour", sample_bucket=0).count()
    result = search({"q": "harbour"})
    assert result.estimated
    assert result.total == 2 * in_sample


def test_a_small_sample_gives_way_to_an_exact_count(corpus):
    result = search({"q": "harbour"})
    assert not result.estimated
    assert result.total == Passage.objects.filter(text__contains="harbour").count()


@pytest.mark.parametrize("params", [p for p in MIX if p.get("q") and len(p) > 1])
def test_checking_words_row_by_row_under_narrow_filters_finds_the_same_page(corpus, monkeypatch, params):
    monkeypatch.setattr(sampling, "MIN_SAMPLE_HITS", 1)
    monkeypatch.setattr(sampling, "SAMPLE_SIZES", (SAMPLE_BUCKETS,))
    monkeypatch.setattr("statements.search.plans.ROW_CHECK_COST", 0)  # checking rows always cheaper
    fast, plain = search(params, per_page=7), search(params, per_page=7, exact=True)
    assert [h.passage.pk for h in fast.hits] == [h.passage.pk for h in plain.hits]
    assert fast.total == plain.total


def test_estimates_are_rounded_to_two_significant_figures():
    assert [counting.about(n) for n in (7, 99, 123, 4567, 271645)] == [7, 99, 120, 4600, 270000]


def test_a_window_that_covers_every_match_ranks_exactly_like_the_plain_path(corpus, monkeypatch):
    monkeypatch.setattr("statements.search.plans.RANK_ALL_LIMIT", 0)
    monkeypatch.setattr("statements.search.plans.RANK_WINDOW", 10_000)
    for params in MIX[:5]:
        assert page_of(search(params, per_page=7)) == page_of(search(params, per_page=7, exact=True))


def test_a_window_checked_row_by_row_under_a_topic_ranks_like_the_plain_path_since_its_day(
    corpus, monkeypatch
):
    params = {"q": "harbour", "topic": "theme-0"}
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE statements_passage")
    monkeypatch.setattr("statements.search.plans.RANK_ALL_LIMIT", 0)
    monkeypatch.setattr("statements.search.plans.RANK_WINDOW", 2)
    monkeypatch.setattr("statements.search.plans.ROW_CHECK_COST", 0)  # checking rows always cheaper
    with CaptureQueriesContext(connection) as queries:
        fast = search(params, per_page=3)
    assert fast.ranked_since is not None, "the page was ranked among the most recent matches"
    since = search({**params, "from": fast.ranked_since.isoformat()}, per_page=3, exact=True)
    assert [h.passage.pk for h in fast.hits] == [h.passage.pk for h in since.hits]
    assert [str(h.snippet) for h in fast.hits] == [str(h.snippet) for h in since.hits]
    checked = [q["sql"] for q in queries if "IS TRUE" in q["sql"] and "LIMIT" in q["sql"]]
    assert checked, "its words were checked row by row, in the statement that reads the page"
    assert any('"topic_ids" @> ARRAY[' in sql for sql in checked), "and its topic too"


def test_very_common_words_are_ranked_among_the_newest_matches_and_the_page_says_so(
    corpus, monkeypatch, client
):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE statements_passage")
    monkeypatch.setattr("statements.search.plans.RANK_ALL_LIMIT", 0)
    monkeypatch.setattr("statements.search.plans.RANK_WINDOW", 10)
    result = search({"q": "harbour"}, per_page=5)
    plain = search({"q": "harbour"}, per_page=5, exact=True)
    assert result.ranked_since is not None
    assert plain.ranked_since is None
    assert all(h.passage.said_on >= result.ranked_since for h in result.hits)
    window = search({"q": "harbour", "from": result.ranked_since.isoformat()}, per_page=5, exact=True)
    assert [h.passage.pk for h in result.hits] == [h.passage.pk for h in window.hits]
    assert result.total == plain.total, "the count is not narrowed by the window"
    monkeypatch.setattr("statements.search.plans.RANK_WINDOW", 30)  # enough for a page of 20
    page = client.get("/search/", {"q": "harbour"}).content.decode()
    assert "the most relevant of those since" in page
    assert "sort=newest" in page


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_walking_the_dates_and_checking_words_finds_the_same_page(corpus, monkeypatch, sort):
    monkeypatch.setattr(sampling, "MIN_SAMPLE_HITS", 1)
    monkeypatch.setattr(sampling, "SAMPLE_SIZES", (SAMPLE_BUCKETS,))
    monkeypatch.setattr("statements.search.plans.ROW_CHECK_COST", 0)  # checking rows always cheaper
    for params in (
        {"q": "harbour", "sort": sort},
        {"q": "harbour -grain", "sort": sort, "from": "2021-01-01"},
    ):
        for page in (1, 2):
            fast = search(params, page=page, per_page=7)
            plain = search(params, page=page, per_page=7, exact=True)
            assert [h.passage.pk for h in fast.hits] == [h.passage.pk for h in plain.hits]


def test_common_words_under_narrow_filters_are_counted_exactly_not_scaled_up(corpus, monkeypatch):
    Passage.objects.update(sample_bucket=F("id") % 2 * (SAMPLE_BUCKETS - 1))
    monkeypatch.setattr(sampling, "MIN_SAMPLE_HITS", 1)  # the words are common enough to sample
    monkeypatch.setattr(sampling, "MIN_FILTERED_HITS", 1_000)  # but too few in it pass the filter
    monkeypatch.setattr(sampling, "SAMPLE_SIZES", (SAMPLE_BUCKETS // 2,))
    params = {"q": "harbour", "speaker": "speaker-1"}
    fast, plain = search(params), search(params, exact=True)
    assert not fast.estimated
    assert fast.total == plain.total
    assert fast.months == plain.months


@pytest.mark.parametrize(
    "params", [{"q": "harbour"}, {"q": "harbour", "sort": "oldest", "speaker": "speaker-1"}]
)
def test_an_exact_count_finds_the_page_in_the_same_statement(corpus, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as statements:
        fast = search(params, page=2, per_page=7)
    reading_matches = [s["sql"] for s in statements if "@@" in s["sql"]]
    assert len(reading_matches) == 2, "the sample's count, then the exact count with the page"
    assert "'hit'" in reading_matches[-1], "the page's rows come back with the counts"
    assert page_of(fast) == page_of(search(params, page=2, per_page=7, exact=True))


def samples_read(statements) -> list[int]:
    """The sample sizes (in buckets) that the counting statements read, in order."""
    import re

    return [int(n) for s in statements for n in re.findall(r'"sample_bucket" < (\d+)', s["sql"])]


def test_a_sample_too_small_for_the_filtered_matches_is_skipped_for_a_larger_one(corpus, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n, pk in enumerate(Passage.objects.order_by("pk").values_list("pk", flat=True)):
        Passage.objects.filter(pk=pk).update(sample_bucket=n)  # the first k buckets hold k passages
    monkeypatch.setattr(sampling, "SAMPLE_SIZES", (5, 10, 60))
    monkeypatch.setattr(sampling, "MIN_SAMPLE_HITS", 4)  # the smallest sample sees enough matches
    monkeypatch.setattr(sampling, "MIN_FILTERED_HITS", 10)  # but one twice its size too few passing
    params = {"q": "harbour", "speaker": "speaker-1"}
    with CaptureQueriesContext(connection) as statements:
        fast = search(params)
    assert samples_read(statements) == [5, 60]
    assert fast.estimated
    every_passage = search(params, exact=True).total
    assert fast.total == counting.about(every_passage * SAMPLE_BUCKETS / 60), "the 60 buckets hold them all"


def test_the_planner_statistics_are_read_again_only_when_older_than_their_limit(corpus, monkeypatch):
    from django.db import connection

    from statements.search import statistics

    before = statistics.statistics()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE statements_passage")
    assert statistics.statistics() is before, "within the limit, the statistics already read serve"
    monkeypatch.setattr(statistics, "STATISTICS_MAX_AGE", 0.0)
    after = statistics.statistics()
    assert after.rows == Passage.objects.count()
    assert after.said_on and "harbour" in after.lexemes


@pytest.fixture
def sampled_in_order(corpus, monkeypatch):
    """The corpus's passages in buckets 0, 1, 2, ... of 60: the first k buckets hold k passages."""
    for n, pk in enumerate(Passage.objects.order_by("pk").values_list("pk", flat=True)):
        Passage.objects.filter(pk=pk).update(sample_bucket=n)
    monkeypatch.setattr(sampling, "SAMPLE_BUCKETS", 60)
    monkeypatch.setattr(sampling, "SAMPLE_SIZES", (3, 15, 30, 60))


def analyze() -> None:
    """Gather the planner's statistics now, and have the next search read them."""
    from django.db import connection

    from statements.search import statistics

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE statements_passage")
    statistics.forget_statistics()


def test_the_statistics_skip_the_samples_too_small_to_see_enough(sampled_in_order, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(sampling, "MIN_SAMPLE_HITS", 8)  # "harbour": 2 in the smallest, 10 in the next
    with CaptureQueriesContext(connection) as without_statistics:
        search({"q": "harbour", "sort": "newest"})
    analyze()
    with CaptureQueriesContext(connection) as with_statistics:
        result = search({"q": "harbour", "sort": "newest"})
    assert samples_read(without_statistics) == [3, 15]
    assert samples_read(with_statistics) == [15]
    assert result.estimated and result.total == 40


def test_the_filters_share_is_guessed_from_the_statistics_of_speakers_topics_and_dates(corpus):
    from statements.models import Speaker, Topic
    from statements.search import statistics

    analyze()
    speaker, theme = Speaker.objects.get(slug="speaker-1"), Topic.objects.get(slug="theme-0")
    since = dt.date(2022, 1, 1)
    assert statistics.expected_passing_share({}) is None
    assert statistics.expected_passing_share({"speaker": speaker}) == pytest.approx(15 / 60, abs=1e-3)
    assert statistics.expected_passing_share({"topic": theme}) == pytest.approx(40 / 60, abs=1e-3)
    assert statistics.expected_passing_share({"from": since}) == pytest.approx(30 / 60, abs=1e-3)
    until = statistics.expected_passing_share({"to": since})
    assert until == pytest.approx(30 / 60, abs=1e-3), "2020 and 2021"
    both = statistics.expected_passing_share({"topic": theme, "from": since})
    assert both == pytest.approx(40 / 60 * 30 / 60, abs=1e-3), "filters are taken as independent"


def test_the_filters_statistics_skip_the_samples_in_which_too_few_would_pass(sampled_in_order, monkeypatch):
    monkeypatch.setattr(sampling, "MIN_SAMPLE_HITS", 2)  # "harbour": 2 in the smallest sample
    monkeypatch.setattr(sampling, "MIN_FILTERED_HITS", 2)  # 1 of them on the first theme; 5 in the next
    monkeypatch.setattr(sampling, "MAX_SAMPLE_ROWS", 20)  # the theme's 20 matches are too many to count
    params = {"q": "harbour", "topic": "theme-0", "sort": "newest"}
    with CaptureQueriesContext(connection) as without_statistics:
        search(params)
    analyze()
    with CaptureQueriesContext(connection) as with_statistics:
        result = search(params)
    assert samples_read(without_statistics) == [3, 15]
    assert samples_read(with_statistics) == [15], "about 7 of the 15 buckets' matches are on the theme"
    assert result.estimated and result.total == 20


def test_filtered_matches_few_enough_to_count_are_not_skipped_past(sampled_in_order, monkeypatch):
    monkeypatch.setattr(sampling, "MIN_SAMPLE_HITS", 2)
    monkeypatch.setattr(sampling, "MIN_FILTERED_HITS", 2)  # as above, but 20 are few enough to count
    analyze()
    with CaptureQueriesContext(connection) as statements:
        search({"q": "harbour", "topic": "theme-0", "sort": "newest"})
    assert samples_read(statements)[0] == 3, "a small sample may show them few, and they are counted"


def test_filters_too_narrow_for_any_sample_leave_the_first_sample_to_the_words(sampled_in_order, monkeypatch):
    monkeypatch.setattr(sampling, "MIN_SAMPLE_HITS", 2)
    monkeypatch.setattr(sampling, "MIN_FILTERED_HITS", 30)  # more than the theme's 20 matches
    analyze()
    with CaptureQueriesContext(connection) as statements:
        search({"q": "harbour", "topic": "theme-0", "sort": "newest"})
    assert samples_read(statements)[0] == 3


def test_words_found_together_are_not_guessed_into_a_sample_larger_than_their_bound_allows(
    sampled_in_order, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    analyze()
    monkeypatch.setattr(sampling, "MIN_SAMPLE_HITS", 4)
    params = {"q": "harbour grain", "sort": "newest"}  # "grain" always comes with "harbour"
    with CaptureQueriesContext(connection) as guessed:
        search(params)
    monkeypatch.setattr(sampling, "MAX_SAMPLE_ROWS", 8)  # the 30 buckets could hold 10 of them
    with CaptureQueriesContext(connection) as bounded:
        search(params)
    assert samples_read(guessed) == [30], "independent words would leave about 2 in the 15 buckets"
    assert samples_read(bounded) == [15]


@pytest.mark.parametrize(
    "params", [{"q": "harbour"}, {"q": "harbour", "sort": "oldest", "speaker": "speaker-1"}]
)
def test_matches_the_statistics_show_to_be_few_are_counted_at_once_with_the_page(corpus, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    analyze()
    with CaptureQueriesContext(connection) as statements:
        fast = search(params, page=2, per_page=7)
    reading_matches = [s["sql"] for s in statements if "@@" in s["sql"]]
    assert len(reading_matches) == 1
    assert "'hit'" in reading_matches[0], "the page's rows come back with the counts"
    assert page_of(fast) == page_of(search(params, page=2, per_page=7, exact=True))


@pytest.fixture
def dated_in_order(monkeypatch):
    """300 passages in buckets 0, 1, 2, ... of 300; every tenth said in 2019, the others in 2024."""
    people, docs = [make.speaker("Speaker 0")], [make.document(f"Doc {n}") for n in range(10)]
    for n in range(300):
        make.passage(
            f"Statement {n}",
            by=people[0],
            doc=docs[n % 10],
            said_on=dt.date(2019 if n % 10 == 0 else 2024, 1, 1),
        )
    for n, pk in enumerate(Passage.objects.order_by("pk").values_list("pk", flat=True)):
        Passage.objects.filter(pk=pk).update(sample_bucket=n)
    monkeypatch.setattr(sampling, "SAMPLE_BUCKETS", 300)
    monkeypatch.setattr(sampling, "SAMPLE_SIZES", (30, 60, 300))
    monkeypatch.setattr(sampling, "MIN_SAMPLE_HITS", 10)
    monkeypatch.setattr(sampling, "MIN_FILTERED_HITS", 40)
    monkeypatch.setattr(sampling, "MAX_SAMPLE_ROWS", 50)


def test_broad_filters_read_a_larger_sample_when_counting_what_they_leave_would_read_more(dated_in_order):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as statements:
        result = search({"from": "2024-01-01"})  # 270 pass: more than the 60 buckets' rows
    assert samples_read(statements) == [30, 60], "27 passing in 30 buckets: too few, so the 60 are read"
    assert result.estimated
    assert result.total == 270


def test_narrow_filters_are_counted_exactly_rather_than_read_from_a_large_sample(dated_in_order):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as statements:
        result = search({"to": "2019-12-31"})  # 30 pass: the 300 buckets would read ten times more
    assert samples_read(statements) == [30]
    assert not result.estimated
    assert result.total == 30


@pytest.fixture
def thirteen_of_thirty_then_forty(dated_in_order, monkeypatch):
    """13 of buckets 0-29 said in 2024, 40 of buckets 30-89, none after; samples of 30, 90, 300."""
    passing = {*range(13), *range(30, 70)}
    for n, pk in enumerate(Passage.objects.order_by("pk").values_list("pk", flat=True)):
        Passage.objects.filter(pk=pk).update(said_on=dt.date(2024 if n in passing else 2019, 1, 1))
    monkeypatch.setattr(sampling, "SAMPLE_SIZES", (30, 90, 300))


def test_a_listing_reads_a_larger_sample_since_its_sampled_rows_cost_less(thirteen_of_thirty_then_forty):
    """A listing's sample comes off an index alone, at half the cost of a filtered row from the table.

    13 of the first 30 buckets pass: at two sigma below, at least 58 of the 300 would. The 90
    buckets' 90 rows cost more than 58 table rows but less than twice as much, so a listing
    reads them (53 pass there, enough to estimate from) instead of counting what passes.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as statements:
        result = search({"from": "2024-01-01"})
    assert samples_read(statements) == [30, 90]
    assert result.estimated and result.total == 180  # 53 of 90 buckets' passages, scaled and rounded


def test_with_words_the_same_samples_give_way_to_counting_what_passes(thirteen_of_thirty_then_forty):
    """With words a sample's rows are table rows too: 90 of them cost more than the 58 filtered."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as statements:
        result = search({"q": "statement", "from": "2024-01-01"})
    assert samples_read(statements) == [30]
    assert not result.estimated and result.total == 53


def test_filtered_matches_too_few_for_the_next_sample_are_counted_without_reading_it(corpus, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n, pk in enumerate(Passage.objects.order_by("pk").values_list("pk", flat=True)):
        Passage.objects.filter(pk=pk).update(sample_bucket=n)
    monkeypatch.setattr(sampling, "SAMPLE_BUCKETS", 60)
    monkeypatch.setattr(sampling, "SAMPLE_SIZES", (15, 30, 60))
    monkeypatch.setattr(sampling, "MIN_SAMPLE_HITS", 20)  # the first 15 buckets hold 10 of "harbour"
    monkeypatch.setattr(sampling, "MIN_FILTERED_HITS", 30)  # and 3 of speaker-1's: 30 buckets, about 6
    monkeypatch.setattr(sampling, "MAX_SAMPLE_ROWS", 30)  # few enough to count: about 12; "harbour": 40
    params = {"q": "harbour", "speaker": "speaker-1"}
    with CaptureQueriesContext(connection) as statements:
        fast = search(params)
    assert samples_read(statements) == [15]
    assert not fast.estimated
    assert fast.total == search(params, exact=True).total


@pytest.mark.django_db(transaction=True)
def test_statistics_older_than_many_writes_bound_no_search():
    from django.db import connection

    from statements.search import statistics

    for n in range(20):
        make.passage(f"Statement {n} on the harbour", said_on=dt.date(2020, 1, 1))
    analyze()
    assert statistics.expected_matches("harbour") is not None
    for n in range(20):
        make.passage(f"Later statement {n} on the harbour", said_on=dt.date(2024, 1, 1))
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")  # counted once the session is idle
    statistics.forget_statistics()
    stale = statistics.expected_matches("harbour")
    assert stale is None, "the new rows may hold what the statistics call rare"


@pytest.mark.parametrize("params", [{"speaker": "speaker-1"}, {"from": "2022-01-01", "kind": "report"}])
def test_a_sample_of_a_listing_without_words_is_counted_from_the_sample_index_alone(
    corpus, monkeypatch, params
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Passage.objects.update(sample_bucket=0)  # every passage in the sample: a sample is surely read
    monkeypatch.setattr(sampling, "MIN_SAMPLE_HITS", 1)
    monkeypatch.setattr(sampling, "MIN_FILTERED_HITS", 1)
    monkeypatch.setattr(sampling, "SAMPLE_SIZES", (100,))
    with CaptureQueriesContext(connection) as statements:
        assert search(params).estimated
    [sampled] = [s["sql"] for s in statements if samples_read([s])]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the tiny table would be read whole
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + sampled)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using passage_sample_facets" in plan
