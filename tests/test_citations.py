"""Each permalink offers its citation in Chicago, APA and MLA, as BibTeX and CSL-JSON, and as a quotation."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from statements.citations import citations, csl_item, quotation
from tests import factories as make

pytestmark = pytest.mark.django_db

ACCESSED = dt.date(2026, 12, 4)


def absolute(path: str) -> str:
    return f"https://archive.example{path}"


@pytest.fixture
def verbatim():
    doc = make.document("Press conference in Geneva", kind="transcript")
    doc.publisher = "Ministry of Foreign Affairs"
    doc.save()
    return make.passage(
        "We will meet him next week.", by=make.speaker("Helga Brandt"), doc=doc, said_on=dt.date(2024, 10, 3)
    )


@pytest.fixture
def reported():
    doc = make.document("Talks to resume, minister says", kind="report")
    return make.passage(
        "Brandt said the talks would resume in spring.",
        by=make.speaker("Helga Brandt"),
        doc=doc,
        kind="reported",
        said_on=dt.date(2024, 10, 4),
    )


def test_apa_cites_a_statement_with_the_speakers_initial_the_full_date_and_the_permalink(verbatim):
    apa = citations(verbatim, absolute, ACCESSED)["APA"]
    assert apa.startswith("Brandt, H. (2024, October 3). Press conference in Geneva [Statement].")
    assert apa.endswith(f"https://archive.example/q/{verbatim.public_id}/")


def test_mla_and_chicago_spell_out_the_speakers_given_name(verbatim):
    cited = citations(verbatim, absolute, ACCESSED)
    assert cited["MLA"].startswith("Brandt, Helga. “Press Conference in Geneva”")
    assert cited["Chicago"].startswith("Brandt, Helga. 2024. “Press Conference in Geneva”")


def test_a_paraphrase_is_cited_as_reported_speech_and_its_words_are_never_quoted(reported):
    cited = citations(reported, absolute, ACCESSED)
    for label, text in cited.items():
        assert "Reported speech" in text, label
        assert "talks would resume" not in text, label
    assert "paraphrase" in quotation(reported, absolute)
    assert "“" not in quotation(reported, absolute)


def test_bibtex_is_one_entry_with_author_title_year_and_url(verbatim):
    bibtex = citations(verbatim, absolute, ACCESSED)["BibTeX"]
    assert bibtex.startswith("@")
    for field in ("author={Brandt, Helga}", "title={Press conference in Geneva}", "year={2024}"):
        assert field in bibtex
    assert f"url={{https://archive.example/q/{verbatim.public_id}/}}" in bibtex


def test_csl_json_names_the_speaker_the_day_and_the_kind_of_source(verbatim):
    item = json.loads(json.dumps(csl_item(verbatim, absolute, ACCESSED)))
    assert item["author"] == [{"given": "Helga", "family": "Brandt"}]
    assert item["issued"] == {"date-parts": [[2024, 10, 3]]}
    assert (item["type"], item["genre"]) == ("speech", "Statement")
    assert item["URL"] == f"https://archive.example/q/{verbatim.public_id}/"


def test_no_style_prints_a_stray_edition_or_doubled_full_stop(verbatim, reported):
    for passage in (verbatim, reported):
        passage.document.title = "Talks to resume…"
        for label, text in citations(passage, absolute, ACCESSED).items():
            assert "Edition" not in text and "…." not in text and ".." not in text, label


def test_a_name_with_particles_keeps_them_in_the_family_name(verbatim):
    verbatim.speaker.name = "Ursula von der Leyen"
    assert csl_item(verbatim, absolute)["author"] == [{"given": "Ursula", "family": "von der Leyen"}]


def test_the_quotation_ends_the_words_once_without_doubled_punctuation(verbatim):
    assert quotation(verbatim, absolute) == (
        "“We will meet him next week.” Helga Brandt, Press conference in Geneva, "
        f"Ministry of Foreign Affairs, 3 October 2024. https://archive.example/q/{verbatim.public_id}/"
    )


def test_the_permalink_page_offers_every_citation_form(client, verbatim):
    page = client.get(verbatim.get_absolute_url()).content.decode()
    for label in ("Chicago", "APA", "MLA", "BibTeX", "CSL-JSON"):
        assert f"Copy {label}" in page
    assert "Brandt, H. (2024, October 3)." in page
