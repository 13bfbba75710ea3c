"""The scale benchmark: a synthetic corpus, the loader, the search mix and the engines people compare with.

Run it with ``python manage.py bench_search`` (see BENCHMARKS.md).
"""
