"""Labelled transcripts: label styles, continuation over paragraphs, and prose that only ends in a colon."""

from __future__ import annotations

from statements.ingest import KnownSpeaker, read_document

KNOWN = [
    KnownSpeaker("Maria Zakharova", ("Zakharova", "M.V. Zakharova"), "Foreign Ministry Spokeswoman"),
    KnownSpeaker("Wang Yi", (), "Foreign Minister of China"),
]


def read(text: str):
    return read_document(text, file_name="t.txt", known_speakers=KNOWN)


def owners(text: str) -> list[tuple[str, str | None, str]]:
    doc = read(text)
    return [(p.kind, p.speaker, doc.passage_text(p)) for p in doc.passages]


def test_full_name_label():
    assert owners("Maria Zakharova: We will respond.\n") == [("turn", "Maria Zakharova", "We will respond.")]


def test_initials_label_with_space():
    assert owners("M.V. Zakharova: We will respond.\n")[0][1] == "Maria Zakharova"


def test_initials_label_without_space():
    assert owners("M.V.Zakharova: We will respond.\n")[0][1] == "Maria Zakharova"


def test_question_label_is_nobodys_statement():
    assert owners("Question: Will you respond?\n") == [("question", None, "Will you respond?")]


def test_short_q_label():
    assert owners("Q: Will you respond?\n")[0][:2] == ("question", None)


def test_question_label_with_outlet_in_brackets():
    assert owners("Question (Radio Delta): Will you respond?\n")[0][:2] == ("question", None)


def test_label_with_parenthetical_aside():
    assert owners("Maria Zakharova (replying): Yes, we will.\n")[0][1] == "Maria Zakharova"


def test_unknown_name_label_becomes_a_speaker():
    got = owners("Question: Your view?\n\nHelga Brandt: We expect a frank exchange.\n")
    assert got[1][:2] == ("turn", "Helga Brandt")


def test_unknown_speaker_turn_is_flagged():
    doc = read("Question: Your view?\n\nHelga Brandt: We expect a frank exchange.\n")
    assert "speaker unknown" in doc.passages[1].doubts


def test_turn_continues_over_paragraphs_one_passage_each_with_shared_group():
    text = "Wang Yi: First point.\n\nSecond point.\n\nThird point.\n\nQuestion: Thanks?\n"
    doc = read(text)
    turn = [p for p in doc.passages if p.kind == "turn"]
    assert [doc.passage_text(p) for p in turn] == ["First point.", "Second point.", "Third point."]
    assert len({p.group for p in turn}) == 1
    assert doc.passages[-1].group != turn[0].group


def test_prose_ending_in_a_colon_is_not_a_label():
    text = "Wang Yi: Consider this.\n\nThere is a simple lesson here: nobody wins a trade war.\n"
    got = owners(text)
    assert got[1] == ("turn", "Wang Yi", "There is a simple lesson here: nobody wins a trade war.")


def test_long_text_before_a_colon_is_not_a_label():
    text = "Wang Yi: Consider this.\n\n" + "Word " * 40 + "Word: and more words.\n"
    assert all(p[1] == "Wang Yi" for p in owners(text))


def test_boilerplate_ends_a_turn():
    text = "Wang Yi: We are ready.\n\nShare this:\n\nSubscribe to our newsletter\n"
    assert len(owners(text)) == 1


def test_all_caps_label():
    assert owners("MARIA ZAKHAROVA: We will respond.\n")[0][1] == "Maria Zakharova"


def test_title_before_name_in_label():
    assert owners("Foreign Minister Wang Yi: Thank you.\n")[0][1] == "Wang Yi"


def test_metadata_word_label_is_not_a_speaker():
    assert owners("Source: the ministry website\n") == []


# Labels of the White House and Kremlin formats, accepted on the document's own evidence.

NBSP = "\u00a0"


def briefing(*turns: str, headline: str = "Press Briefing by Press Secretary Dana Whitfield") -> str:
    """A White House style transcript: headline, time line, turns, END."""
    return "\n\n".join([headline, "1:05 P.M. EDT", *turns, f"END{NBSP}{NBSP}{NBSP} 1:40 P.M. EDT"]) + "\n"


def test_upper_case_label_with_honorific_is_the_full_name_the_headline_gives():
    text = briefing(
        f"MS. WHITFIELD:{NBSP} Good afternoon, everyone.", f"Q{NBSP}{NBSP}{NBSP} Thank you. Two questions?"
    )
    got = owners(text)
    assert got[0][:2] == ("turn", "Dana Whitfield")


