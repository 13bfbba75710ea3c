from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """The lab beside the archive: the scale benchmark and the load test, with their commands."""

    name = "benchmarks"
    verbose_name = "Benchmarks"
