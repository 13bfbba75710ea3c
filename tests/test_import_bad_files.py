"""import_statements against bad files: each is read correctly or reported by name with a reason.

The cases already covered elsewhere: a PNG, an empty file and Latin-1 in one run
with a good file, the same text under two names, and a changed file under the
same name (test_import_command.py); decoding UTF-8 and UTF-16 with a byte-order
mark and offsets under any line end (test_ingest_text.py); reading time on long
and hostile input (test_ingest_scale.py, test_ingest_regex_time.py). This file
covers the rest of the list, each through the real command and database.
"""

from __future__ import annotations

import codecs
import os
import random
import re

import pytest
from django.db import connection

from statements.importing import Loader, reconcile
from statements.models import Document, Passage, PassageTopic, Speaker
from tests.conftest import TRANSCRIPT

pytestmark = pytest.mark.django_db


def skipped_line(err: str, name: str) -> str:
    """The summary line that reports ``name`` as skipped (fails the test when there is none)."""
    lines = [line for line in err.splitlines() if "skipped" in line and name in line]
    assert lines, f"{name} is not reported as skipped in:\n{err}"
    return lines[0]


def import_bytes(tmp_path, import_files, name: str, data: bytes) -> int:
    path = tmp_path / name
    path.write_bytes(data)
    return import_files(path)


def passages_of(file_name: str) -> list[str]:
    return list(
        Passage.objects.filter(document__file_name=file_name)
        .order_by("position")
        .values_list("text", flat=True)
    )


# Empty, binary, and text that is not UTF-8: refused with the reason and the way out.


def test_whitespace_only_file_is_reported_as_holding_only_white_space(tmp_path, import_files, capsys):
    assert import_bytes(tmp_path, import_files, "blank.txt", b" \r\n\t\n\xc2\xa0\n") == 1
    assert "only white space" in skipped_line(capsys.readouterr().err, "blank.txt")
    assert Document.objects.count() == 0


def test_random_binary_without_a_signature_is_reported_as_binary(tmp_path, import_files, capsys):
    data = random.Random(7).randbytes(20_000)
    assert import_bytes(tmp_path, import_files, "blob.txt", data) == 1
    assert "binary" in skipped_line(capsys.readouterr().err, "blob.txt")


def test_a_word_document_is_named_and_the_way_out_given(tmp_path, import_files, capsys):
    assert import_bytes(tmp_path, import_files, "speech.txt", b"PK\x03\x04\x14\x00\x06\x00" + b"x" * 200) == 1
    line = skipped_line(capsys.readouterr().err, "speech.txt")
    assert ".docx" in line and "plain text" in line


def test_invalid_utf8_after_valid_utf8_is_reported_with_its_offset(tmp_path, import_files, capsys):
    good = "Question: Où?\n\nHelga Brandt: Genève.\n".encode()
    assert import_bytes(tmp_path, import_files, "broken.txt", good + b"\xc3\x28 and more\n") == 1
    line = skipped_line(capsys.readouterr().err, "broken.txt")
    assert "not UTF-8" in line and f"byte {len(good)}" in line and "damaged or mixes encodings" in line


def test_windows_1251_text_is_refused_by_name_with_the_iconv_command(tmp_path, import_files, capsys):
    text = "Вопрос: Что дальше?\n\nСергей Лавров: Мы готовы к переговорам, но Запад не слушает.\n"
    assert import_bytes(tmp_path, import_files, "lavrov.txt", text.encode("cp1251")) == 1
    line = skipped_line(capsys.readouterr().err, "lavrov.txt")
    assert "Windows-1251" in line and "iconv -f WINDOWS-1251 -t UTF-8" in line


def test_latin1_text_is_refused_by_name_with_the_iconv_command(tmp_path, import_files, capsys):
    text = "Question: Où est la réunion?\n\nHelga Brandt: À Genève, après l'été. Grüße.\n"
    assert import_bytes(tmp_path, import_files, "latin.txt", text.encode("latin-1")) == 1
    line = skipped_line(capsys.readouterr().err, "latin.txt")
    assert "Latin-1" in line and "iconv -f WINDOWS-1252 -t UTF-8" in line