def test_q_with_no_break_spaces_and_no_colon_is_a_question():
    text = briefing(
        f"MS. WHITFIELD:{NBSP} Go ahead.", f"Q{NBSP}{NBSP}{NBSP} Will the talks resume next week?"
    )
    assert ("question", None, "Will the talks resume next week?") in owners(text)


def test_end_and_time_lines_belong_to_nobody():
    text = briefing(f"MS. WHITFIELD:{NBSP} That is all for today. Thanks, everybody.")
    doc = read(text)
    assert [doc.passage_text(p) for p in doc.passages] == ["That is all for today. Thanks, everybody."]


def test_the_office_label_is_whoever_the_headline_names_with_that_office():
    text = briefing(
        f"THE PRESIDENT:{NBSP} Thank you all for coming out today.",
        f"Q{NBSP}{NBSP}{NBSP} Mr. President, will you sign the bill?",
        f"THE PRESIDENT:{NBSP} I will sign it this week.",
        headline="Remarks by President Halvorsen Before Marine One Departure",
    )
    assert {g[1] for g in owners(text) if g[0] == "turn"} == {"Halvorsen"}


def test_a_title_before_the_surname_is_a_role_not_part_of_the_name():
    text = briefing(
        f"MS. WHITFIELD:{NBSP} I will hand it over to the administrator.",
        f"ADMINISTRATOR OKONJO:{NBSP} Thanks. The shelters are open tonight.",
        headline="Press Gaggle by Press Secretary Dana Whitfield and Relief Administrator Grace Okonjo",
    )
    assert ("turn", "Grace Okonjo", "Thanks. The shelters are open tonight.") in owners(text)


def test_numbered_anonymous_officials_are_two_speakers_and_the_moderator_is_nobody():
    text = briefing(
        f"MODERATOR:{NBSP} This call is on background. Over to our first speaker.",
        f"SENIOR ADMINISTRATION OFFICIAL ONE:{NBSP} Thanks. The visit starts Monday.",
        f"SENIOR ADMINISTRATION OFFICIAL TWO:{NBSP} And I will add a word on trade.",
        headline="Background Press Call by Senior Administration Officials",
    )
    doc = read(text)
    assert [s.name for s in doc.speakers] == [
        "Senior Administration Official One",
        "Senior Administration Official Two",
    ]
    assert all("background" not in doc.passage_text(p) for p in doc.passages)


def test_kremlin_label_with_title_and_note_then_the_short_form_and_a_full_stop_for_the_colon():
    text = (
        "Joint news conference with the Prime Minister of Norland\n\n"
        "March 3, 2019\n\n"
        f"President of{NBSP}Russia Vladimir Putin: Ladies and gentlemen, the talks were useful.\n\n"
        f"Prime Minister of{NBSP}the Kingdom of{NBSP}Norland Erik Lindqvist (retranslated): "
        "Thank you, Mr President, for the invitation.\n\n"
        "Question (retranslated): A question for both leaders, if I may?\n\n"
        "Erik Lindqvist. We discussed gas supplies at length.\n\n"
        "Vladimir Putin: I agree with my colleague on that point.\n"
    )
    got = owners(text)
    assert [g[:2] for g in got] == [
        ("turn", "Vladimir Putin"),
        ("turn", "Erik Lindqvist"),
        ("question", None),
        ("turn", "Erik Lindqvist"),
        ("turn", "Vladimir Putin"),
    ]


def test_an_interpreted_speakers_note_is_not_part_of_their_words():
    text = briefing(
        f"PRIME MINISTER TAKEDA:{NBSP} (As interpreted.){NBSP} We reaffirmed our alliance today, and more.",
        f"Q{NBSP}{NBSP}{NBSP} (As interpreted.) A question on trade, please?",
    )
    assert owners(text)[0] == ("turn", "Takeda", "We reaffirmed our alliance today, and more.")


def test_remark_turns_are_voices_other_than_the_speakers():
    text = (
        "Visit to a factory\n\nVladimir Putin: How many people work here now?\n\n"
        "Remark: About four thousand, and more are coming.\n\nVladimir Putin: Good.\n"
    )
    assert [g[:2] for g in owners(text)][1] == ("question", None)


