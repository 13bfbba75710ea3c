"""Locust users for the load test: a reader's mix of search, permalink, document and speaker pages.

Nothing here imports Django: the runner writes the URLs to a JSON plan and
names it in ``LOADTEST_PLAN``; each user picks pages from it at random, with no
pause between requests, so that the number of users is the number of requests
in flight.
"""

from __future__ import annotations

import json
import os
import random

from locust import FastHttpUser, task

with open(os.environ["LOADTEST_PLAN"], encoding="utf-8") as _handle:
    PLAN: dict[str, list[str]] = json.load(_handle)


class Reader(FastHttpUser):
    """One reader; task weights are the share of each page kind in the mix."""

    def _get(self, kind: str) -> None:
        self.client.get(random.choice(PLAN[kind]), name=kind)

    @task(5)
    def search(self) -> None:
        self._get("search")

    @task(3)
    def permalink(self) -> None:
        self._get("permalink")

    @task(1)
    def document(self) -> None:
        self._get("document")

    @task(1)
    def speaker(self) -> None:
        self._get("speaker")
