"""Searching the archive: ``search()`` is the one entry point of pages, feeds and the benchmark.

Inside: ``filters`` (the table of filters, each defined once), ``query`` (the search
itself), ``counting`` (totals, facets and months in one pass), ``plans`` (how each part
is read), ``selectivity`` (how many passages a query's words match), ``hits`` (the rows
shown, with their highlights).
"""

from statements.search.query import SearchResult, search

__all__ = ["SearchResult", "search"]