def test_a_named_interviewer_who_only_asks_is_kept_as_questions():
    answer = "That is a long story, and I will tell it from the start, as we agreed before. " * 3
    text = (
        "Interview\n\n"
        + "\n\n".join(
            [
                f"Lena Morvik: What happened in {year}?\n\nVladimir Putin: {answer}"
                for year in (2001, 2002, 2003)
            ]
        )
        + "\n"
    )
    kinds = {(g[0], g[1]) for g in owners(text)}
    assert kinds == {("question", None), ("turn", "Vladimir Putin")}


def test_label_shaped_lines_of_ordinary_words_are_prose():
    text = (
        "What the plan delivered\n\n"
        "PROMISE MADE: the plan would cut fees. Every promise was made in public.\n\n"
        "PROMISE KEPT: fees fell by half, and the promise was kept, as made.\n"
    )
    assert [g for g in owners(text) if g[0] in ("turn", "question")] == []


def test_a_headline_shaped_like_a_label_is_the_headline():
    text = (
        "Wang Yi: China Will Not Accept New Tariffs On Its Exports\n\n"
        "Beijing's top diplomat spoke to reporters on Monday about the trade dispute.\n"
    )
    assert [g for g in owners(text) if g[0] == "turn"] == []


def test_after_a_texts_only_label_the_narration_that_names_the_speaker_is_nobodys():
    text = (
        "Ministers met in Vienna on Monday to discuss the grain deal and its future.\n\n"
        "Wang Yi: We want the deal to continue for another year at least.\n\n"
        "Wang Yi later left Vienna for Berlin, where he met the chancellor.\n"
    )
    assert [g[2] for g in owners(text) if g[0] == "turn"] == [
        "We want the deal to continue for another year at least."
    ]


def test_a_transcript_quoted_in_a_report_keeps_its_labels():
    text = (
        "The senator spoke to a radio host on Sunday. Partial transcript as follows:\n\n"
        '"HOST: Will you vote for the bill this week, Senator?\n\n'
        '"SENATOR DALE: I will vote for it, and I will tell you why on the floor.\n\n'
        '"HOST: Thank you, Senator.\n'
    )
    got = [g[:2] for g in owners(text)]
    assert got == [("question", None), ("turn", "Dale"), ("question", None)]


def test_a_hearings_labels_end_in_a_full_stop_after_a_surname_in_capitals():
    text = (
        "Hearing on Rural Water\n\n"
        "Hon. Dana Whitcomb [chairwoman of the committee] presiding.\n\n"
        "The CHAIRWOMAN. The committee will come to order. Chairwoman Whitcomb thanks the witnesses.\n\n"
        "Mr. OKAFOR. Thank you, Madam Chair. I want to hear about the wells.\n\n"
        "Ms. LINDQVIST. My district has three towns without safe water.\n\n"
        "Mr. OKAFOR. How long have they waited?\n"
    )
    assert [(v[1], v[2][:12]) for v in owners(text)] == [
        ("Dana Whitcomb", "The committe"),
        ("Okafor", "Thank you, M"),
        ("Lindqvist", "My district "),
        ("Okafor", "How long hav"),
    ]


def test_one_capitalised_name_and_a_full_stop_is_no_hearing():
    text = "Budget Talks\n\nThe ministers met in Rome.\n\nMr. ROSSI. He said the talks went well.\n"
    assert all(v[0] != "turn" for v in owners(text))


def test_a_parliaments_labels_carry_constituency_and_party_and_the_office_names_its_holder():
    text = (
        "Questions to the Prime Minister\n\n"
        "Tunde Adeyemi (Northfield) (Lab): Will the Prime Minister list his engagements?\n\n"
        "The Prime Minister (Alan Fairbrother): This morning I met ministerial colleagues.\n\n"
        "Ngozi Balogun (East Harrow) (Con): Where is the growth he promised?\n\n"
        "The Prime Minister: The figures out this morning show it.\n"
    )
    assert [v[1] for v in owners(text)] == [
        "Tunde Adeyemi",
        "Alan Fairbrother",
        "Ngozi Balogun",
        "Alan Fairbrother",
    ]


def test_a_newspapers_name_before_a_headline_is_no_office():
    text = (
        "What They Are Reading\n\n"
        "The Lakeside News: Thousands in the county eligible for relief\n\n"
        "The Valley Times: Families welcome the new plan\n"
    )
    assert owners(text) == []


