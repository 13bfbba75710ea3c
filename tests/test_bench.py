"""The scale benchmark: its corpus is deterministic and realistic, and the command runs end to end."""

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from benchmarks.corpus import BIG_THREE, FIRST_DAY, LAST_DAY, Corpus, fingerprint
from benchmarks.measure import percentile, read_mix
from benchmarks.peers import fts5_query, tantivy_query, websearch_terms

FIXTURES = Path(settings.FIXTURES_DIR)


@pytest.fixture(scope="module")
def documents():
    return list(Corpus(10_000, 3, FIXTURES).documents())


def test_the_same_seed_builds_the_same_corpus_and_another_seed_another():
    assert fingerprint(Corpus(1_500, 11, FIXTURES)) == fingerprint(Corpus(1_500, 11, FIXTURES))
    assert fingerprint(Corpus(1_500, 11, FIXTURES)) != fingerprint(Corpus(1_500, 12, FIXTURES))


def test_the_corpus_has_exactly_the_passages_asked_for(documents):
    assert sum(len(d.reading.passages) for d in documents) == 10_000
    assert len({d.reading.file for d in documents}) == len(documents)
    assert len({d.digest for d in documents}) == len(documents)


def test_word_frequencies_fall_off_like_zipf(documents):
    counts = Counter(
        w.lower() for d in documents for p in d.reading.passages for w in d.reading.passage_text(p).split()
    )
    ranked = [n for _, n in counts.most_common()]
    assert ranked[0] > 2 * ranked[9] > 4 * ranked[99], "frequency falls steeply with rank"
    assert len(counts) > 10_000, "a realistic vocabulary, not a few hundred sentences repeated"
    assert sum(1 for n in counts.values() if n == 1) > len(counts) / 5, "a long tail of rare words"


def test_the_big_three_speak_most_among_hundreds(documents):
    speakers = Counter(p.speaker for d in documents for p in d.reading.passages if p.speaker)
    assert [name for name, _ in speakers.most_common(3)] == list(BIG_THREE)
    assert len(speakers) >= 250


def test_documents_mix_kinds_dates_and_lexicon_topics(documents):
    assert {d.reading.kind for d in documents} == {"transcript", "speech", "report", "commentary"}
    days = [d.reading.published_on for d in documents]
    assert FIRST_DAY <= min(days) and max(days) <= LAST_DAY
    assert max(days).year - min(days).year >= 25
    lexicon = {e["slug"] for e in json.loads((FIXTURES / "topics.json").read_text())}
    used = {t for d in documents for p in d.reading.passages for t in p.topics}
    assert used <= lexicon and len(used) >= len(lexicon) // 2


def test_peers_read_web_search_syntax_as_postgresql_does():
    assert websearch_terms('"root causes" Ukraine -NATO') == [
        [("root causes", False), ("Ukraine", False), ("NATO", True)]
    ]
    assert fts5_query("China OR India") == '("China") OR ("India")'
    assert fts5_query("NATO -Ukraine") == '("NATO" NOT "Ukraine")'
    assert tantivy_query('"one China" Taiwan') == '(+"one China" +Taiwan)'


def test_percentiles_are_observed_values():
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0], 50) == 3.0
    assert percentile(list(map(float, range(1, 101))), 95) == 95.0


def test_the_benchmark_runs_end_to_end_on_a_small_corpus(tmp_path):
    mix = tmp_path / "mix.txt"
    mix.write_text(
        "# a small mix\nq=Russia\nq=%22common+sense%22&sort=newest\nq=NATO&page=3\nspeaker=sergey-lavrov\n"
    )
    assert len(read_mix(mix)) == 4
    out = tmp_path / "figures.json"
    command = [sys.executable, "manage.py", "bench_search", "--passages", "2000", "--seed", "7"]
    command += ["--queries", str(mix), "--json", str(out), "--repetitions", "1", "--naive-budget", "3"]
    command += ["--pgdata", str(tmp_path / "pgdata")]
    done = subprocess.run(
        command,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert figures["passages"] == 2000
    assert figures["timed_with"] == {"DEBUG": False}, "timed as production serves, without the query log"
    assert figures["host_speed_ms"]["before"] > 0 and figures["host_speed_ms"]["after"] > 0
    assert "host speed" in done.stdout
    for phase in ("warm", "cold", "cold_disk"):
        assert set(figures["ours"][phase]) >= {"p50_ms", "p95_ms", "max_ms"}
        assert (
            0
            < figures["ours"][phase]["p50_ms"]
            <= figures["ours"][phase]["p95_ms"]
            <= figures["ours"][phase]["max_ms"]
        )
    assert set(figures["peers"]) == {"sqlite_fts5", "tantivy", "naive_django"}
    for peer in figures["peers"].values():
        assert 0 < peer["p50_ms"] <= peer["p95_ms"] <= peer["max_ms"]
    assert figures["import"]["passages_per_s"] > 0
    assert figures["import"]["copy_ratio"] > 0
    assert figures["import"]["peak_rss_mb"] > 0
    assert figures["import"]["web_worker_peak_rss_mb"] > 0
    assert "ours warm" in done.stdout and "sqlite_fts5" in done.stdout