def test_utf16_without_a_byte_order_mark_is_named(tmp_path, import_files, capsys):
    assert import_bytes(tmp_path, import_files, "wide.txt", TRANSCRIPT.encode("utf-16-le")) == 1
    assert "UTF-16LE" in skipped_line(capsys.readouterr().err, "wide.txt")


# Read correctly: byte-order marks, NUL bytes, line ends, Unicode beyond Latin.


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_read_like_utf8(tmp_path, import_files, encoding):
    import_bytes(tmp_path, import_files, "plain.txt", TRANSCRIPT.encode())
    expected = passages_of("plain.txt")
    Document.objects.all().delete()
    bom = {"utf-16-be": codecs.BOM_UTF16_BE, "utf-32": b""}.get(encoding, b"")
    assert import_bytes(tmp_path, import_files, "wide.txt", bom + TRANSCRIPT.encode(encoding)) == 0
    assert passages_of("wide.txt") == expected
    assert Document.objects.get().text == TRANSCRIPT


def test_a_utf8_byte_order_mark_is_stripped(tmp_path, import_files):
    assert import_bytes(tmp_path, import_files, "bom.txt", codecs.BOM_UTF8 + TRANSCRIPT.encode()) == 0
    document = Document.objects.get()
    assert document.text == TRANSCRIPT
    assert document.title == "Minister's answers to questions from the press"


def test_nul_bytes_are_replaced_so_the_database_accepts_the_file(tmp_path, import_files):
    data = TRANSCRIPT.replace("frank exchange", "frank\x00exchange").encode()
    assert import_bytes(tmp_path, import_files, "nul.txt", data) == 0
    document = Document.objects.get()
    assert "\x00" not in document.text and "frank\ufffdexchange" in document.text
    assert len(document.text) == len(TRANSCRIPT), "offsets into the file stay as they were"
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM statements_passage WHERE position(chr(65533) in text) > 0")
        assert cursor.fetchone()[0] == 1


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_crlf_and_lone_cr_give_the_same_passages_as_lf(tmp_path, import_files, newline):
    import_bytes(tmp_path, import_files, "unix.txt", TRANSCRIPT.encode())
    expected = passages_of("unix.txt")
    other = TRANSCRIPT.replace("\n", newline)
    assert import_bytes(tmp_path, import_files, "other.txt", other.encode()) == 0
    assert passages_of("other.txt") == expected
    assert not any("\r" in text for text in passages_of("other.txt"))
    document = Document.objects.get(file_name="other.txt")
    for passage in document.passages.all():
        assert document.text[passage.start : passage.end] == passage.text


def test_emoji_right_to_left_and_combining_characters_are_kept_exactly(tmp_path, import_files, client):
    said = "Cafe\u0301 talks 🇺🇳🤝 went well; السلام عليكم and שלום, with Z\u0335a\u0336l\u0337g\u0338o."
    text = f"Briefing\n\nQuestion: And the talks?\n\nHelga Brandt: {said}\n"
    assert import_bytes(tmp_path, import_files, "unicode.txt", text.encode()) == 0
    document = Document.objects.get()
    assert document.text == text, "no normalisation: offsets and combining marks stay as written"
    passage = Passage.objects.get(speaker__name="Helga Brandt")
    assert passage.text == said
    page = client.get(f"/q/{passage.public_id}/").content.decode()
    assert said.split(";")[0] in page and "السلام عليكم" in page


def test_html_pasted_as_text_is_stored_as_text_and_shown_escaped(tmp_path, import_files, client):
    said = '<p>We <b>reject</b> the <a href="http://x.test/">claims</a>.</p>'
    text = f"Question: Your answer?\n\nHelga Brandt: {said}\n"
    assert import_bytes(tmp_path, import_files, "pasted.txt", text.encode()) == 0
    passage = Passage.objects.get(speaker__name="Helga Brandt")
    assert passage.text == said, "markup is the speaker's text as far as the archive knows"
    page = client.get(f"/q/{passage.public_id}/").content.decode()
    assert "&lt;b&gt;reject&lt;/b&gt;" in page and "<b>reject</b>" not in page


# Size: 20 MB on one line, 100,000 lines, a 5,000-character label.


