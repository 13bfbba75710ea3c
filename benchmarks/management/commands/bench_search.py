"""``python manage.py bench_search``: the scale benchmark (see BENCHMARKS.md).

Builds a synthetic corpus from a seed, loads it through the archive's loader
into a database of its own, then times the query mix through the search
page's own ``search()`` (warm; cold after a server restart, and after a drop of
the OS page cache too), the web worker's memory, and the
peers (SQLite FTS5, tantivy, naive Django) on the same rows and queries.

The command holds the run's steps and its report, in the order they happen; each
step's work is in the modules of ``benchmarks``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from archive.startup import settle
from benchmarks import measure
from benchmarks.benchdb import BenchDatabase, open_bench_database
from benchmarks.corpus import GENERATOR_VERSION, Corpus

DEFAULT_QUERIES = Path(settings.FIXTURES_DIR) / "bench" / "queries.txt"
QUICK_PASSAGES = 2_000
#: The per-query table's column for each cold phase.
COLD_COLUMNS = {"cold": "cold", "cold_disk": "disk"}


def run_ours(line: str) -> int:
    """One search page's work: ranked page of 20 with highlights, total, facets, month counts."""
    from statements.search import search

    data, page = measure.parse(line)
    result = search(data, page=page)
    for hit in result.hits:  # what a result in the page's template reads
        _ = (hit.passage.speaker and hit.passage.speaker.name, hit.passage.document.title, hit.snippet)
    return result.total


