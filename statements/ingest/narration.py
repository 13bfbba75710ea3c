"""Reading narration sentence by sentence: direct quotes and indirect speech, with who said them.

The reader keeps one piece of state across sentences: the person last
credited with words (or last named as a sentence's subject), which is who
"he", "she" and an unattributed follow-up quote refer to. That state is why the
sentence loop, quotes and indirect speech share one module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from statements.ingest import quote_cues
from statements.ingest.mentions import Ref, find_refs, opening_name
from statements.ingest.paragraphs import Paragraph, sentences, strip_span
from statements.ingest.quotes import MIN_WORDS, Quote, find_quotes
from statements.ingest.reported import CUE_WORDS, reporting_ref, reports_next_to
from statements.ingest.speakers import SpeakerBook

#: A quote with no speaker in its sentence is credited to the last speaker when this long or alone.
_FOLLOW_UP_WORDS = 8
#: Longer "sentences" (a file without punctuation) are not searched for speech.
_LONGEST_SENTENCE = 5_000
#: A name this close to a sentence's start is its subject, whom a later "he" or "she" means.
_SUBJECT_REACH = 40
_LETTERS = re.compile(r"[a-z]+")
#: Capitalised words opening a sentence, where its subject's name would be.
_OPENING_RUN = re.compile(r"(?:[^\W\d_a-z][\w’'.-]*[ \u00a0]){0,5}[^\W\d_a-z][\w’'.-]*")
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_CLOSING_MARKS = frozenset('”"»’')
_MARKS = re.compile('[“”"«»„]')
#: A short sentence that only says who spoke: "Trump said.", "said Jon Alterman, an analyst."
_TRAILING_CUE = re.compile(
    r"(?<![\w’'.\-])(?:(?:[A-Z][\w’'.\-]*+|he|she)[ \u00a0]++){0,4}(?:has[ \u00a0]++|also[ \u00a0]++)?"
    r"(?:said|says|added|adds|told|explained|noted|wrote|tweeted|insisted|argued|warned|asked|replied)\b"
)
#: Paragraphs a quotation opened in one paragraph may run over before it closes.
_OPEN_QUOTATION_REACH = 12
#: An opening clause before a sentence's subject is at most this long ("In a statement, ").
_OPENING_CLAUSE = 25
#: ... and only if that speaker was credited this many sentences ago at most.
_FOLLOW_UP_DISTANCE = 2


@dataclass(frozen=True, slots=True)
class Found:
    """A quote or a reported sentence: kind, offsets, speaker."""

    kind: str
    start: int
    end: int
    speaker: str


def _has_cue(text: str, start: int, end: int) -> bool:
    """Whether a sentence has a word that reported speech needs: a cheap test before the full reading."""
    return not CUE_WORDS.isdisjoint(_LETTERS.findall(text[start:end].lower()))


class NarrationReader:
    """Reads narration paragraphs in document order, remembering the last speaker."""

    def __init__(self, text: str, book: SpeakerBook, paras: Sequence[Paragraph] = ()) -> None:
        self.text = text
        self.book = book
        self.paras = paras
        self.last: str | None = None
        self.last_at = -10
        self.sentence = 0
        #: Who the quotation left open (or announced by a colon) at a paragraph's end belongs to.
        self.carry: str | None = None
        #: The sentence being read has a reporting verb whose subject the reader cannot name.
        self.unnamed_reporter = False
        #: How many narration paragraphs have been read, and in which one ``last`` was set.
        self.paragraph = 0
        self.last_paragraph = -10
        #: The last narration paragraph that held a quotation.
        self.quoted_paragraph = -10

    def read(self, para: Paragraph) -> Iterable[Found]:
        """Quotes and reported sentences of one narration paragraph."""
        text = self.text
        quotes = find_quotes(text, para.start, para.end)
        spans = [(q.outer_start, q.outer_end) for q in quotes]
        carry, self.carry = self.carry, None
        self.paragraph += 1
        if carry is not None and not quotes:
            inner = self._inside_open_quotation(para)
            if inner is not None:
                self.last_paragraph = self.paragraph
                self.carry = carry if inner[1] == para.end else None
                yield Found("quote", inner[0], inner[1], carry)
                return
        if quotes:
            self.quoted_paragraph = self.paragraph
        first = 0
        for start, end in _with_trailing_cues(text, sentences(text, para.start, para.end, spans)):
            self.sentence += 1
            while first < len(quotes) and quotes[first].outer_start < start:
                first += 1
            if end - start > _LONGEST_SENTENCE:
                continue
            inside = []
            k = first
            while k < len(quotes) and quotes[k].outer_start < end:
                inside.append(quotes[k])
                k += 1
            long_quotes = [q for q in inside if q.words(text) >= MIN_WORDS]
            if not long_quotes and not _has_cue(text, start, end):
                self._note_subject(start, min(end, start + _SUBJECT_REACH))
                if self.last_paragraph >= self.paragraph - 1:
                    self._introduces(para, end, self.last)  # "The message reads, in part:"
                continue
            masked = [(q.outer_start, q.outer_end) for q in inside]
            refs = self._refs(start, end, masked)
            reporter = reporting_ref(text, start, end, refs)
            if long_quotes:
                found = list(self._quotes(long_quotes, start, end, refs, reporter, carry, para.start))
                if not found:
                    self._note_subject(start, min(end, start + _SUBJECT_REACH), refs)
                yield from found
            elif reporter is not None:
                self._credit(reporter.name)
                yield Found("reported", start, end, reporter.name)
                self._introduces(para, end, reporter.name)
            else:
                self._note_subject(start, min(end, start + _SUBJECT_REACH), refs)
                self._introduces(para, end, self.last)

    def headline(self, para: Paragraph) -> None:
        """Take note of whom a headline is about ("President Vladimir Putin sent a message to ..."),
        for a first paragraph that is the message itself; a headline is never a statement."""
        self.paragraph += 1
        self._note_subject(para.start, min(para.end, para.start + _SUBJECT_REACH))

    def _inside_open_quotation(self, para: Paragraph) -> tuple[int, int] | None:
        """The words of a paragraph inside a quotation opened before it and closed at a later
        paragraph's end (Kremlin style: only the first paragraph opens, only the last closes).

        The paragraph has no quote mark, or only the closing one at its end; the quotation must
        close within a few paragraphs, or this is narration after a stray mark.
        """
        text = self.text
        marks = list(_MARKS.finditer(text, para.start, para.end))
        if len(marks) == 1 and marks[0].end() >= para.end - 1 and text[marks[0].start()] in '”»"':
            return strip_span(text, para.start, marks[0].start())
        if marks or not self.paras:
            return None
        for later in self.paras[para.index + 1 : para.index + 1 + _OPEN_QUOTATION_REACH]:
            found = list(_MARKS.finditer(text, later.start, later.end))
            if found:
                last = found[0]
                closes = len(found) == 1 and text[last.start()] in '”»"' and last.end() >= later.end - 1
                return (para.start, para.end) if closes else None
        return None

    def _introduces(self, para: Paragraph, end: int, speaker: str | None) -> None:
        """A paragraph ending in a colon ("The message said:") hands its quotation to the next one."""
        if end == para.end and self.text[end - 1] == ":" and speaker is not None:
            self.carry = speaker

    def _refs(self, start: int, end: int, masked: list[tuple[int, int]] = ()) -> list[Ref]:
        """The people a sentence refers to; "he" after the sentence's named subject is that subject.

        "Putin met Babushkin, during which he announced ..." : he is Putin, whoever the
        sentence before was about.
        """
        self.unnamed_reporter = False
        refs = [self._resolve(r, start, end) for r in find_refs(self.text, start, end, self.book, masked)]
        subject = next((r for r in refs if r.kind != "pronoun" and r.name is not None), None)
        if subject is not None and subject.start - start <= _SUBJECT_REACH and not subject.possessive:
            fits = ("", self.book.gender(subject.name))
            refs = [
                Ref(r.start, r.end, subject.name, r.kind)
                if r.kind == "pronoun"
                and r.start > subject.end
                and _PRONOUN_GENDER[self.text[r.start : r.end].lower()] in fits
                else r
                for r in refs
            ]
        return [r for r in refs if r.name is not None]

    def _resolve(self, ref: Ref, start: int, end: int) -> Ref:
        if ref.kind == "pronoun":
            wanted = _PRONOUN_GENDER[self.text[ref.start : ref.end].lower()]
            return Ref(ref.start, ref.end, self.book.recent_of_gender(wanted, self.last), ref.kind)
        if ref.kind == "surname":
            if not reports_next_to(self.text, ref, start, end):
                return ref
            name = self.book.resolve_surname(self.text[ref.start : ref.end])
            if name is not None:
                self.book.mentioned(name)
            else:
                self.unnamed_reporter = True  # "Clinton said" with no Clinton the reader knows
            return Ref(ref.start, ref.end, name, "name", ref.possessive)
        return ref

    def _credit(self, name: str) -> None:
        self.last = name
        self.last_at = self.sentence
        self.last_paragraph = self.paragraph

    def _note_subject(self, start: int, end: int, refs: list[Ref] | None = None) -> None:
        """A sentence that opens with a person's name makes them who "he" or "she" will mean."""
        if refs is None:
            opening = _OPENING_RUN.match(self.text, _past_opening_clause(self.text, start, end), end)
            name = opening_name(opening.group(), self.book) if opening else None
            if name is not None:
                self.last = name
                self.last_at = -10
                self.last_paragraph = self.paragraph
            return
        if (
            refs
            and refs[0].kind != "pronoun"
            and refs[0].start - start <= _SUBJECT_REACH
            and not refs[0].possessive
        ):
            self.last = refs[0].name
            self.last_at = -10
            self.last_paragraph = self.paragraph

    def _quotes(
        self,
        quotes: list[Quote],
        start: int,
        end: int,
        refs: list[Ref],
        reporter: Ref | None,
        carry: str | None,
        para_start: int,
    ) -> Iterable[Found]:
        for quote in quotes:
            if carry is not None and quote.outer_start == para_start:
                speaker = carry  # the quotation of the paragraph before goes on
            else:
                speaker = self._quote_speaker(quote, start, end, refs, reporter)
            if speaker is None and quote.outer_start == para_start and not refs:
                speaker = self._previous_subject()
            if speaker is None:
                continue
            self._credit(speaker)
            if quote.open_end:
                self.carry = speaker
            yield Found("quote", quote.start, quote.end, speaker)

    def _previous_subject(self) -> str | None:
        """Who the paragraph before was about, for a quotation opening this one with no clause.

        "Vladimir Putin sent a message of greetings to ..." followed by a paragraph that is
        one quotation: the message's words.
        """
        if self.last_paragraph != self.paragraph - 1 or self.quoted_paragraph == self.paragraph - 1:
            return None
        return self.last

    def _quote_speaker(
        self, quote: Quote, start: int, end: int, refs: list[Ref], reporter: Ref | None
    ) -> str | None:
        """The reporting clause beside the quote, else the sentence's reporter, else the last speaker."""
        after = quote_cues.after(self.text, quote.outer_end, end, refs)
        if isinstance(after, Ref):
            return after.name
        if after is quote_cues.Cue.UNNAMED:
            return None
        before = quote_cues.before(self.text, quote.outer_start, start, refs)
        if isinstance(before, Ref):
            return before.name
        if before is quote_cues.Cue.UNNAMED:
            return None
        if reporter is not None:
            return reporter.name
        if self.unnamed_reporter:
            return None  # the sentence's reporter is someone the reader cannot name
        named = {r.name for r in refs if r.kind != "pronoun" and not r.possessive}
        if len(named) == 1:
            return named.pop()  # the one person the sentence names
        if named or any(r.kind != "pronoun" for r in refs):
            return None
        alone = quote.outer_end - quote.outer_start >= (end - start) * 0.8
        recent = self.sentence - self.last_at <= _FOLLOW_UP_DISTANCE
        if self.last is not None and recent and (alone or quote.words(self.text) >= _FOLLOW_UP_WORDS):
            return self.last
        return None


def _past_opening_clause(text: str, start: int, end: int) -> int:
    """Where the subject of a sentence may start: past "Today, " or "On Monday, " at its head."""
    comma = text.find(", ", start, min(end, start + _OPENING_CLAUSE))
    return comma + 2 if comma > 0 else start


def _with_trailing_cues(text: str, spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Sentences, with a short reporting clause after a closing quote mark joined to its quote.

    “... are missing.” Trump said. is one sentence for attribution: the clause names the
    quote's speaker, though the full stop inside the quote ends a sentence.
    """
    pending: tuple[int, int] | None = None
    for span in spans:
        if pending is not None:
            if _TRAILING_CUE.match(text, span[0], span[1]) and not _MARKS.search(text, span[0], span[1]):
                yield pending[0], span[1]
                pending = None
                continue
            yield pending
            pending = None
        if text[span[1] - 1] in _CLOSING_MARKS:
            pending = span
        else:
            yield span
    if pending is not None:
        yield pending
