"""Speaker labels at the start of a paragraph, and what kind of voice each one names.

Transcripts mark turns in many ways: ``MR. SULLIVAN:``, ``PRESIDENT BIDEN:``,
``President of Russia Vladimir Putin:``, ``Sebastian Kurz (retranslated):``,
``SENIOR ADMINISTRATION OFFICIAL ONE:``, ``Q`` followed by spaces, ``Question:``,
``Remark:``, ``MODERATOR:``. This module only reads the shape of one label and
sorts its words into honorifics, titles and a name; whether a label is really a
label is decided for the whole document at once (see turns.py), from the
document's own evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from statements.ingest.folding import fold_word
from statements.ingest.paragraphs import Paragraph, strip_span
from statements.ingest.speakers import edit_distance_at_most_one
from statements.ingest.wordlists import (
    ANONYMOUS_VOICE_WORDS,
    HONORIFICS,
    HOST_WORDS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NON_NAME_WORDS,
    NON_SPEAKER_LABELS,
    ORDINAL_WORDS,
    ORIGIN_WORDS,
    ROLE_NOUNS,
    TITLE_WORDS,
)

#: Longest text before a label's colon ("Federal Chancellor of the Republic of Austria Sebastian Kurz").
MAX_LABEL = 110
#: Most words in a label.
MAX_LABEL_WORDS = 14
_BLANKS = " \t\u00a0\u2002\u2003\u2009\u202f"
#: Notes in brackets a label may carry before its colon: a constituency and a party, say.
_MOST_NOTES = 3
_NOTE = re.compile(r"(?<![ \t\u00a0])[ \t\u00a0]*+[(\[][^()\[\]\n]{0,60}[)\]]")
#: A note that opens a turn's words: "(As interpreted.)".
_OPENING_NOTE = re.compile(r"[(\[][^()\[\]\n]{0,60}[)\]]")
#: A label's words: capitalised words, initials, upper-case words, "#2", connecting words.
_LABEL_TOKEN = re.compile(r"#?\d+|[^\W\d_](?:[\w’'\-]|\.(?=[^\W\d_]))*\.?")
_CONNECTORS = frozenset(
    "of the for and on at to in de da di du del von van der den la le al bin ibn el y".split()
)
#: The White House question mark: "Q" and spaces (often no-break ones), perhaps a colon.
_Q_MARK = re.compile(r"Q(?::|\.)?(?=[ \t\u00a0])")
#: A congressional record's label: a form of address or title, a surname in capitals, a full stop.
#: "Mr. PALLONE.", "The CHAIRMAN.", "Senator SANDERS.", "Mr. GARCIA of California."
_STOP_LABEL = re.compile(
    r"((?:[A-Z][a-z]+\.?[ \u00a0]+){1,2}[A-Z][A-Z’'\-]+(?:[ \u00a0]+[A-Z][A-Z’'\-]+)?"
    r"(?:[ \u00a0]+of[ \u00a0]+[A-Z][a-z]+(?:[ \u00a0]+[A-Z][a-z]+)?)?)\.[ \u00a0]+(?=[A-Z“\"(])"
)
_AFTER_COLON = frozenset(" \t\u00a0“\"«”‘'—–-(")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A paragraph that opens like a label: its words as written, where its body starts.

    ``strong`` is true when the shape alone is hard to mistake: a colon after a
    ``Q``, no-break spaces after it, or a form written in capitals.
    """

    form: str
    body_start: int
    q_mark: bool = False
    strong: bool = False
    note: str = ""
    #: The label opens a quotation (a transcript quoted in a report).
    quoted: bool = False
    #: A hearing's label ends in a full stop: "Mr. PALLONE. Thank you, Mr. Chairman."
    stopped: bool = False