def test_a_colon_inside_a_labels_brackets_does_not_end_the_label():
    text = (
        "Questions without Notice\n\n"
        "Mr HARGREAVE (Dunmore—Leader of the Opposition) (14:01): Why are families in every town "
        "paying more for bread and milk this winter than they did last year?\n\n"
        "Mr OYELARAN (Calder—Prime Minister) (14:02): I thank the member for his question. Prices have "
        "fallen every quarter this year, and wages are rising.\n"
    )
    assert [(v[1], v[2][:8]) for v in owners(text)] == [("Hargreave", "Why are "), ("Oyelaran", "I thank ")]


def test_a_role_after_a_comma_in_a_label_is_a_note_not_part_of_the_name():
    text = (
        "Weekly Media Briefing by the Official Spokesperson\n\n"
        "Shri Arvind Kulkarni, Official Spokesperson: Good afternoon. I have two announcements today.\n\n"
        "Shri Arvind Kulkarni, Official Spokesperson: The visit will take place next month.\n"
    )
    assert {v[1] for v in owners(text)} == {"Arvind Kulkarni"}


def test_a_name_that_only_labels_questions_in_a_briefing_is_a_reporters_question():
    text = (
        "Weekly Media Briefing by the Official Spokesperson\n\n"
        "Shri Arvind Kulkarni, Official Spokesperson: Good afternoon. I have two announcements today.\n\n"
        "Sidharth: Sir, on the visit of the minister, can you share the dates?\n\n"
        "Shri Arvind Kulkarni, Official Spokesperson: The dates are being worked out; we will share them.\n"
    )
    assert [(v[0], v[1]) for v in owners(text)] == [
        ("turn", "Arvind Kulkarni"),
        ("question", None),
        ("turn", "Arvind Kulkarni"),
    ]


def test_a_sentence_with_commas_before_a_colon_is_no_label_with_a_role():
    text = (
        "Bill Signed: H.R. 77\n\n"
        "On Wednesday, May 26, 2021, the President signed into law:\n\n"
        "H.R. 77, the Clean Harbours Act.\n"
    )
    assert owners(text) == []


def test_the_answers_of_a_q_and_a_interview_are_the_guests_the_introduction_names():
    text = (
        "Interview: the budget\n\n"
        "Finance Minister Lena Horvath spoke to our reporter on Monday about the new budget.\n\n"
        "Q: Why did you cut the housing programme?\n\n"
        "A: We did not cut it. We moved the money to a new fund that builds faster.\n\n"
        "Q: Critics say the fund has no rules yet.\n\n"
        "A: The rules will be published next week.\n"
    )
    assert [(v[0], v[1]) for v in owners(text)] == [
        ("question", None),
        ("turn", "Lena Horvath"),
        ("question", None),
        ("turn", "Lena Horvath"),
    ]


def test_a_role_label_is_the_person_the_introduction_names_with_that_role_after_a_comma():
    text = (
        "Daily Press Briefing\n\n"
        "The following is a transcript of today's briefing by Tomas Aalto, "
        "Spokesman for the Secretary-General.\n\n"
        "Spokesman: Good afternoon. I will start with the floods.\n\n"
        "Question: Has the Secretary-General spoken to the President?\n\n"
        "Spokesman: He has not, but his envoy has.\n"
    )
    assert [v[1] for v in owners(text) if v[0] == "turn"] == ["Tomas Aalto", "Tomas Aalto"]


def test_a_headline_in_title_case_after_a_role_names_no_holder():
    text = (
        "Background Press Call by a Senior Administration Official Regarding Harbour Attacks\n\n"
        "MODERATOR: Thanks, everyone. This call is on background.\n\n"
        "SENIOR ADMINISTRATION OFFICIAL: Thanks, everybody, for joining this call.\n\n"
        "Q: What do you know about the attackers?\n\n"
        "SENIOR ADMINISTRATION OFFICIAL: Very little so far, and we will say more when we can.\n"
    )
    assert {v[1] for v in owners(text) if v[0] == "turn"} == {"Senior Administration Official"}


def test_a_three_word_name_that_starts_with_a_given_name_keeps_all_three_words():
    text = (
        "Debate on the floods\n\n"
        "Hana Jalloul Muro: Madam President, the aid came too late for the villages.\n\n"
        "Marta Lindgren: We sent what we had, and we will send more.\n"
    )
    assert [v[1] for v in owners(text)] == ["Hana Jalloul Muro", "Marta Lindgren"]
