"""Metadata read from the head of a text: headline, byline, dates, dateline, links, kind."""

from __future__ import annotations

import datetime as dt

from statements.ingest import KnownSpeaker, read_document

KNOWN = [KnownSpeaker("Maria Zakharova", ("Zakharova", "M.V. Zakharova"), "Foreign Ministry Spokeswoman")]


def read(text: str):
    return read_document(text, file_name="t.txt", known_speakers=KNOWN)


def test_time_stamp_line_gives_published_date():
    doc = read("Zakharova on the grain corridor\n\n09:15 14.03.2024 •\n\nMaria Zakharova: We are ready.\n")
    assert doc.published_on == dt.date(2024, 3, 14)


def test_dateline_gives_event_date_and_place():
    doc = read(
        "Briefing on Baltic shipping\n\nSt Petersburg, April 9, 2024\n\nMaria Zakharova: Good afternoon.\n"
    )
    assert doc.event_on == dt.date(2024, 4, 9)
    assert doc.location == "St Petersburg"


def test_day_month_year_dateline():
    doc = read("Remarks at the forum\n\nKazan, 2 October 2024\n\nMaria Zakharova: Thank you all.\n")
    assert doc.event_on == dt.date(2024, 10, 2)
    assert doc.location == "Kazan"


def test_byline_gives_author_site_and_slashed_date():
    doc = read(
        "By Ingrid Holm, Nordic Review, 11/4/24\nThe minister spoke for an hour about fishing quotas.\n"
    )
    assert doc.author == "Ingrid Holm"
    assert doc.publisher == "Nordic Review"
    assert doc.published_on == dt.date(2024, 11, 4)


def test_slashed_date_with_day_over_twelve_reads_day_first():
    doc = read("By Ingrid Holm, Nordic Review, 25/4/24\nThe minister spoke about fishing quotas.\n")
    assert doc.published_on == dt.date(2024, 4, 25)


def test_published_line_with_month_name():
    doc = read("Grain talks stall\nPublished: June 5, 2024\nDelegates left Ankara without a deal.\n")
    assert doc.published_on == dt.date(2024, 6, 5)


def test_excerpt_heading_ending_with_a_date_gives_event_date():
    text = (
        "A note on the interview.\n" * 14
        + "Excerpts from an interview with Maria Zakharova to the weekly Delta, July 7, 2024\n"
        + "Maria Zakharova: We said it before.\n"
    )
    assert read(text).event_on == dt.date(2024, 7, 7)


def test_dates_in_prose_are_not_guessed():
    doc = read("Delegates met in Ankara.\nThe treaty was signed on May 2, 2014, and broken soon after.\n")
    assert doc.published_on is None
    assert doc.event_on is None


def test_undated_passages_are_flagged_for_review():
    doc = read("The ambassador left early. Maria Zakharova said that the talks had failed.\n")
    assert "no date" in doc.passages[0].doubts


def test_channel_link_gives_source_url_and_publisher():
    doc = read(
        "Maria Zakharova: Good afternoon.\n\nfollow us on our Telegram channel https://t.me/Diplo_Notes\n"
    )
    assert doc.source_url == "https://t.me/Diplo_Notes"
    assert doc.publisher == "Diplo Notes"


def test_short_first_line_is_the_headline():
    doc = read(
        "Ankara talks end without a deal\nDelegates left Ankara on Tuesday evening after a long day.\n"
    )
    assert doc.title == "Ankara talks end without a deal"


def test_title_from_first_sentence_is_short():
    first = (
        "Delegates from twelve countries left Ankara on Tuesday " + "after a very long and tiring day " * 6
    )
    doc = read(first + ". Nothing was agreed.\n")
    assert doc.title.startswith("Delegates from twelve countries")
    assert len(doc.title) <= 121


def test_label_shaped_headline_before_a_time_stamp_is_the_title():
    text = "Maria Zakharova: “Nobody asked us”\n\n10:00 01.02.2024\n\nMaria Zakharova: Nobody asked us.\n"
    doc = read(text)
    assert doc.title.startswith("Maria Zakharova: “Nobody")
    assert [p.start for p in doc.passages] == [text.rindex("Nobody asked us.")]


def test_agency_dateline_gives_place_and_publisher():
    doc = read(
        "Ministers meet on grain\nANKARA (Agence Levant) - Ministers met on Monday to discuss grain.\n"
    )
    assert doc.location == "Ankara"
    assert doc.publisher == "Agence Levant"


def test_kind_transcript_for_labelled_turns():
    doc = read(
        "Question: Any news?\n\nMaria Zakharova: None today.\n\n"
        "Question: And tomorrow?\n\nMaria Zakharova: We shall see.\n"
    )
    assert doc.kind == "transcript"


def test_kind_commentary_for_first_person_narration():
    text = (
        "I have read the briefing twice, and I think we should take it seriously. "
        "My view is simple: the ministry means what it says.\n"
        "Maria Zakharova said that the talks had failed.\n"
    )
    assert read(text).kind == "commentary"


def test_kind_report_for_third_person_news():
    text = "Delegates left Ankara on Tuesday. Maria Zakharova said that the talks had failed.\n"
    assert read(text).kind == "report"


def test_a_page_header_date_dates_both_the_page_and_the_event():
    text = (
        "Meeting with the Governor of a region\n\n"
        "October 2, 2019\n15:30\nThe Kremlin, Moscow\n\nThe meeting began.\n"
    )
    doc = read(text)
    assert doc.published_on == doc.event_on == dt.date(2019, 10, 2)


def test_a_date_in_brackets_dates_the_occasion_only():
    doc = read("Background Press Call on the Summit\n\n(March 4, 2023)\n\nMODERATOR:\u00a0 Welcome.\n")
    assert doc.published_on is None
    assert doc.event_on == dt.date(2023, 3, 4)


def test_a_headline_ending_in_a_date_gives_the_event_date():
    doc = read("Press Briefing by Press Secretary Dana Whitfield, June 9, 2022\n\nMS. WHITFIELD:\u00a0 Hi.\n")
    assert doc.event_on == dt.date(2022, 6, 9)
    assert doc.published_on is None


def test_a_release_speaking_for_our_nation_is_a_report_not_commentary():
    text = (
        "New Office Opens to Protect Our Ports\n\n"
        "The office will secure our ports and our supply chains, and serve our nation.\n\n"
        "“We will keep our harbours open,” said Secretary Maren Holt.\n"
    )
    assert read(text).kind == "report"


def test_one_labelled_turn_and_no_question_is_a_speech():
    text = (
        "Reception for the veterans\n\nMaria Zakharova: Dear friends, I am glad to see you here today.\n\n"
        "We remember what you did, and we will not forget it.\n"
    )
    assert read(text).kind == "speech"
