"""The load test's own logic, without starting gunicorn or locust (the real run is `make loadtest`)."""

from __future__ import annotations

import pytest

from benchmarks.loadtest import runner
from statements.models import Document
from tests.conftest import TRANSCRIPT

HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
    "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,"
    "99.99%,100%"
)


def _stats(tmp_path, rows: list[str]):
    path = tmp_path / "users_4_stats.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_step_is_read_from_locusts_csv(tmp_path):
    path = _stats(
        tmp_path,
        [
            "GET,search,100,2,200,210,10,900,5000,5.0,0.1,200,220,240,260,300,350,400,450,900,900,900",
            "GET,permalink,50,0,30,31,10,90,4000,2.5,0,30,32,35,40,50,60,70,80,90,90,90",
            ",Aggregated,150,2,120,150,10,900,4600,7.5,0.1,120,150,200,220,280,330,390,440,900,900,900",
        ],
    )
    step = runner.read_step(path, users=4, seconds=20)
    assert (step.requests, step.failures, step.rps) == (150, 2, 7.5)
    assert (step.p50, step.p95, step.p99) == (120, 330, 440)
    assert step.by_kind["search"]["failures"] == 2 and step.by_kind["permalink"]["p99"] == 80
    assert not step.sustained, "errors disqualify a step"


def test_the_best_step_is_the_fastest_without_errors_within_the_p99_target():
    def step(users: int, rps: float, p99: float, failures: int = 0) -> runner.Step:
        return runner.Step(users, 60, 1000, failures, rps, 50, 100, p99)

    steps = [step(2, 15, 420), step(4, 18, 480), step(8, 19, 900), step(16, 25, 300, failures=3)]
    assert runner.best_step(steps).users == 4
    assert runner.best_step([step(8, 19, 900)]) is None


def test_queries_skip_comments_and_blank_lines(tmp_path):
    path = tmp_path / "queries.txt"
    path.write_text("# mix\n\nq=NATO\n  q=%22common+sense%22  \n# end\n", encoding="utf-8")
    assert runner.read_queries(path) == ["q=NATO", "q=%22common+sense%22"]


@pytest.mark.django_db
def test_the_plan_draws_every_page_kind_from_the_archive(write_text, import_files, client):
    import_files(write_text("briefing.txt", TRANSCRIPT))
    plan = runner.build_plan(["q=sanctions"], seed=1)
    assert plan["search"] == ["/search/?q=sanctions"]
    assert plan["document"] == [f"/documents/{Document.objects.get().slug}/"]
    assert len(plan["permalink"]) == Document.objects.get().passages.count()
    for kind in ("search", "permalink", "document", "speaker"):
        assert plan[kind], kind
        assert client.get(plan[kind][0]).status_code == 200, kind


def test_the_server_gets_production_settings_on_localhost_only(tmp_path):
    env = runner.server_environment("postgres://u@%2Ftmp:5432/loadtest_1_1", tmp_path)
    assert env["DJANGO_SETTINGS_MODULE"] == "archive.production"
    assert env["ALLOWED_HOSTS"] == "127.0.0.1" and env["SECURE_SSL_REDIRECT"] == "0"
    assert len(env["SECRET_KEY"]) >= 50
    assert runner.server_environment("x", tmp_path)["SECRET_KEY"] != env["SECRET_KEY"], "generated per run"
