"""Labelled transcripts: which label-shaped openings are labels, whose voice each one is.

A paragraph that opens like a label (labels.py) is taken for one only on the
document's own evidence: a known speaker, a form of address ("MR."), a title
before a name the text does not use as an ordinary word, a name the text gives
in full elsewhere, or a form that recurs in a dialogue. "PROMISE MADE:" and
"There is a textbook example:" are prose. Who a label means comes from the
document first ("MS. PSAKI" is the "Jen Psaki" of its headline, "THE
PRESIDENT" whoever its headline calls President), then from the archive's
speakers. A turn runs over the following paragraphs until the next label or
anything that is clearly not part of it (boilerplate, a separator, metadata).

One module: accepting a label and resolving whose it is are one decision, taken on the
same evidence (what else the document calls that person).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from statements.ingest.evidence import Evidence
from statements.ingest.given_names import is_given_name
from statements.ingest.labels import Candidate, LabelWords, candidate_at, display, sort_words, stop_label_at
from statements.ingest.mentions import find_refs
from statements.ingest.paragraphs import Paragraph
from statements.ingest.remarks import another_voice, third_person_forms
from statements.ingest.speakers import SpeakerBook

#: The answers' label of a "Q: ... A: ..." interview.
_ANSWER_FORMS = frozenset({"a", "answer"})
_NOBODY = LabelWords("none")
_SENTENCE_END = re.compile(r"[.!?…][\"”’»)\]]*$")
_WORDS = re.compile(r"[^\W\d_][\w’'\-]*")
_PERSONAL = re.compile(r"\b(?:I|I['’](?:m|ve|ll|d)|[Ww]e|[Yy]ou|[Mm]y|[Oo]ur|[Yy]our)\b")
_QUESTION_END = re.compile(r"\?[\"”’»)\]]*$")
#: Distinct label forms read in one document at most (a longer list is not a transcript's).
MAX_FORMS = 400
#: An interviewer asks in at least this share of their turns; the answers are this much longer.
_ASKING_SHARE = 0.5
_ANSWER_LENGTH = 2.0


@dataclass
class TurnParagraph:
    """One paragraph of a turn: its words' offsets, its speaker (None for a question), its turn number."""

    para: Paragraph
    start: int
    end: int
    speaker: str | None
    question: bool
    turn: int
    label: str


@dataclass(frozen=True, slots=True)
class Voice:
    """What an accepted label stands for: a speaker, a question (speaker None), or nobody (host)."""

    speaker: str | None
    question: bool = False
    host: bool = False


def label_candidates(text: str, paras: Sequence[Paragraph]) -> dict[int, Candidate]:
    """Label-shaped openings by paragraph index (see ``without_headline`` for the first one)."""
    found: dict[int, Candidate] = {}
    for para in paras:
        candidate = candidate_at(text, para)
        if candidate is not None:
            found[para.index] = candidate
    quoted = [i for i, c in found.items() if c.quoted]
    if len(quoted) < 2:  # one quoted "Name: ..." is a quotation, a run of them a quoted transcript
        for index in quoted:
            del found[index]
    stopped = [i for i, c in found.items() if c.stopped]
    if len({found[i].form for i in stopped}) < 2:  # a hearing has two voices at least
        for index in stopped:
            del found[index]
    return found


def without_headline(
    text: str, candidates: dict[int, Candidate], paras: Sequence[Paragraph], closed: set[int]
) -> dict[int, Candidate]:
    """The candidates less a headline that only looks like a label ("John McCain: Populists ...").

    The first paragraph is a label when nothing but boilerplate follows it, or when its words
    are not capitalised like a headline's and either another label follows or it ends like a
    sentence.
    """
    first = candidates.get(0)
    if first is None or first.q_mark:
        return candidates
    others = [i for i in candidates if i and i not in closed]
    rest = [p for p in paras[1:] if p.index not in closed]
    titled = _title_case(text, first.body_start, paras[0].end)
    sentence = _SENTENCE_END.search(text, paras[0].start, paras[0].end) is not None
    if not rest or (not titled and (others or sentence)):
        return candidates
    return {i: c for i, c in candidates.items() if i}