def candidate_at(text: str, para: Paragraph) -> Candidate | None:
    """The label-shaped opening of ``para``: a ``Q`` mark or a few label words before a colon."""
    start, end = para.start, para.end
    q = _Q_MARK.match(text, start, end)
    if q is not None:
        gap_end = q.end()
        while gap_end < end and text[gap_end] in _BLANKS:
            gap_end += 1
        gap = text[q.end() : gap_end]
        opening = text[gap_end] if gap_end < end else ""
        if opening and (opening.isupper() or opening.isdigit() or opening in "—–-(“\"‘'["):
            strong = q.group() != "Q" or "\u00a0" in gap or len(gap) >= 2
            return Candidate("Q", _skip_note(text, gap_end, end), q_mark=True, strong=strong)
        return None
    stopped = _STOP_LABEL.match(text, start, end)
    if stopped is not None:
        body_start, _ = strip_span(text, stopped.end(), end)
        return Candidate(stopped.group(1), body_start, strong=True, stopped=True)
    quoted = text[start] in '“"' and start + 1 < end and text[start + 1].isupper()
    if quoted:
        start += 1  # a transcript quoted in a report: "PENCE: Well, look, ..."
    colon = _label_colon(text, start, min(end, start + MAX_LABEL + 1))
    if colon <= start:
        return None
    if colon + 1 < end and text[colon + 1] not in _AFTER_COLON:
        return None
    raw_end = colon
    note = ""
    # "Sarah Olney (Richmond Park) (LD):": every note before the colon; the first one is kept
    for _ in range(_MOST_NOTES):
        note_match = _last_note(text, start, raw_end)
        if note_match is None:
            break
        raw_end = note_match[0]
        note = text[note_match[0] : note_match[1]].strip(_BLANKS + "()[]")
    form = text[start:raw_end].strip(_BLANKS)
    head, comma, role = form.partition(",")
    # a transcript's turn, not a roundup's "Name, Title: “quoted words”" (a quotation credited)
    if comma and _is_role(role) and text[strip_span(text, colon + 1, end)[0]] not in '“"‘«':
        # "Randhir Jaiswal, Official Spokesperson:": the role is a note
        form, note = head.strip(_BLANKS), note or role.strip(_BLANKS)
    if not form or not _label_shaped(form):
        return None
    body_start, _ = strip_span(text, colon + 1, end)
    return Candidate(form, _skip_note(text, body_start, end), strong=form.isupper(), note=note, quoted=quoted)


def _label_colon(text: str, start: int, limit: int) -> int:
    """The first colon outside brackets: "Mr DUTTON (Dickson—Leader of the Opposition) (14:01):"."""
    colon = text.find(":", start, limit)
    while colon > start and text.count("(", start, colon) > text.count(")", start, colon):
        colon = text.find(":", colon + 1, limit)
    return colon


def _is_role(words: str) -> bool:
    """A role after a comma in a label: capitalised words holding an office or a role noun."""
    words = words.strip(_BLANKS)
    if not words or any(ch.isdigit() for ch in words) or not _label_shaped(words):
        return False
    tokens = _LABEL_TOKEN.findall(words)
    return len(tokens) <= 8 and any(_in(t, OFFICE_WORDS) or _in(t, ROLE_NOUNS) for t in tokens)


def stop_label_at(text: str, para: Paragraph, forms: set[str]) -> Candidate | None:
    """ "Sebastian Kurz. Thank you": a full stop for a colon, after a form the document labels with."""
    dot = text.find(". ", para.start, min(para.end, para.start + MAX_LABEL + 1))
    if dot <= para.start:
        return None
    form = text[para.start : dot].strip(_BLANKS)
    if form not in forms:
        return None
    body_start, _ = strip_span(text, dot + 1, para.end)
    return Candidate(form, body_start)


def _last_note(text: str, start: int, colon: int) -> tuple[int, int] | None:
    """The bracketed note right before the colon: "(retranslated)", "(via interpreter)"."""
    for match in _NOTE.finditer(text, start, colon):
        if match.end() == colon:
            return match.start(), match.end()
    return None


def _skip_note(text: str, pos: int, end: int) -> int:
    """Past a note that opens the body ("(As interpreted.)"): it is the transcriber's, not the speaker's."""
    match = _OPENING_NOTE.match(text, pos, end)
    if match is None or match.end() >= end:
        return pos
    return strip_span(text, match.end(), end)[0]


def _label_shaped(form: str) -> bool:
    """Label words only: capitalised or upper-case words, initials, numbers, a few connecting words."""
    if "\n" in form or "\r" in form or "," in form or ";" in form or not form[0].isalpha():
        return False
    tokens = _LABEL_TOKEN.findall(form)
    if not tokens or len(tokens) > MAX_LABEL_WORDS:
        return False
    if len("".join(tokens)) < len(re.sub(r"[\s\u00a0]", "", form)) - 1:
        return False
    capitalised = 0
    for token in tokens:
        if token[0].isupper() or token[0] in "#" or token[0].isdigit():
            capitalised += 1
        elif fold_word(token) not in _CONNECTORS:
            return False
    return capitalised >= 1 and tokens[0][0].isupper()


