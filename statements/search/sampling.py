"""Counting very many matches in a random sample of the archive, and choosing the sample.

Every passage draws a sample bucket (0 to 999) when it is written, and the 0.1%, 0.3%, 1%,
3% and 10% samples have text indexes of their own, so a sample's matches are found without
reading the others. The smallest sample that sees at least ``MIN_SAMPLE_HITS`` matches is
counted (``counting.count_rows``), its counts scaled and rounded, and the page says
"about"; when none does, there are few enough matches to count them all, exactly.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from django.db.models import QuerySet

from statements.models import SAMPLE_BUCKETS, SAMPLE_SIZES
from statements.search import filters
from statements.search.counting import FacetCounter, PageRequest, count_rows
from statements.search.selectivity import Share

MIN_SAMPLE_HITS = 500  # a sample that sees fewer matches is not trusted (±4.5% at one sigma)
MIN_FILTERED_HITS = 100  # nor one where fewer of them pass the facet filters (±10%)
#: A larger sample than this is not read, unless counting the filtered matches would cost more.
MAX_SAMPLE_ROWS = 5_000
#: What counting a sampled row costs against counting a filtered match, for a listing without
#: words: its sample is read off ``passage_sample_facets`` alone, the filtered matches from the
#: table (at 1M passages 1.1-2.1 against 3.0-4.0 µs a row). With words, both are table rows.
INDEX_ONLY_SAMPLE_ROW_COST = 0.5


def _first_sample(expected: Share | None, passing_share: float | None = None) -> int:
    """Which of ``SAMPLE_SIZES`` to read first, from the statistics' guess of the text's matches.

    Samples that could not see ``MIN_SAMPLE_HITS`` even at the bound are skipped. The likely
    count may skip further, but not to a sample whose bound exceeds ``MAX_SAMPLE_ROWS``: words
    that occur together more often than by chance make it guess low. With facet filters,
    ``passing_share`` is the share of passages they likely leave: samples in which too few
    would pass (``MIN_FILTERED_HITS``, two sigma above it, since a sample that sees too few is
    read in vain) are skipped too, if a later one within that bound would see enough and the
    filtered matches are likely too many to count. Otherwise the samples are read as without
    the filters: a small one that shows the filtered matches to be few has them counted exactly.
    """
    if expected is None:
        return 0
    shares = [buckets / SAMPLE_BUCKETS for buckets in SAMPLE_SIZES]
    last = len(shares) - 1

    def first_seeing(matches: float, enough: float, otherwise: int | None = None) -> int | None:
        return next((i for i, share in enumerate(shares) if matches * share >= enough), otherwise)

    surely = first_seeing(expected.at_most, MIN_SAMPLE_HITS, last)
    likely = first_seeing(expected.likely, MIN_SAMPLE_HITS, last)
    if passing_share is not None:
        enough = MIN_FILTERED_HITS + 2 * math.sqrt(MIN_FILTERED_HITS)
        filtered = expected.likely * passing_share
        passing = first_seeing(filtered, enough)
        within_bound = passing is not None and expected.at_most * shares[passing] <= MAX_SAMPLE_ROWS
        if within_bound and filtered > MAX_SAMPLE_ROWS:
            likely = max(likely, passing)
    while likely > surely and expected.at_most * shares[likely] > MAX_SAMPLE_ROWS:
        likely -= 1
    return max(surely, likely)


def _counted_at_once(expected: Share | None, page: PageRequest | None) -> bool:
    """Whether the statistics show that every match can be counted without reading a sample first.

    So when no sample could see ``MIN_SAMPLE_HITS``, or when a ranked page must rank every match
    anyway (at most ``page.rank_at_most``): the same pass then counts them.
    """
    if expected is None:
        return False
    if expected.at_most * SAMPLE_SIZES[-1] / SAMPLE_BUCKETS < MIN_SAMPLE_HITS:
        return True
    return page is not None and page.rank is not None and expected.at_most <= page.rank_at_most


def _filtered_rows_at_least(passing: int, share: float, narrowed: bool) -> float:
    """About the fewest rows that counting the filtered matches would read (two sigma below the sample).

    Broad filters (all passages since 2024) leave too many to count cheaply, yet too few in a
    small sample: a larger sample is then the cheaper read.
    """
    if not narrowed:
        return 0.0
    return max(0.0, passing - 2 * math.sqrt(passing)) / share


def counter_for(
    matching: QuerySet,
    params: dict,
    filtered: Callable[[FacetCounter], QuerySet],
    page: PageRequest | None = None,
    expected: Share | None = None,
    passing_share: float | None = None,
    index_only_samples: bool = False,
) -> FacetCounter:
    """Count the rows that match the text: in the smallest sample that sees enough, else exactly.

    ``matching`` is the text's matches; ``filtered`` gives the same with every facet filter
    applied, written as the last sample's counts say is cheapest. ``expected`` is how many
    passages the planner's statistics say the text matches, and ``passing_share`` the share of
    passages they say the facet filters leave (see ``_first_sample``).
    A sample is used when it sees at least ``MIN_SAMPLE_HITS`` matches of the text and, if there
    are facet filters, ``MIN_FILTERED_HITS`` that pass them too. A sample is skipped when even a
    generous reading of the smaller one before it (three more matches, or passing matches, than
    it saw: about a 95% upper bound for rare events) says it would not see enough. When the
    words are common but the filters narrow (a larger sample would read more than
    ``MAX_SAMPLE_ROWS`` and cost more than the filtered matches, or would see too few of those while
    they are few enough to read through a filter's index), the filtered matches are counted
    exactly: each facet then counts only those, not the passages its own filter leaves out. An
    exact count also finds ``page`` (see ``_count``), unless it would rank more than
    ``page.rank_at_most`` rows (the sample's estimate is checked before, the count after).
    ``index_only_samples``: the samples are read off an index alone (a listing without words),
    so a sampled row costs less than a filtered match (``INDEX_ONLY_SAMPLE_ROW_COST``).
    """
    if _counted_at_once(expected, page):
        return count_rows(matching, params, None, page)[1]
    narrowed = any(f.name in params for f in filters.FILTERS)
    indexed = any(f.name in params for f in filters.FILTERS if f.indexed)
    seen, seen_share, passing, filtered_few = None, 0.0, 0, False
    sampled_row_cost = INDEX_ONLY_SAMPLE_ROW_COST if index_only_samples else 1.0
    for buckets in SAMPLE_SIZES[_first_sample(expected, passing_share) :]:
        share = buckets / SAMPLE_BUCKETS
        if seen is not None:
            growth = share / seen_share
            filtered_few = (
                indexed
                and (passing + 3) * growth < MIN_FILTERED_HITS
                and (passing + 3) / seen_share <= MAX_SAMPLE_ROWS < seen / seen_share
            )
            if filtered_few:
                break  # the next sample would see too few passing, and they are few enough to count
            sampled = seen * growth
            filtered_rows = _filtered_rows_at_least(passing, seen_share, narrowed)
            if sampled > MAX_SAMPLE_ROWS and sampled * sampled_row_cost > filtered_rows:
                break
            too_few = (seen + 3) * growth < MIN_SAMPLE_HITS
            too_few_passing = (
                narrowed and seen >= MIN_SAMPLE_HITS and (passing + 3) * growth < MIN_FILTERED_HITS
            )
            if too_few or too_few_passing:
                continue
        seen, counter = count_rows(matching.filter(sample_bucket__lt=buckets), params, 1 / share)
        seen_share, passing = share, counter.passing
        if seen >= MIN_SAMPLE_HITS and (not narrowed or counter.passing >= MIN_FILTERED_HITS):
            return counter
    if seen is not None and (seen >= MIN_SAMPLE_HITS or filtered_few):  # common words, narrow filters
        rows = filtered(counter)
        passing_all = counter.passing * counter.scale
        if page is not None and page.rank is not None and passing_all > page.rank_at_most:
            page = None
        exact = count_rows(rows, params, None, page)[1]
        exact.counted = rows
        return exact
    return count_rows(matching, params, None, page)[1]