def test_twenty_megabytes_on_one_line_are_stored_as_passages_the_index_can_hold(tmp_path, import_files):
    sentence = "We want partners, not rivals, and we say so again. "
    answer = (sentence * (20_000_000 // len(sentence))).strip()
    text = "Question: Anything else?\n\nHelga Brandt: " + answer
    assert import_bytes(tmp_path, import_files, "long.txt", text.encode()) == 0
    document = Document.objects.get()
    assert len(document.text) == len(text)
    pieces = list(document.passages.filter(speaker__name="Helga Brandt").order_by("position"))
    assert len(pieces) > 1000 and max(len(p.text) for p in pieces) <= 10_000
    assert all(p.text.endswith("again.") for p in pieces), "cut at sentence ends"
    assert sum(len(p.text) for p in pieces) + len(pieces) - 1 == len(answer), "nothing lost between pieces"
    assert len({p.group for p in pieces}) == 1, "still one turn"


def test_a_hundred_thousand_lines_are_imported(tmp_path, import_files):
    lines = []
    for i in range(25_000):
        lines += ["Question: Why now?", "", f"Helga Brandt: Because of round {i}.", ""]
    assert len(lines) == 100_000
    assert import_bytes(tmp_path, import_files, "lines.txt", "\n".join(lines).encode()) == 0
    document = Document.objects.get()
    assert document.passages.count() == 50_000
    last = document.passages.order_by("-position").first()
    assert last.text == "Because of round 24999." and last.speaker.name == "Helga Brandt"


@pytest.mark.parametrize(
    "label", ["A" * 5_000, "Aaaa " * 1_000, "Helga " + "Brandt-" * 714], ids=["one-word", "words", "hyphens"]
)
def test_a_five_thousand_character_label_is_not_taken_for_a_speaker(tmp_path, import_files, label):
    text = f"Question: Who?\n\n{label}: something.\n\nHelga Brandt: Nobody at all.\n"
    assert import_bytes(tmp_path, import_files, "label.txt", text.encode()) == 0
    assert max(len(name) for name in Speaker.objects.values_list("name", flat=True)) <= 200
    document = Document.objects.get()
    assert document.text == text
    assert Passage.objects.get(speaker__name="Helga Brandt").text == "Nobody at all."


# Files that cannot be opened, and folders that try to trap the walk.


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="running as root: chmod 000 does not stop root from reading (the FIFO and loop tests still run)",
)
def test_a_file_without_read_permission_is_reported(tmp_path, import_files, capsys):
    path = tmp_path / "secret.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    path.chmod(0)
    try:
        assert import_files(path) == 1
    finally:
        path.chmod(0o600)
    assert "Permission denied" in skipped_line(capsys.readouterr().err, "secret.txt")


def test_a_named_pipe_is_reported_and_never_opened(tmp_path, import_files, write_text, capsys):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would block for ever
    write_text("good.txt", TRANSCRIPT)
    assert import_files(tmp_path) == 1
    assert "named pipe" in skipped_line(capsys.readouterr().err, "pipe.txt")
    assert Document.objects.filter(file_name="good.txt").exists()


def test_a_folder_that_is_named_as_a_file_glob_is_walked(tmp_path, import_files, write_text):
    write_text("inner/one.txt", TRANSCRIPT)
    assert import_files(str(tmp_path / "inn*")) == 0
    assert Document.objects.filter(file_name="one.txt").exists()


def test_symlink_loops_in_a_folder_are_reported_and_the_rest_loads(
    tmp_path, import_files, write_text, capsys
):
    folder = tmp_path / "batch"
    write_text("good.txt", TRANSCRIPT, folder)
    (folder / "self.txt").symlink_to("self.txt")
    (folder / "ping.txt").symlink_to("pong.txt")
    (folder / "pong.txt").symlink_to("ping.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    assert import_files(folder) == 1
    err = capsys.readouterr().err
    for name in ("self.txt", "ping.txt", "pong.txt"):
        assert "symbolic link loop" in skipped_line(err, name)
    assert "links to folders are not followed" in skipped_line(err, "up")
    assert "broken symbolic link" in skipped_line(err, "dangling.txt")
    assert list(Document.objects.values_list("file_name", flat=True)) == ["good.txt"]


def test_two_links_to_one_file_import_it_once(tmp_path, import_files, write_text):
    folder = tmp_path / "batch"
    write_text("real.txt", TRANSCRIPT, folder)
    (folder / "alias.txt").symlink_to("real.txt")
    assert import_files(folder) == 0
    assert Document.objects.count() == 1


# One run, many files: the others load, the exit status tells, nothing half-stored.


def test_every_bad_file_is_reported_and_every_good_one_loads_in_one_run(
    tmp_path, import_files, write_text, capsys
):
    bad = {
        "empty.txt": b"",
        "blank.txt": b"\n \n",
        "cyrillic.txt": "Сергей Лавров: Мы готовы.\n".encode("cp1251"),
        "scan.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        "noise.bin": random.Random(3).randbytes(4_000),
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    write_text("good-1.txt", TRANSCRIPT)
    write_text("good-2.txt", TRANSCRIPT.replace("Helga Brandt", "Ines Ortiz"))
    assert import_files(tmp_path) == 1, "the exit status says that not all files were imported"
    err = capsys.readouterr().err
    for name in bad:
        skipped_line(err, name)
    assert sorted(Document.objects.values_list("file_name", flat=True)) == ["good-1.txt", "good-2.txt"]


def test_the_exit_status_is_zero_when_every_file_is_imported(tmp_path, import_files, write_text):
    write_text("a.txt", TRANSCRIPT)
    write_text("b.txt", TRANSCRIPT.replace("Helga Brandt", "Ines Ortiz"))
    assert import_files(tmp_path) == 0


@pytest.fixture
def rejected_topic_row(monkeypatch):
    """Make the loader write one topic row that the database refuses, after the passages are written.

    The row names a topic id that does not exist: PostgreSQL's foreign key check
    refuses it when the file's transaction commits, so everything the file wrote
    before must be rolled back with it.
    """
    original = Loader.create_documents

    def create_then_write_a_bad_row(self, files):
        results = original(self, files)
        grain = Passage.objects.filter(text__contains="Grain").first()
        if grain is not None:
            PassageTopic.objects.create(passage=grain, topic_id=987_654_321)
        return results

    monkeypatch.setattr(Loader, "create_documents", create_then_write_a_bad_row)


@pytest.mark.django_db(transaction=True)  # each file's transaction really commits, or not
def test_a_file_the_database_rejects_midway_leaves_nothing_behind(
    tmp_path, import_files, write_text, rejected_topic_row, capsys
):
    write_text("bad.txt", TRANSCRIPT.replace("grain exports", "Grain exports"))
    write_text("good.txt", TRANSCRIPT.replace("Helga Brandt", "Ines Ortiz"))
    assert import_files(tmp_path) == 1
    line = skipped_line(capsys.readouterr().err, "bad.txt")
    assert re.search(r"IntegrityError|foreign key", line), line
    assert list(Document.objects.values_list("file_name", flat=True)) == ["good.txt"]
    assert not Passage.objects.filter(text__contains="Grain").exists()
    assert not Speaker.objects.filter(name="Helga Brandt").exists(), (
        "a speaker first seen in the file goes too"
    )
    assert Speaker.objects.filter(name="Ines Ortiz").exists()


@pytest.mark.django_db(transaction=True)
def test_a_failed_reimport_keeps_the_previous_version_whole(
    tmp_path, import_files, write_text, monkeypatch, capsys
):
    path = write_text("briefing.txt", TRANSCRIPT)
    import_files(path)
    before = list(Passage.objects.order_by("pk").values_list("pk", "public_id", "text"))
    write_text("briefing.txt", TRANSCRIPT.replace("grain exports", "Grain exports and fertiliser"))
    original = reconcile._tag

    def tag_then_write_a_bad_row(pairs, topic_ids):
        original(pairs, topic_ids)
        PassageTopic.objects.create(passage_id=pairs[0][0].pk, topic_id=987_654_321)

    monkeypatch.setattr(reconcile, "_tag", tag_then_write_a_bad_row)
    assert import_files(path) == 1
    skipped_line(capsys.readouterr().err, "briefing.txt")
    assert list(Passage.objects.order_by("pk").values_list("pk", "public_id", "text")) == before
    assert Document.objects.get().text == TRANSCRIPT