# -- the words of a label ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LabelWords:
    """A label's words sorted out: what voice it names and, for a person, their name.

    ``voice`` is one of "question" (an interviewer, a reporter, the audience),
    "host" (a moderator or operator: nobody's statement), "office" ("THE
    PRESIDENT": whoever holds it here), "anonymous" ("SENIOR ADMINISTRATION
    OFFICIAL ONE"), "person", or "none" (not a label: "Source:", "On Iran:").
    """

    voice: str
    titles: tuple[str, ...] = ()
    name: tuple[str, ...] = ()
    honorific: bool = False

    @property
    def titled(self) -> bool:
        """Whether an office stands before the name ("GOVERNOR STEIN"), not only a place ("South")."""
        return any(fold_word(w).rstrip(".") in OFFICE_WORDS for w in self.titles)


#: Title words that are offices or ranks, not the small words that join them.
OFFICE_WORDS = TITLE_WORDS - _CONNECTORS - frozenset("his her their its".split())


def words_of(form: str) -> list[str]:
    """A label's tokens without trailing full stops ("MR." gives "MR")."""
    return [t.rstrip(".") if len(t) > 1 and not _is_initial(t) else t for t in _LABEL_TOKEN.findall(form)]


def _is_initial(token: str) -> bool:
    return bool(re.fullmatch(r"(?:[^\W\d_]\.)+", token))


def _in(word: str, vocabulary: frozenset[str]) -> bool:
    """Whether ``word`` is in ``vocabulary``, allowing one slip in a long word ("Audiencce")."""
    low = fold_word(word).rstrip(".")
    if low in vocabulary:
        return True
    if len(low) < 6:
        return False
    return _one_slip_from(low, vocabulary)


@lru_cache(maxsize=50_000)
def _one_slip_from(low: str, vocabulary: frozenset[str]) -> bool:
    """Whether a long word is one slip from a word of ``vocabulary``; each word is tried once a run."""
    return any(
        abs(len(v) - len(low)) <= 1 and edit_distance_at_most_one(low, v) for v in vocabulary if len(v) >= 6
    )


def _title_like(word: str) -> bool:
    low = fold_word(word)
    return (
        low in HONORIFICS
        or low in _CONNECTORS
        or low in ORIGIN_WORDS
        or (low in NON_NAME_WORDS and low not in NAME_PARTICLES)
        or _in(word, TITLE_WORDS)
        or _in(word, HOST_WORDS)
        or _in(word, ROLE_NOUNS)
    )


def sort_words(form: str) -> LabelWords:
    """Which voice a label names, its titles and its name words (see ``LabelWords``).

    The name is the run of words at the end that are neither titles, honorifics,
    places nor bodies: "President of Russia Vladimir Putin" has the name
    "Vladimir Putin"; which part of a longer run is the name is for the caller.
    """
    words = words_of(form)
    if not words:
        return LabelWords("host")
    if form == "Q" or (_in(words[0], ANONYMOUS_VOICE_WORDS) and len(words) <= 3):
        return LabelWords("question")
    if fold_word(words[0]) in NON_SPEAKER_LABELS and len(words) <= 2:
        return LabelWords("none")
    while len(words) > 1 and fold_word(words[-1]) in NAME_SUFFIXES:
        words = words[:-1]
    split = len(words)
    while split > 0 and not _title_like(words[split - 1]):
        split -= 1
    while split < len(words) and fold_word(words[split]) in NAME_PARTICLES:
        split += 1
    titles, name = tuple(words[:split]), tuple(words[split:])
    honorific = any(fold_word(w) in HONORIFICS for w in titles)
    if name and all(fold_word(w) in ORDINAL_WORDS or w.startswith("#") or w.isdigit() for w in name):
        titles, name = titles + name, ()
    if name:
        return LabelWords("person", titles, name, honorific)
    if any(_in(w, HOST_WORDS) for w in titles) and not honorific:
        return LabelWords("host", titles)
    if fold_word(titles[0]) == "the" and any(fold_word(w).rstrip(".") in OFFICE_WORDS for w in titles[1:]):
        return LabelWords("office", titles[1:])  # "THE PRESIDENT", not "The Detroit News"
    if any(_in(w, ROLE_NOUNS) for w in titles):
        return LabelWords("anonymous", titles)
    return LabelWords("none", titles)


def display(words: tuple[str, ...] | list[str]) -> str:
    """Words as a name is written: "JEAN-PIERRE" becomes "Jean-Pierre", "McCarthy" stays."""
    out = []
    for word in words:
        if word.isupper() and len(word) > 1 and not _is_initial(word) and word.upper() != "II":
            word = "-".join(part.capitalize() for part in word.split("-"))
        out.append(word)
    return " ".join(out)
