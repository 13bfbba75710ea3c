"""/q/<public id>/: the passage, its context, citation and sharing, and links that outlive it."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils.html import escape

from statements.models import Annotation, Passage, RetiredPassage
from tests import factories as make
from tests.conftest import TRANSCRIPT

pytestmark = pytest.mark.django_db


@pytest.fixture
def answer():
    doc = make.document("Press conference", published_on=dt.date(2024, 10, 3))
    make.passage("Will you meet the envoy?", doc=doc, kind="question")
    return make.passage(
        "Yes, we will meet him next week in Geneva.",
        doc=doc,
        by=make.speaker("Helga Brandt"),
        topics=[make.topic("Negotiations")],
    )


def test_the_permalink_shows_the_passage_speaker_date_kind_and_source(client, answer):
    page = client.get(answer.get_absolute_url()).text
    assert "Yes, we will meet him next week in Geneva." in page
    assert f'href="{answer.speaker.get_absolute_url()}"' in page
    assert "3 October 2024" in page
    assert "Verbatim" in page
    assert f'href="{answer.document.get_absolute_url()}#p-{answer.public_id}"' in page
    assert "Negotiations" in page


def test_a_turn_is_shown_with_the_question_it_answers(client, answer):
    page = client.get(answer.get_absolute_url()).text
    assert "Will you meet the envoy?" in page


def test_reported_speech_is_labelled_as_paraphrase(client):
    reported = make.passage("She said the talks would resume.", by=make.speaker("Ana Ruiz"), kind="reported")
    page = client.get(reported.get_absolute_url()).text
    assert "Paraphrase" in page
    assert "<blockquote" not in page


def test_the_page_offers_a_citation_and_a_copy_button(client, answer):
    page = client.get(answer.get_absolute_url()).text
    assert f"http://testserver/q/{answer.public_id}/" in page
    assert (
        "“Yes, we will meet him next week in Geneva.” Helga Brandt, Press conference, 3 October 2024. "
        f"http://testserver/q/{answer.public_id}/" in page
    )
    assert 'class="copy"' in page


def test_open_graph_tags_preview_the_quote_with_speaker_and_date(client, answer):
    page = client.get(answer.get_absolute_url()).text
    assert '<meta property="og:title" content="Helga Brandt, 3 October 2024">' in page
    assert 'property="og:description" content="“Yes, we will meet him next week in Geneva.”"' in page
    assert '<meta name="twitter:card" content="summary">' in page


def test_only_published_annotations_are_shown(client, answer):
    Annotation.objects.create(passage=answer, body="Published context.", published=True)
    Annotation.objects.create(passage=answer, body="Draft musings.", published=False)
    page = client.get(answer.get_absolute_url()).text
    assert "Published context." in page
    assert "Draft musings." not in page


def test_a_merged_passage_link_leads_to_its_successor(client, answer):
    RetiredPassage.objects.create(public_id="oldlink1", successor=answer, reason="merged")
    response = client.get("/q/oldlink1/")
    assert response.status_code == 301
    assert response["Location"] == answer.get_absolute_url()


def test_a_withdrawn_passage_link_explains_instead_of_a_bare_404(client):
    RetiredPassage.objects.create(public_id="gone2345", reason="a duplicate of another passage")
    response = client.get("/q/gone2345/")
    assert response.status_code == 410
    assert "withdrawn" in response.text and "a duplicate of another passage" in response.text


def test_an_unknown_link_is_not_found(client):
    assert client.get("/q/nosuchid/").status_code == 404


def test_quotes_with_markup_are_escaped_in_meta_tags(client):
    hostile = make.passage('"><svg onload=alert(1)> said nobody', by=make.speaker("X <b>Y</b>"))
    page = client.get(hostile.get_absolute_url()).text
    assert "<svg" not in page and "<b>Y</b>" not in page
    assert escape('"><svg onload=alert(1)>') in page


def test_public_ids_survive_a_reimport(write_text, import_files):
    path = write_text("briefing.txt", TRANSCRIPT)
    import_files(path)
    before = dict(Passage.objects.values_list("text", "public_id"))
    write_text("briefing.txt", TRANSCRIPT + "\nQuestion: One more?\n\nHelga Brandt: No more questions.\n")
    import_files(path)
    after = dict(Passage.objects.values_list("text", "public_id"))
    assert all(after[text] == public_id for text, public_id in before.items())


def test_public_ids_survive_a_dump_and_reload(write_text, import_files, tmp_path):
    import_files(write_text("briefing.txt", TRANSCRIPT))
    before = sorted(Passage.objects.values_list("public_id", "text"))
    dump = tmp_path / "dump.json"
    call_command("dumpdata", "statements", output=str(dump))
    Passage.objects.all().delete()
    call_command("loaddata", str(dump))
    assert sorted(Passage.objects.values_list("public_id", "text")) == before
