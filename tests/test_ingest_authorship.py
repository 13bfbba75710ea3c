"""One person's whole text: the speaker a headline names, or the signer of a proclamation or letter."""

from __future__ import annotations

from statements.ingest import KnownSpeaker, read_document

KNOWN = [
    KnownSpeaker("Joe Biden", ("Joseph R. Biden", "Joseph R. Biden Jr."), "President of the United States")
]


def read(text: str):
    return read_document(text, file_name="t.txt", known_speakers=KNOWN)


def voices(text: str) -> list[tuple[str, str | None, str]]:
    doc = read(text)
    return [(p.kind, p.speaker, doc.passage_text(p)) for p in doc.passages]


def test_a_statement_from_the_person_in_the_headline_is_theirs_and_a_statement():
    text = (
        "Statement from Secretary Maren Holt on the Flooding in the Valley\n\n"
        "Our thoughts are with the families who lost their homes this week.\n\n"
        "I have directed the department to send every resource we have.\n\n"
        "###\n"
    )
    doc = read(text)
    assert {(p.kind, p.speaker) for p in doc.passages} == {("remarks", "Maren Holt")}
    assert len(doc.passages) == 2
    assert doc.kind == "statement"


def test_remarks_named_by_the_headline_are_a_speech_and_headings_before_them_are_nobodys():
    text = (
        "Remarks by Dr. Ilse Varga Assistant to the President for Science on Clean Water\n\n"
        "Water Summit\n\n"
        "Remarks as Prepared\n\n"
        "Thank you for having me. I am glad to be back in Denver.\n\n"
        "We have work to do on the pipes under our cities.\n"
    )
    doc = read(text)
    assert [(p.speaker, doc.passage_text(p)[:9]) for p in doc.passages] == [
        ("Ilse Varga", "Thank you"),
        ("Ilse Varga", "We have w"),
    ]
    assert doc.kind == "speech"


def test_a_possessive_headline_names_the_speaker():
    text = (
        "Foreign Secretary Amal Rahimi's speech at the Harbour Forum\n\nI want to begin with our friends.\n"
    )
    assert voices(text)[0][1] == "Amal Rahimi"


def test_a_headline_about_someones_remarks_over_a_third_person_report_is_not_their_text():
    text = (
        "Remarks by Senator Hal Brenner Spark Anger in the Capital\n\n"
        "Senator Hal Brenner drew criticism on Tuesday after a speech on farm subsidies.\n\n"
        "Opponents called the speech divisive, and the party distanced itself from it.\n"
    )
    assert [v for v in voices(text) if v[0] == "remarks"] == []


def test_a_proclamation_signed_by_its_author_is_his_statement_and_the_signing_date_its_date():
    text = (
        "A Proclamation on National Library Week, 2023\n\n"
        "Libraries are where I first found the wider world, and where millions of us still do.\n\n"
        "NOW, THEREFORE, I, JOSEPH R. BIDEN JR., President of the United States, do hereby proclaim "
        "April 23 through April 29, 2023, as National Library Week.\n\n"
        "JOSEPH R. BIDEN JR.\n\n"
        "THE WHITE HOUSE,\n\n"
        "April 21, 2023.\n"
    )
    doc = read(text)
    assert {p.speaker for p in doc.passages} == {"Joe Biden"}
    assert all("JOSEPH R. BIDEN JR.\n" not in doc.passage_text(p) + "\n" for p in doc.passages)
    assert doc.kind == "statement"
    assert str(doc.event_on) == "2023-04-21"


def test_a_letter_signed_after_sincerely_is_the_signers():
    text = (
        "Letter to the Committee on the Budget\n\n"
        "Dear Madam Chair:\n\n"
        "I write to ask that the committee take up the harbour bill without delay.\n\n"
        "Sincerely,\n\n"
        "Tomas Ferreira\n"
    )
    assert {v[1] for v in voices(text)} == {"Tomas Ferreira"}


def test_labels_win_over_the_headline():
    text = (
        "Remarks by Secretary Maren Holt and Governor Ray Ennis at a Briefing\n\n"
        "SECRETARY HOLT:\u00a0 Thank you all for coming.\n\n"
        "GOVERNOR ENNIS:\u00a0 And thank you, Madam Secretary, for the help.\n"
    )
    assert [v[1] for v in voices(text)] == ["Maren Holt", "Ray Ennis"]


