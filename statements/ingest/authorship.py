"""Whose words a whole unlabelled document is: the speaker its headline names, or its signatory.

"Remarks by Dr. Liz Sherwood-Randall ...", "Statement from President Joe
Biden on ...", "Foreign Secretary David Lammy's speech at ..." name the one
person whose words follow; a proclamation or a letter that ends with its
signer's name ("JOSEPH R. BIDEN JR.", "Sincerely, ...") is that person's text.
Such a document is read as one stretch of that person's own words, from its
first sentence to its closing mark ("###", "END"); headings before the first
sentence are nobody's. A headline about someone's remarks ("Remarks by X spark
anger") is not their text: the body must speak in the first person.

One module: the headline's name, the signature and the first-person test decide
together whether a text is one person's, each weighing what the others found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from statements.ingest.evidence import Evidence, is_title_word, name_after_titles
from statements.ingest.folding import fold_word
from statements.ingest.given_names import is_given_name
from statements.ingest.labels import display
from statements.ingest.metadata import find_dates
from statements.ingest.noise import is_rule
from statements.ingest.paragraphs import Paragraph
from statements.ingest.quotes import find_quotes
from statements.ingest.speakers import SpeakerBook
from statements.ingest.wordlists import HONORIFICS, NAME_SUFFIXES, NON_NAME_WORDS

_SPOKEN = "remarks|speech|address|keynote|lecture|toast|eulogy|testimony|sermon|briefing"
_WRITTEN = "statement|message|letter|op-ed|declaration|appeal|greetings|proclamation"
_QUALIFIERS = r"(?:(?:opening|closing|keynote|prepared|video|virtual|recorded|written|new\s+year['’]s)\s+)*"
#: "Remarks by X", "Statement from X", "Remarks as Prepared for Delivery by X", and an excerpt
#: or a recording of one ("Excerpt from Remarks ... by X", "Pre-Taped Remarks by X").
_FRAME_BY = re.compile(
    rf"^(?:excerpts?\s+(?:from|of)\s+|[\w\-]+-taped\s+)?{_QUALIFIERS}(?P<frame>{_SPOKEN}|{_WRITTEN})"
    r"(?:\s+as\s+(?:prepared(?:\s+for\s+delivery)?|delivered))?"
    r"\s+(?:by|from|of)\s+(?P<who>[^\n]+)$",
    re.IGNORECASE,
)
#: "Foreign Secretary David Lammy's speech at ...".
_FRAME_OWNER = re.compile(
    rf"^(?:excerpts?\s+(?:from|of)\s+)?(?P<who>[^\n]{{2,80}}?)['’]s\s+"
    rf"(?:state\s+of\s+the\s+union\s+|inaugural\s+|farewell\s+)?{_QUALIFIERS}(?P<frame>{_SPOKEN}|{_WRITTEN})\b",
    re.IGNORECASE,
)
#: "Vice President Kamala Harris Statement on the April Jobs Report": a name before the frame word.
_FRAME_AFTER_NAME = re.compile(
    rf"^(?P<who>[^\n]{{2,80}}?)\s+{_QUALIFIERS}(?P<frame>{_SPOKEN}|{_WRITTEN})\s+(?:on|at|to|for|in|marking)\s",
    re.IGNORECASE,
)
#: Where the speaker's part of a headline ends: "... on Countering Bioterrorism", "..., May 3".
_WHO_END = re.compile(
    r"[,:;–—(]|\s(?:on|at|to|in|for|during|before|after|regarding|about|with|upon|following|marking"
    r"|celebrating|honoring|honouring|commemorating|announcing|as|ahead|concerning)\s",
)
_SPOKEN_FRAMES = frozenset(_SPOKEN.split("|"))
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|ll|d)|[Mm]y|[Ww]e|[Ww]e['’](?:re|ve|ll)|[Oo]ur|[Uu]s)\b")
_SIGN_OFF = re.compile(
    r"(?:sincerely|respectfully|yours|with\s+(?:best|kind|warm)\s+regards|regards)\b", re.I
)
_NAME_LINE = re.compile(
    r"^(?:[^\W\d_][\w’'\-]*\.?|[^\W\d_]\.)(?:[ \u00a0]+(?:[^\W\d_][\w’'\-]*\.?|[^\W\d_]\.)){1,4},?$"
)
_INITIAL = re.compile(r"(?:[^\W\d_]\.)+")
#: "I, JOSEPH R. BIDEN JR., President of the United States": an author naming themselves.
_I_NAME = re.compile(
    r"\bI,[ \u00a0]+(?P<name>(?:[A-Z][\w’'\-]*\.?|[A-Z]\.)(?:[ \u00a0]+(?:[A-Z][\w’'\-]*\.?|[A-Z]\.)){1,4}),"
)
_OPENING_MARKS = frozenset('“"«„‘')
_HEADING_END = tuple('.!?…:;,—–-"”’»)]')
#: How many paragraphs at the end may follow a signature (a place, a date, "###").
_AFTER_SIGNATURE = 5
#: First-person words the opening paragraphs must have for the text to be the speaker's own.
_FIRST_PERSON_WORDS = 2
_OPENING_PARAGRAPHS = 12


@dataclass(frozen=True, slots=True)
class Author:
    """The one speaker of a whole document; ``spoken`` tells a speech from a written statement."""

    speaker: str
    spoken: bool
    signed: bool = False


def name_in(who: str) -> str | None:
    """The person's name in a headline's speaker part: "President Joe Biden" gives "Joe Biden".

    The part ends where the headline goes on ("... on Countering Bioterrorism"), except inside
    a chain of titles that leads to a name ("Deputy National Security Advisor for Cyber and
    Emerging Technology Anne Neuberger", "Senior Advisor and Chief Spokesperson Symone
    Sanders"); two people ("X and Y", "X and First Lady Y") give None, and so does an office
    alone ("the Press Secretary").
    """
    words = _speaker_part(who).split()
    if _two_people(words):
        return None
    joins = [k for k, word in enumerate(words) if fold_word(word) in _AND]
    rest = words[joins[-1] + 1 :] if joins else words
    name = name_after_titles(rest)
    if name is None or (joins and not is_given_name(name.split()[0])):
        given = _given_name_at(rest)  # "Health and Human Services Xavier Becerra"
        name = name_after_titles(rest[given:]) if given is not None else name
    return name


_AND = frozenset({"and", "&"})
#: The words that join an office to its field ("Advisor for Cyber", "Assistant to the President").
_TITLE_JOINS = frozenset({"for", "to"})


def _speaker_part(who: str) -> str:
    cuts = list(_WHO_END.finditer(who))
    for n, cut in enumerate(cuts):
        joined = fold_word(cut.group().strip()) in _TITLE_JOINS
        if joined and name_after_titles(who[: cut.start()].split()) is None:
            ends = [c.start() for c in cuts[n + 1 :] if fold_word(c.group().strip()) not in _TITLE_JOINS]
            if _given_name_at(who[cut.end() : ends[0] if ends else len(who)].split()) is not None:
                continue  # the titles go on to the name
        return who[: cut.start()]
    return who


def _given_name_at(words: Sequence[str]) -> int | None:
    """Where a name starting with a given name begins among ``words`` ("... Technology Anne Neuberger")."""
    for k in range(len(words) - 1):
        if is_given_name(words[k]) and words[k + 1][:1].isupper() and not is_title_word(words[k]):
            return k
    return None


def _two_people(words: Sequence[str]) -> bool:
    """ "Biden and Prime Minister Suga", "the President and the First Lady", a "Joint" statement."""
    for k, word in enumerate(words):
        low = fold_word(word)
        if low == "joint":
            return True
        if low not in _AND:
            continue
        after = fold_word(words[k + 1]).rstrip(".") if k + 1 < len(words) else ""
        if after == "the" or after in HONORIFICS:
            return True
        starts_person = k + 1 < len(words) and (is_title_word(words[k + 1]) or is_given_name(words[k + 1]))
        if starts_person and name_after_titles(list(words[:k])) is not None:
            return True
    return False


def headline_author(headline: str) -> tuple[str, bool] | None:
    """(name, spoken) when the headline frames one named person's speech or statement."""
    for pattern in (_FRAME_BY, _FRAME_OWNER, _FRAME_AFTER_NAME):
        match = pattern.match(headline.strip())
        if match is None:
            continue
        name = name_in(match.group("who"))
        if pattern is _FRAME_AFTER_NAME and name is not None and not is_given_name(name.split()[0]):
            name = None  # with no "by" or "'s" to mark it, only a full name is taken for a speaker
        if name is not None:
            return name, fold_word(match.group("frame").split()[0]) in _SPOKEN_FRAMES
    return None


def signature(text: str, paras: Sequence[Paragraph], closed: Callable[[Paragraph], bool]) -> Paragraph | None:
    """The paragraph near the end that is its signer's name, after a sign-off or in capitals."""
    seen = 0
    for para in reversed(paras):
        line = text[para.start : para.end]
        if closed(para) or _after_signature(line):
            seen += 1
            if seen > _AFTER_SIGNATURE:
                return None
            continue
        if not _NAME_LINE.match(line) or any(fold_word(w) in NON_NAME_WORDS for w in line.split()):
            return None
        before = paras[para.index - 1] if para.index > 0 else None
        signed_off = before is not None and _SIGN_OFF.match(text, before.start, before.end) is not None
        if line.replace(".", "").replace(",", "").isupper() or signed_off:
            return para
        return None
    return None


def self_introduction(text: str, paras: Sequence[Paragraph]) -> str | None:
    """The name of a first-person text's author where it names itself: "I, DONALD J. TRUMP, President"."""
    for para in paras[:_OPENING_PARAGRAPHS]:
        match = _I_NAME.search(text, para.start, para.end)
        if match is not None:
            return match.group("name")
    return None


def _after_signature(line: str) -> bool:
    """What may follow a signature: a date, a place line in capitals ("THE WHITE HOUSE,"), markup."""
    if line.startswith("<") and line.endswith(">"):
        return True
    if len(line) <= 60 and find_dates(line):
        return True
    return len(line) <= 40 and line.endswith(",") and line.isupper()


def speaks_in_first_person(
    text: str, paras: Sequence[Paragraph], needed: int = _FIRST_PERSON_WORDS, *, quoted: bool = False
) -> bool:
    """Whether the opening paragraphs say "I", "we", "my", "our" outside quotations (or, when
    ``quoted``, inside them too): a speaker's own text."""
    count = 0
    for para in paras[:_OPENING_PARAGRAPHS]:
        pos = para.start
        for quote in [*(() if quoted else find_quotes(text, para.start, para.end)), None]:
            stop = quote.outer_start if quote else para.end
            count += sum(1 for _ in _FIRST_PERSON.finditer(text, pos, stop))
            pos = quote.outer_end if quote else para.end
        if count >= needed:
            return True
    return False


def is_heading(text: str, para: Paragraph) -> bool:
    """A short line that does not end like a sentence: "Remarks as Prepared", "Ash Carter Exchange"."""
    line = text[para.start : para.end]
    return len(line.split()) <= 10 and not line.rstrip().endswith(_HEADING_END)


def find_author(
    text: str,
    paras: Sequence[Paragraph],
    headline: Paragraph | None,
    closed: Callable[[Paragraph], bool],
    book: SpeakerBook,
    evidence: Evidence,
) -> tuple[Author, list[Paragraph]] | None:
    """The document's one author and the paragraphs that are theirs, when it is one person's text."""
    named = headline_author(text[headline.start : headline.end]) if headline is not None else None
    signed = signature(text, paras, closed)
    if named is None and signed is None:
        introduced = self_introduction(text, paras)
        if introduced is None:
            return None
        named = introduced, False
    end = signed.index if signed is not None else len(paras)
    body: list[Paragraph] = []
    for para in paras[:end]:
        if para is headline:
            continue
        if closed(para):
            if body and not _part_break(text, para):
                break  # "###", "END": the text is over
            continue
        if body or not is_heading(text, para):
            body.append(para)
    if not body:
        return None
    if named is not None:
        name, spoken = named
    else:
        name, spoken = text[signed.start : signed.end].rstrip(","), False
    if not _own_words(text, body, name, spoken, signed is not None):
        return None
    speaker = _resolve(name, book, evidence)
    if speaker is None:
        return None
    return Author(speaker, spoken, signed is not None and named is None), body


def _own_words(text: str, body: Sequence[Paragraph], name: str, spoken: bool, signed: bool) -> bool:
    """Whether the body is the author's own words, not a report about them.

    A signed text needs one "I" or "we"; a speech two, or one when it never names its speaker
    as a third person (a short excerpt). A written statement may speak for someone else in the
    third person ("President Biden has demonstrated ..." in his press secretary's statement) as
    long as it never names its author as a third person.
    """
    if speaks_in_first_person(text, body, 1 if signed else _FIRST_PERSON_WORDS):
        return True
    if spoken and _all_quoted(text, body) and speaks_in_first_person(text, body, quoted=True):
        return True  # excerpts of a speech, each in quotation marks
    if signed or (spoken and not speaks_in_first_person(text, body, 1)):
        return False
    # "the Biden-Harris Administration" names an administration, not Harris as a third person
    surname = re.compile(rf"(?<![\w\-]){re.escape(fold_word(name.split()[-1]))}(?![\w\-])")
    return not any(surname.search(fold_word(text[p.start : p.end])) for p in body[:_OPENING_PARAGRAPHS])


def _part_break(text: str, para: Paragraph) -> bool:
    """A line of dashes or stars between parts of one text, not the "###" that ends it."""
    line = text[para.start : para.end]
    return is_rule(line) and "#" not in line


def _all_quoted(text: str, body: Sequence[Paragraph]) -> bool:
    """Whether every paragraph with words opens with a quotation mark: excerpts set in quotes."""
    worded = [p for p in body if any(ch.isalpha() for ch in text[p.start : p.end])]
    return bool(worded) and all(text[p.start] in _OPENING_MARKS for p in worded)


def _resolve(name: str, book: SpeakerBook, evidence: Evidence) -> str | None:
    words = [w for w in name.split() if fold_word(w).rstrip(".") not in NAME_SUFFIXES]
    form = display(words)
    known = book.known_name(form)
    if known:
        return book.resolve(form) or known
    if len(words) == 1:
        full = evidence.full_name(words[0])
        form = full or form
    return book.resolve(form, allow_new=True, allow_single=True, vouched=True)
