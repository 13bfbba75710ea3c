"""Statements leave the archive as CSV (any search) and as a full export (JSON Lines or CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from statements import exports
from statements.models import Annotation
from statements.search import search
from tests import factories as make

pytestmark = pytest.mark.django_db

AWKWARD = 'He said, "no deal",\nthen left; the end.'


def csv_of(client, query: str) -> list[dict]:
    response = client.get(f"/search/csv/?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames) == exports.SEARCH_COLUMNS
    return list(reader)


def test_a_search_csv_round_trips_commas_quotes_and_newlines_in_the_text(client):
    ana = make.speaker("Ana Ruiz")
    said = make.passage(AWKWARD, by=ana, said_on=dt.date(2024, 3, 1))
    [row] = csv_of(client, "q=deal")
    assert row["text"] == AWKWARD
    assert row["public_id"] == said.public_id
    assert row["permalink"] == f"http://testserver{said.get_absolute_url()}"
    assert (row["speaker"], row["date"]) == ("Ana Ruiz", "2024-03-01")
    assert row["document_url"] == f"http://testserver{said.document.get_absolute_url()}"


def test_a_search_csv_marks_verbatim_words_and_paraphrase_apart(client):
    ana = make.speaker("Ana Ruiz")
    make.passage("Tariffs hurt the farmers.", by=ana, kind="turn")
    make.passage("Ruiz said that tariffs hurt farmers.", by=ana, kind="reported")
    assert sorted(r["kind"] for r in csv_of(client, "q=tariffs")) == ["paraphrase", "verbatim"]


def test_a_search_csv_holds_every_page_in_the_pages_order(client):
    ana = make.speaker("Ana Ruiz")
    doc = make.document()
    for n in range(130):
        make.passage(
            f"Harbour statement number {n}.", by=ana, doc=doc, said_on=dt.date(2020, 1, 1) + dt.timedelta(n)
        )
    rows = csv_of(client, "q=harbour&sort=newest")
    pages = [search({"q": "harbour", "sort": "newest"}, page=n) for n in range(1, 8)]
    assert [r["public_id"] for r in rows] == [h.passage.public_id for p in pages for h in p.hits]
    assert len(rows) == 130


def test_a_search_csv_stops_at_its_cap(client, monkeypatch):
    monkeypatch.setattr(exports, "CSV_ROW_CAP", 3)
    ana = make.speaker("Ana Ruiz")
    for n in range(5):
        make.passage(f"Harbour statement number {n}.", by=ana)
    assert len(csv_of(client, "q=harbour")) == 3


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(client):
    make.passage('=HYPERLINK("http://evil.example","click")', by=make.speaker("Ana Ruiz"))
    [row] = csv_of(client, "q=hyperlink")
    assert row["text"].startswith("'=HYPERLINK")


def test_a_bad_query_string_still_gives_a_csv(client):
    make.passage("Tariffs hurt the farmers.", by=make.speaker("Ana Ruiz"))
    assert len(csv_of(client, "from=yesterday&page=-4&speaker=%00")) == 1


def test_the_search_page_offers_its_results_as_csv(client):
    make.passage("Tariffs hurt the farmers.", by=make.speaker("Ana Ruiz"))
    assert 'href="/search/csv/?q=tariffs"' in client.get("/search/?q=tariffs").content.decode()


@pytest.fixture
def archive():
    ana, trade = make.speaker("Ana Ruiz", role="Governor"), make.topic("Trade")
    doc = make.document("Press briefing")
    said = make.passage(AWKWARD, by=ana, doc=doc, topics=[trade], said_on=dt.date(2024, 3, 1))
    make.passage("Will the tariffs go?", doc=doc, kind="question")
    Annotation.objects.create(passage=said, kind="context", body="Said after the vote.", published=True)
    Annotation.objects.create(passage=said, kind="context", body="Draft: check this.", published=False)
    return said


def test_the_export_writes_every_statement_with_speaker_document_topics_and_published_notes(
    tmp_path, archive
):
    out = tmp_path / "archive.jsonl"
    call_command("export_archive", str(out), "--base-url", "https://archive.example", "--no-progress")
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["public_id"] == archive.public_id
    assert record["permalink"] == f"https://archive.example{archive.get_absolute_url()}"
    assert record["text"] == AWKWARD and record["kind"] == "verbatim" and record["date"] == "2024-03-01"
    assert record["speaker"] == {"name": "Ana Ruiz", "slug": archive.speaker.slug, "role": "Governor"}
    assert record["document"]["title"] == "Press briefing"
    assert record["topics"] == [t.slug for t in archive.topics.all()]
    assert [a["body"] for a in record["annotations"]] == ["Said after the vote."]


def test_the_export_as_csv_round_trips_through_the_csv_module(tmp_path, archive):
    out = tmp_path / "archive.csv"
    call_command("export_archive", str(out), "--no-progress")
    with out.open(newline="", encoding="utf-8") as f:
        [row] = list(csv.DictReader(f))
    assert row["text"] == AWKWARD
    assert row["speaker_role"] == "Governor"
    assert row["annotations"] == "context: Said after the vote."


def test_an_export_that_fails_leaves_the_earlier_file_as_it_was_and_nothing_half_written(
    tmp_path, archive, monkeypatch
):
    out = tmp_path / "archive.jsonl"
    out.write_text("the earlier export\n", encoding="utf-8")

    def broken(passage, absolute):
        raise RuntimeError("disk full")

    monkeypatch.setattr(exports, "full_record", broken)
    with pytest.raises(RuntimeError):
        call_command("export_archive", str(out), "--no-progress")
    assert out.read_text(encoding="utf-8") == "the earlier export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["archive.jsonl"]


def test_an_export_into_a_folder_that_does_not_exist_is_refused_with_a_message(tmp_path):
    with pytest.raises(CommandError, match="no folder"):
        call_command("export_archive", str(tmp_path / "missing" / "archive.jsonl"))