def test_an_order_whose_author_names_himself_is_his():
    text = (
        "Imposing Duties on Imported Widgets\n\n"
        "By the authority vested in me as President, it is hereby ordered:\n\n"
        "I, JOSEPH R. BIDEN JR., President of the United States, find that imports threaten us.\n\n"
        "THE WHITE HOUSE,\n\n"
        "May 2, 2023.\n"
    )
    assert {v[1] for v in voices(text)} == {"Joe Biden"}


def test_a_speech_that_says_we_only_after_a_few_paragraphs_is_still_the_speakers():
    text = (
        "Remarks by Secretary Maren Holt at the Harbour Conference\n\n"
        "Thank you, Eddy, for that introduction.\n\n"
        "In March the department set three priorities.\n\n"
        "Number one: keep the ports open.\n\n"
        "Number two: train the crews.\n\n"
        "Number three: work as one team.\n\n"
        "Each of you has a part in our plan, and we will need every one of you.\n"
    )
    assert {v[1] for v in voices(text)} == {"Maren Holt"}


def test_an_excerpt_of_remarks_named_by_the_headline_is_the_speakers_speech():
    text = (
        "Excerpt from Remarks as Prepared for Delivery by Governor Ana Ruiz on Jobs in Tucson\n\n"
        "We’ve added four thousand jobs in this county since the spring.\n\n"
        "And folks, that is no accident. That is Ruiznomics at work.\n\n"
        "###\n"
    )
    doc = read(text)
    assert {(p.kind, p.speaker) for p in doc.passages} == {("remarks", "Ana Ruiz")}
    assert doc.kind == "speech"


def test_prerecorded_remarks_are_the_speakers():
    text = (
        "Pre-Taped Remarks by Senator Ida Brandt As Delivered to the Miners' Hall\n\n"
        "I am sorry I cannot be with you tonight. I wanted to thank you for your work.\n\n"
        "###\n"
    )
    assert {(p.kind, p.speaker) for p in read(text).passages} == {("remarks", "Ida Brandt")}


def test_excerpts_each_in_quotation_marks_between_dashes_are_all_the_speakers():
    text = (
        "Excerpts from Governor Ana Ruiz’s State of the Union Address as Prepared for Delivery\n\n"
        "“Our state has come back stronger from every flood. I have seen it in every town.”\n\n"
        "—\n\n"
        "“We will rebuild the bridges, and we will do it this year.”\n\n"
        "###\n"
    )
    doc = read(text)
    assert [(p.kind, p.speaker) for p in doc.passages] == [("remarks", "Ana Ruiz")] * 2
    assert doc.kind == "speech"


def test_a_title_chain_with_for_and_an_ampersand_in_the_headline_still_names_the_speaker():
    text = (
        "Statement by Deputy Assistant to the President for Energy & Water Tamsin Orell on the Drought\n\n"
        "The drought in the south has lasted three summers, and we will not wait for a fourth.\n\n"
        "###\n"
    )
    assert {v[1] for v in voices(text)} == {"Tamsin Orell"}


def test_a_headline_naming_two_people_gives_the_text_to_neither():
    text = (
        "Statement from Governor Ray Ennis and First Lady Mira Ennis on the Fire\n\n"
        "Our hearts go out to every family who lost a home in the fire this week.\n\n"
        "###\n"
    )
    assert not [v for v in voices(text) if v[1] in {"Ray Ennis", "Mira Ennis"}]


def test_a_headline_that_puts_the_name_before_the_word_statement_names_the_speaker():
    text = (
        "Lieutenant Governor Nadia Okafor Statement on the Bridge Collapse\n\n"
        "I have spoken with the families and I will visit the site tomorrow morning.\n\n"
        "###\n"
    )
    assert {v[1] for v in voices(text)} == {"Nadia Okafor"}


def test_a_rule_drawn_across_the_page_between_parts_does_not_end_the_speech():
    text = (
        "Remarks as Prepared for Delivery by Governor Ana Ruiz at the Miners' Hall\n\n"
        "Thank you all for coming out tonight. I am glad to be home.\n\n"
        + "-" * 72
        + "\n\nWe will keep the mines safe and the jobs here.\n"
    )
    assert [v[1] for v in voices(text)] == ["Ana Ruiz", "Ana Ruiz"]


def test_a_hyphenated_name_of_an_administration_does_not_count_as_the_speaker_in_the_third_person():
    text = (
        "Statement from Governor Ana Ruiz on the New Clinics\n\n"
        "The Ruiz-Ennis Administration opened four clinics this year, and I am proud of every one.\n\n"
        "###\n"
    )
    assert {v[1] for v in voices(text)} == {"Ana Ruiz"}