class Command(BaseCommand):
    help = "Build a corpus of N passages, load it, time search against SQLite FTS5, tantivy and naive Django."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--passages", type=int, default=1_000_000, help="corpus size (default 1,000,000)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--queries",
            type=Path,
            default=None,
            help="query mix, one /search/ query a line (fixtures/bench/queries.txt)",
        )
        parser.add_argument(
            "--reuse", action="store_true", help="keep an already built corpus of the same N and seed"
        )
        parser.add_argument("--json", type=Path, default=None, help="write the figures as JSON here")
        parser.add_argument(
            "--quick", action="store_true", help=f"smoke test: {QUICK_PASSAGES:,} passages, one repetition"
        )
        parser.add_argument("--repetitions", type=int, default=5, help="warm repetitions of the mix")
        parser.add_argument(
            "--pgdata", type=Path, default=None, help="the benchmark's own cluster (var/bench/pgdata)"
        )
        parser.add_argument("--no-cold", action="store_true", help="skip the cold runs (no server restarts)")
        parser.add_argument("--no-peers", action="store_true", help="skip the peers")
        parser.add_argument(
            "--naive-budget", type=float, default=5.0, help="seconds before a naive query gives up"
        )
        parser.add_argument(
            "--loader-passages",
            type=int,
            default=None,
            help="store only this many passages through the loader (its figures come from them) and "
            "write the rest in bulk: builds a 1,000,000 corpus in minutes instead of hours",
        )
        parser.add_argument("--worker", action="store_true", help=argparse_hidden())

    def log(self, message: str) -> None:
        """Progress goes to stderr, figures to stdout."""
        self.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {message}")
        self.stderr.flush()

    def handle(self, *args, **options) -> None:
        passages = (
            QUICK_PASSAGES if options["quick"] and options["passages"] == 1_000_000 else options["passages"]
        )
        repetitions = 1 if options["quick"] else max(1, options["repetitions"])
        seed = options["seed"]
        queries = options["queries"] or DEFAULT_QUERIES
        if not queries.is_file():
            raise CommandError(f"no query mix at {queries}")
        pgdata = options["pgdata"] or Path(settings.BASE_DIR) / "var" / "bench" / "pgdata"
        lines = measure.read_mix(queries)
        db = open_bench_database(passages, seed, pgdata)
        if options["worker"]:
            self.worker(db, lines, repetitions)
            return

        figures: dict = {"passages": passages, "seed": seed, "queries": str(queries), "machine": machine()}
        figures["import"] = self.build(db, passages, seed, options["reuse"], options["loader_passages"])
        with override_settings(DEBUG=False):  # timed as a production worker serves: no query log
            warm, colds, peers = self.time_searches(db, lines, repetitions, figures, options, queries, pgdata)
        self.report(lines, warm, colds, peers, figures)
        if options["json"]:
            options["json"].write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
            self.log(f"figures written to {options['json']}")

    def time_searches(
        self,
        db: BenchDatabase,
        lines: list[str],
        repetitions: int,
        figures: dict,
        options: dict,
        queries: Path,
        pgdata: Path,
    ) -> tuple[measure.MixTimes, dict[str, measure.MixTimes], dict[str, measure.MixTimes]]:
        """Time our search warm and cold, a web worker's memory and the peers (summaries into figures)."""
        passages, seed = figures["passages"], figures["seed"]
        figures["timed_with"] = {"DEBUG": settings.DEBUG}
        figures["host_speed_ms"] = {"before": measure.host_speed_ms()}
        db.use()
        settle()  # what archive/wsgi.py does in a web worker before its first request
        self.log(f"warm: {len(lines)} queries x {repetitions} after one untimed pass")
        warm = measure.run_mix(run_ours, lines, repetitions)
        figures["ours"] = {"warm": warm.summary()}
        figures["import"]["web_worker_peak_rss_mb"] = self.worker_rss(
            passages, seed, queries, pgdata, repetitions
        )
        colds: dict[str, measure.MixTimes] = {}
        if not options["no_cold"]:
            if db.can_restart:
                colds = self.cold(db, lines)
                figures["ours"].update({phase: times.summary() for phase, times in colds.items()})
            else:
                not_ours = {**measure.summary([]), "note": "not measured: the server is not ours"}
                figures["ours"].update(cold=not_ours, cold_disk=not_ours)
        peers = (
            {} if options["no_peers"] else self.peers(db, passages, seed, pgdata, lines, repetitions, options)
        )
        figures["peers"] = {name: times.summary() for name, times in peers.items()}
        figures["ratios"] = {
            name: ratio(figures["ours"]["warm"], summary) for name, summary in figures["peers"].items()
        }
        figures["host_speed_ms"]["after"] = measure.host_speed_ms()
        return warm, colds, peers

    def cold(self, db: BenchDatabase, lines: list[str]) -> dict[str, measure.MixTimes]:
        """Each query once after a restart of the server (``cold``), then after a drop of the OS cache too.

        The first is the target's cold: PostgreSQL's buffers are empty, the machine's memory is
        not. The second (``cold_disk``) reads every page from the disk, as after a reboot.
        """
        self.log(f"cold: restarting the server before each of {len(lines)} queries")
        cold = measure.run_cold(run_ours, lines, db.restart, self.log)
        self.log(f"cold_disk: restarting the server and dropping the OS cache before each of {len(lines)}")
        disk = measure.run_cold(
            run_ours, lines, lambda: db.restart(drop_os_cache=True), self.log, label="cold_disk"
        )
        return {"cold": cold, "cold_disk": disk}

    def build(
        self, db: BenchDatabase, passages: int, seed: int, reuse: bool, loader_passages: int | None
    ) -> dict:
        """Load the corpus unless ``reuse`` finds a complete one of the same size, seed and generator."""
        from benchmarks.load import analyze, load

        identity = {"passages": passages, "seed": seed, "generator": GENERATOR_VERSION}
        marker = db.marker() if reuse else None
        if marker and marker.get("identity") == identity:
            self.log(f"reusing the corpus in {db.name} (built {marker.get('built')})")
            db.migrate()  # a corpus built before the latest migrations gets them
            return {**marker["import"], "reused": True}
        self.log(f"building {passages:,} passages (seed {seed}) into {db.name}")
        db.recreate()
        db.migrate()
        corpus = Corpus(passages, seed, Path(settings.FIXTURES_DIR))
        loaded = load(corpus, self.log, loader_passages)
        analyze(self.log)
        figures = loaded.as_dict()
        self.log(
            f"loader: {figures['passages_per_s']:,.0f} passages/s; "
            f"COPY: {figures['copy_passages_per_s']:,.0f}/s "
            f"(ratio {figures['copy_ratio']}); loader peak RSS {figures['peak_rss_mb']} MB"
        )
        db.mark_complete({"identity": identity, "import": figures, "built": time.strftime("%Y-%m-%d %H:%M")})
        return figures

    def worker(self, db: BenchDatabase, lines: list[str], repetitions: int) -> None:
        """A web worker: render the search page for the mix, then print its own peak RSS."""
        from django.test import Client

        from benchmarks.load import peak_rss_mb

        db.use()
        settle()
        client = Client()
        for _ in range(repetitions + 1):
            for line in lines:
                response = client.get("/search/?" + line)
                if response.status_code != 200:
                    raise SystemExit(f"/search/?{line} answered {response.status_code}")
        self.stdout.write(json.dumps({"peak_rss_mb": round(peak_rss_mb(), 1)}))

    def worker_rss(self, passages: int, seed: int, queries: Path, pgdata: Path, repetitions: int) -> float:
        """Peak RSS of a separate process serving the search page for the whole mix (watched with psutil)."""
        import psutil

        self.log("web worker: rendering /search/ for the mix in a separate process")
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench_search", "--worker"]
        command += ["--passages", str(passages), "--seed", str(seed), "--queries", str(queries)]
        command += ["--pgdata", str(pgdata), "--repetitions", str(min(repetitions, 2))]
        child = subprocess.Popen(command, stdout=subprocess.PIPE, env={**os.environ, "DEBUG": "0"})
        watched, peak = psutil.Process(child.pid), 0
        while child.poll() is None:
            try:
                peak = max(peak, watched.memory_info().rss)
            except psutil.NoSuchProcess:
                break
            time.sleep(0.05)
        out = child.stdout.read() if child.stdout else b""
        if child.returncode != 0:
            raise SystemExit(f"the web worker failed ({child.returncode})")
        reported = json.loads(out.decode().strip().splitlines()[-1])["peak_rss_mb"]
        return round(max(reported, peak / (1024 * 1024)), 1)

    def peers(
        self,
        db: BenchDatabase,
        passages: int,
        seed: int,
        pgdata: Path,
        lines: list[str],
        repetitions: int,
        options,
    ) -> dict[str, measure.MixTimes]:
        from benchmarks.peers import NaiveDjango, SqliteFts5, Tantivy, export_rows

        folder = pgdata.parent / "peers" / f"{passages}_{seed}_{GENERATOR_VERSION}"
        folder.mkdir(parents=True, exist_ok=True)
        engines = [SqliteFts5(folder / "fts5.sqlite"), Tantivy(folder / "tantivy")]
        results: dict[str, measure.MixTimes] = {}
        for engine in engines:
            done = folder / f"{engine.name}.built"
            if not (options["reuse"] and done.exists()):
                self.log(f"{engine.name}: building its index")
                started = time.perf_counter()
                engine.build(export_rows(self.log, passages))
                done.write_text(f"{time.perf_counter() - started:.1f}\n")
            engine.open()
            self.log(f"{engine.name}: warm, {len(lines)} queries x {repetitions}")
            results[engine.name] = measure.run_mix(engine.run, lines, repetitions)
            engine.close()
        db.use()
        naive = NaiveDjango(options["naive_budget"])
        self.log(f"naive_django: each query once, at most {options['naive_budget']} s each")
        results[naive.name] = measure.run_mix(naive.run, lines, 1, warm_up=False)
        if results[naive.name].timeouts:
            results[naive.name].note = (
                f"{results[naive.name].timeouts} queries gave up after {options['naive_budget']} s: "
                "their time is a lower bound"
            )
        return results

    def report(self, lines, warm, colds, peers, figures) -> None:
        """Per query and overall p50/p95/max, ours and each peer's, on stdout."""
        out = self.stdout
        names = list(peers)
        header = f"{'query':<58} {'found':>8} {'warm p50':>9} {'p95':>7} {'max':>7}"
        header += "".join(f" {COLD_COLUMNS[phase]:>7}" for phase in colds)
        header += "".join(f" {n[:12]:>12}" for n in names)
        out.write(header)
        for line in lines:
            times = warm.times.get(line, [])
            row = f"{line[:58]:<58} {warm.found.get(line, 0):>8} "
            s = measure.summary(times)
            row += f"{s['p50_ms']:>9.1f} {s['p95_ms']:>7.1f} {s['max_ms']:>7.1f}"
            row += "".join(f" {cold.times[line][0]:>7.1f}" for cold in colds.values())
            for name in names:
                peer = measure.summary(peers[name].times.get(line, []))
                flag = "*" if peers[name].found.get(line, 0) == measure.TIMED_OUT else ""
                row += f" {peer['p50_ms']:>11.1f}{flag or ' '}"
            out.write(row)
        out.write("")
        out.write(f"passages: {figures['passages']:,}   machine: {figures['machine']}")
        speed = figures["host_speed_ms"]
        out.write(
            f"host speed  {speed['before']} ms before, {speed['after']} ms after "
            "(sum(range(10**6)), best of 5: lower is faster; the host is shared)"
        )
        out.write(f"ours warm   {fmt(figures['ours']['warm'])}")
        for phase in ("cold", "cold_disk"):
            if phase in figures["ours"]:
                out.write(f"ours {phase:<6} {fmt(figures['ours'][phase])}")
        for name, summary in figures["peers"].items():
            r = figures["ratios"][name]
            out.write(f"{name:<12}{fmt(summary)}   ours/peer p95: {r['p95']}  p50: {r['p50']}")
        imp = figures["import"]
        out.write(
            f"import      {imp['passages_per_s']:,.0f} passages/s through the loader; plain COPY "
            f"{imp.get('copy_passages_per_s', 0):,.0f}/s (COPY is {imp['copy_ratio']}x faster)"
        )
        out.write(
            f"memory      loader peak RSS {imp['peak_rss_mb']} MB; web worker peak RSS "
            f"{imp.get('web_worker_peak_rss_mb')} MB"
        )


def fmt(summary: dict) -> str:
    text = " ".join(
        f"{k[:-3]} {summary[k]:.1f} ms" if summary.get(k) is not None else f"{k[:-3]} -"
        for k in ("p50_ms", "p95_ms", "max_ms")
    )
    return text + (f"  ({summary['note']})" if summary.get("note") else "")


def ratio(ours: dict, peer: dict) -> dict:
    """Our time over the peer's: below 1 means we are faster."""

    def one(key: str) -> float | None:
        if not ours.get(key) or not peer.get(key):
            return None
        return round(ours[key] / peer[key], 3)

    return {"p50": one("p50_ms"), "p95": one("p95_ms"), "max": one("max_ms")}


def machine() -> str:
    import platform

    import psutil

    memory = psutil.virtual_memory().total / 2**30
    system = f"{platform.system()} {platform.release()}"
    return f"{os.cpu_count()} cores, {memory:.0f} GB RAM, {system}, Python {platform.python_version()}"


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS
