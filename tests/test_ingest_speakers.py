"""One speaker for every form of a name: aliases, initials, transliterations, one-letter misspellings."""

from __future__ import annotations

from statements.ingest import KnownSpeaker, read_document
from statements.ingest.speakers import SpeakerBook

KNOWN = [
    KnownSpeaker("Sergey Ryabkov", ("Sergei Ryabkov", "Ryabkov"), "Deputy Foreign Minister of Russia"),
    KnownSpeaker("Volodymyr Zelensky", ("Zelenskyy", "Zelenskiy", "Zelensky"), "President of Ukraine"),
    KnownSpeaker("Ursula von der Leyen", ("von der Leyen",), "President of the European Commission"),
]


def test_alias_maps_to_canonical_name():
    assert SpeakerBook(KNOWN).resolve("Sergei Ryabkov") == "Sergey Ryabkov"


def test_surname_alone_maps_to_known_speaker():
    assert SpeakerBook(KNOWN).resolve("Zelenskyy") == "Volodymyr Zelensky"


def test_initials_map_to_known_speaker():
    assert SpeakerBook(KNOWN).resolve("S.A. Ryabkov") == "Sergey Ryabkov"


def test_one_letter_swap_is_the_same_speaker():
    assert SpeakerBook(KNOWN).resolve("Sergey Ryakbov") == "Sergey Ryabkov"


def test_one_letter_slip_in_a_new_name_joins_its_earlier_form():
    book = SpeakerBook()
    assert book.resolve("Tomasz Wierzba") == "Tomasz Wierzba"
    assert book.resolve("Wierzbba") == "Tomasz Wierzba"


def test_different_first_name_is_a_different_person():
    book = SpeakerBook(KNOWN)
    assert book.resolve("Olena Zelensky") != "Volodymyr Zelensky"


def test_name_with_particles():
    assert SpeakerBook(KNOWN).resolve("Ursula von der Leyen") == "Ursula von der Leyen"


def test_places_and_bodies_are_not_people():
    book = SpeakerBook(KNOWN)
    assert book.resolve("United States") is None
    assert book.resolve("European Commission") is None


def test_document_lists_speakers_with_the_forms_seen():
    text = "Sergei Ryabkov said that talks were frozen. Ryakbov added that nothing would change soon.\n"
    doc = read_document(text, file_name="t.txt", known_speakers=KNOWN)
    assert [s.name for s in doc.speakers] == ["Sergey Ryabkov"]
    assert "Ryakbov" in doc.speakers[0].aliases
    assert doc.speakers[0].role == "Deputy Foreign Minister of Russia"


def test_people_only_mentioned_are_not_listed_as_speakers():
    text = "Ryabkov said that Zelensky had not replied to the letter.\n"
    doc = read_document(text, file_name="t.txt", known_speakers=KNOWN)
    assert [s.name for s in doc.speakers] == ["Sergey Ryabkov"]


def test_a_run_of_name_particles_alone_names_nobody():
    text = "The report was signed by De La and the committee said the plan would go ahead.\n"
    doc = read_document(text, file_name="t.txt")
    assert doc.speakers == []


def test_a_place_is_not_taken_for_a_new_person():
    text = "Voters in New Hampshire said that the primary was close, and the polls agreed.\n"
    assert read_document(text, file_name="t.txt").speakers == []


def test_a_sentences_first_word_before_a_name_is_not_part_of_it():
    text = "Despite Ingrid Solberg said that the vote would be close, the party won easily.\n"
    doc = read_document(text, file_name="t.txt")
    assert [s.name for s in doc.speakers] == ["Ingrid Solberg"]


def test_a_first_name_must_agree_with_a_known_speakers_not_only_its_initial():
    known = [KnownSpeaker("Joe Biden", ("Biden",), "President")]
    assert SpeakerBook(known).resolve("Jill Biden") == "Jill Biden"
    assert SpeakerBook(known).resolve("J. Biden") == "Joe Biden"


def test_an_alias_made_of_an_initial_does_not_stretch_to_another_first_name():
    known = [KnownSpeaker("Joe Biden", ("J. Biden", "Joseph R. Biden"), "President")]
    assert SpeakerBook(known).resolve("Jill Biden") == "Jill Biden"
    assert SpeakerBook(known).resolve("Joseph Biden") == "Joe Biden"


def test_a_newspapers_name_is_not_a_persons_even_where_a_label_vouches_for_it():
    book = SpeakerBook([])
    for outlet in ("Lakeside Chronicle", "Valley Tribune", "Harbour Gazette", "Radio Northfield"):
        assert book.resolve(outlet, allow_new=True, vouched=True) is None, outlet
    assert book.resolve("Ana Ruiz", allow_new=True, vouched=True) == "Ana Ruiz"