def _title_case(text: str, start: int, end: int) -> bool:
    """Words written as a headline's: most of the longer ones capitalised ("Trump Is Trying To ...")."""
    words = [w for w in _WORDS.findall(text, start, end) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


class _Labels:
    """Decides, for one document, which label forms are labels and whose voice each is."""

    def __init__(
        self,
        text: str,
        paras: Sequence[Paragraph],
        candidates: dict[int, Candidate],
        book: SpeakerBook,
        evidence: Evidence,
    ) -> None:
        self.text = text
        self.book = book
        self.evidence = evidence
        self.counts = Counter(c.form for c in candidates.values())
        self.bodies: dict[str, list[tuple[int, int]]] = {}
        for index, candidate in candidates.items():
            self.bodies.setdefault(candidate.form, []).append((candidate.body_start, paras[index].end))
        self.words = {form: sort_words(form) for form in list(self.counts)[:MAX_FORMS]}
        self.persons = {f for f, w in self.words.items() if w.voice == "person"}
        asking = [
            i
            for i, c in candidates.items()
            if c.q_mark or self.words.get(c.form, _NOBODY).voice == "question"
        ]
        self.asked = bool(asking)
        #: Where the first question stands: the introduction before it names an interview's guest.
        self.first_question = paras[min(asking)].start if asking else 0
        #: Forms written with a note in brackets: "Kemi Badenoch (North West Essex) (Con):".
        self.noted = {c.form for c in candidates.values() if c.note}
        self.dialogue = len(candidates) >= 2

    def voices(self) -> dict[str, Voice]:
        """Accepted label forms and their voices; a person's name alone stands for their long form."""
        accepted: dict[str, Voice] = {}
        for form, words in self.words.items():
            voice = self._voice(form, words)
            if voice is not None:
                accepted[form] = voice
                if words.voice == "person" and len(words.name) > 1:
                    accepted.setdefault(" ".join(self._name_words(words.name)), voice)
        if not any(not v.host for v in accepted.values()):
            return {}
        for form, words in self.words.items():
            if form not in accepted and self._asks(form, words):
                accepted[form] = Voice(None, question=True)
        return accepted

    def _asks(self, form: str, words: LabelWords) -> bool:
        """A name the document gives only in labels, each of whose turns asks: a reporter's question.

        "Sidhant: Sir, can you share the dates?" in a briefing whose spokesperson is labelled.
        """
        if words.voice != "person" or not 1 <= len(words.name) <= 3:
            return False
        if any(self.evidence.ordinary_word(w) for w in words.name):
            return False
        return all("?" in self.text[start:end] for start, end in self.bodies.get(form, ()))

    def _voice(self, form: str, words: LabelWords) -> Voice | None:
        if self.asked and form.lower() in _ANSWER_FORMS:
            guest = self._guest()
            return Voice(guest) if guest else None
        if words.voice == "none":
            return None
        if words.voice == "question":
            return Voice(None, question=True)
        if words.voice == "host":
            return Voice(None, host=True) if self.dialogue else None
        if words.voice == "office":
            holder = self.evidence.holder(words.titles)
            name = self._person_name(tuple(holder.split()), words.titles) if holder else None
            return Voice(name or display(("The", *words.titles)))
        if words.voice == "anonymous":
            if not self.dialogue:
                return None
            holder = self.evidence.holder_before(words.titles)  # "Stéphane Dujarric, Spokesman for ..."
            name = self._person_name(tuple(holder.split()), words.titles) if holder else None
            return Voice(name or display(words.titles).title())
        name_words = self._name_words(words.name)
        if not self._is_a_person(form, words, name_words):
            return None
        return Voice(self._person_name(name_words, words.titles))

    def _guest(self) -> str | None:
        """Who answers an interview's questions ("Q: ... A: ..."): the first person its introduction names."""
        refs = find_refs(self.text, 0, self.first_question, self.book)
        return next((r.name for r in refs if r.kind == "name" and r.name and " " in r.name), None)

    def _name_words(self, name: tuple[str, ...]) -> tuple[str, ...]:
        """The part of a long run of name words that is the name: "Austria Sebastian Kurz" gives the last two.

        A longer form is kept when it is a known speaker or the document labels with it alone.
        """
        if len(name) <= 2:
            return name
        shorter = {tuple(self.words[f].name) for f in self.persons}
        for size in range(min(len(name), 5), 1, -1):
            suffix = name[-size:]
            if suffix in shorter and suffix != name:
                return suffix
            if self.book.known_name(" ".join(suffix)):
                return suffix
        if is_given_name(name[-3]) and not is_given_name(name[-2]):
            return name[-3:]  # "Hana Jalloul Muro"
        return name[-2:]

    def _is_a_person(self, form: str, words: LabelWords, name: tuple[str, ...]) -> bool:
        joined = " ".join(name)
        if self.book.known_name(joined):
            return True
        if any(ch.isdigit() for ch in joined):
            return False
        if words.honorific:
            return True
        if any(self.evidence.ordinary_word(w) for w in name):
            return False
        if words.titled or (len(name) >= 2 and is_given_name(name[0])):
            return True
        if len(name) >= 2 and form in self.noted and len(self.noted) >= 2:
            return True  # a parliament's record: each member's name with constituency and party
        if not self._speaks(form):
            return False  # "Commutation Grant: Sentence commuted to ...": a record's field, not a voice
        full = self.evidence.full_name(name[-1])
        return (full is not None and " " in full) or (self.counts[form] > 1 and len(self.persons) > 1)

    def _speaks(self, form: str) -> bool:
        """Whether any of the form's turns says "I", "we" or "you": speech, not a list of records."""
        return any(_PERSONAL.search(self.text, start, end) for start, end in self.bodies.get(form, ()))

    def _person_name(self, name: tuple[str, ...], titles: tuple[str, ...]) -> str:
        """The canonical name: the document's full form, else the archive's, else the label's own."""
        surname = name[-1]
        full = self.evidence.full_name(surname, titles) if len(name) == 1 else None
        candidates = [c for c in (full, display(name)) if c]
        for form in candidates:
            known = self.book.known_name(form)
            if known:
                return self.book.resolve(form) or known
        for form in candidates:
            resolved = self.book.resolve(form, allow_new=True, allow_single=True, vouched=True)
            if resolved:
                return resolved
        return display(name)


def find_turns(
    text: str,
    paras: Sequence[Paragraph],
    book: SpeakerBook,
    stops: Callable[[Paragraph], bool],
    candidates: dict[int, Candidate],
    evidence: Evidence,
) -> list[TurnParagraph]:
    """Paragraphs owned by labelled turns; ``stops`` says which paragraphs end a turn (noise, metadata)."""
    if not candidates:
        return []
    voices = _Labels(text, paras, candidates, book, evidence).voices()
    if not voices:
        return []
    labels = {i: c for i, c in candidates.items() if c.form in voices}
    stop_forms = {f for f, v in voices.items() if v.speaker and not v.question and " " in f}
    for para in paras:
        if para.index not in labels and not stops(para) and stop_forms:
            found = stop_label_at(text, para, stop_forms)
            if found is not None:
                labels[para.index] = found
    voices = _interviewers_as_questions(text, paras, labels, voices, book)
    lone = sum(1 for c in labels.values() if not voices[c.form].host) == 1
    out: list[TurnParagraph] = []
    current: tuple[Voice, int, str] | None = None
    turn = 0
    for para in paras:
        label = labels.get(para.index)
        if label is not None:
            voice = voices[label.form]
            if voice.host:
                current = None
                continue
            turn += 1
            current = (voice, turn, label.form)
            if voice.speaker is not None:
                book.speaking(voice.speaker)
            if label.body_start < para.end:
                out.append(_paragraph(para, _turn_start(para, label), voice, turn, label.form))
            continue
        if current is None:
            continue
        if stops(para) or (lone and _another_voice(text, para, book, current[0].speaker)):
            current = None
            continue
        voice, number, form = current
        out.append(_paragraph(para, para.start, voice, number, form))
    return out


def _another_voice(text: str, para: Paragraph, book: SpeakerBook, speaker: str | None) -> bool:
    """After a text's only label, a heading or the speaker named in the third person ends the turn.

    A news report that opens one paragraph with "Bloomberg:" or "Jeb Bush:" goes on in the
    reporter's voice; a speech under its one label goes on in the speaker's.
    """
    return another_voice(text, para, third_person_forms(book, speaker) if speaker else set())


def _turn_start(para: Paragraph, label: Candidate) -> int:
    """Where a labelled paragraph's passage starts: after the label, unless the words are shorter.

    "ADMINISTRATOR CRISWELL: Location." keeps its label, so that the passage says who
    speaks wherever it is shown alone and the line is plainly that speaker's.
    """
    if para.end - label.body_start < label.body_start - para.start - 2:
        return para.start
    return label.body_start


def _paragraph(para: Paragraph, start: int, voice: Voice, turn: int, form: str) -> TurnParagraph:
    speaker = None if voice.question else voice.speaker
    return TurnParagraph(para, start, para.end, speaker, voice.question, turn, form)


def _interviewers_as_questions(
    text: str,
    paras: Sequence[Paragraph],
    labels: dict[int, Candidate],
    voices: dict[str, Voice],
    book: SpeakerBook,
) -> dict[str, Voice]:
    """A named speaker who mostly asks, and is answered at length, is an interviewer: a question voice.

    Interviewers are not speakers: "Andrei Vandenko:" asking Putin is kept as questions. The
    archive's known speakers are never taken for interviewers.
    """
    asked: Counter[str] = Counter()
    turns: Counter[str] = Counter()
    words: Counter[str] = Counter()
    indices = sorted(labels)
    for k, index in enumerate(indices):
        voice = voices[labels[index].form]
        if not voice.speaker or voice.question or voice.host:
            continue
        last = paras[(indices[k + 1] if k + 1 < len(indices) else len(paras)) - 1]
        turns[voice.speaker] += 1
        words[voice.speaker] += len(text[paras[index].start : last.end].split())
        asked[voice.speaker] += bool(_QUESTION_END.search(text, max(last.start, last.end - 5), last.end))
    people = [p for p in turns if turns[p] >= 2]
    if len(people) < 2:
        return voices
    average = {p: words[p] / turns[p] for p in people}
    interviewers = set()
    for person in people:
        if book.people.get(person) is not None and book.people[person].known:
            continue
        if asked[person] < _ASKING_SHARE * turns[person]:
            continue
        answerers = [
            p
            for p in people
            if p != person and asked[p] < 0.3 * turns[p] and average[p] >= _ANSWER_LENGTH * average[person]
        ]
        if answerers:
            interviewers.add(person)
    if not interviewers:
        return voices
    return {
        form: Voice(None, question=True) if v.speaker in interviewers and not v.question else v
        for form, v in voices.items()
    }
