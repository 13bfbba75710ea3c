"""Who a name, an initial form, a misspelling or a title refers to, within one document.

Every form of a name ("Sergei Lavrov", "S.V. Lavrov", "Lavrov", "Lavrow") maps
to one canonical speaker: one of the known speakers when it matches, else the
fullest form the document itself gives. Titles seen before a name ("Deputy
Foreign Minister") are remembered so that "the minister" can be resolved to
the person most recently named with that title.

One module: every way of naming a person goes through the one ``SpeakerBook`` of a
document, whose state (the names seen, in order) each lookup both reads and extends.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from statements.ingest.evidence import Evidence
from statements.ingest.folding import fold
from statements.ingest.given_names import gender, is_given_name
from statements.ingest.records import KnownSpeaker, SpeakerReading
from statements.ingest.wordlists import MONTH_WORDS, NAME_PARTICLES, NON_NAME_WORDS, ORIGIN_WORDS, TITLE_WORDS

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)*")
#: Title words that a role word in narration ("the leader", "the senator") may stand for.
_STANDS_FOR = {
    "leader": frozenset("president prime premier chancellor king queen emir sheikh leader".split()),
    "senator": frozenset({"sen"}),
    "governor": frozenset({"gov"}),
    "congressman": frozenset({"rep", "representative"}),
    "congresswoman": frozenset({"rep", "representative"}),
    "lawmaker": frozenset({"rep", "representative", "sen", "senator", "congressman", "congresswoman"}),
}


def name_tokens(form: str) -> list[str]:
    """The words of a name, initials split out: "S.V.Lavrov" gives ["s", "v", "lavrov"]."""
    return _TOKEN.findall(fold(form))


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """One substitution, insertion, deletion or swap of neighbours turns ``a`` into ``b``."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


@dataclass
class Person:
    """A person named in this document: canonical name, forms seen, titles seen."""

    name: str
    role: str = ""
    known: bool = False
    forms: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    speaks: bool = False

    @property
    def surname(self) -> str:
        tokens = name_tokens(self.name)
        return tokens[-1] if tokens else ""

    def describes(self, words: list[str]) -> bool:
        """Whether the role or a title seen in the text contains all of ``words`` ("foreign", "minister").

        A word may be met by what stands for it: "the leader" by a president or a prime
        minister, "the senator" by "Sen.".
        """
        for title in (fold(self.role), *self.titles):
            present = set(_TOKEN.findall(title))
            if all(w in present or not present.isdisjoint(_STANDS_FOR.get(w, ())) for w in words):
                return True
        return False


class _KnownIndex:
    """Known speakers by every form's words and by surname, with the fuzzy surname lookups made."""

    def __init__(self, known: tuple[KnownSpeaker, ...]) -> None:
        self.full: dict[str, KnownSpeaker] = {}
        self.by_surname: dict[str, list[KnownSpeaker]] = {}
        self._fuzzy: dict[str, list[KnownSpeaker]] = {}
        for speaker in known:
            for form in (speaker.name, *speaker.aliases):
                tokens = name_tokens(form)
                if not tokens:
                    continue
                self.full.setdefault(" ".join(tokens), speaker)
                bucket = self.by_surname.setdefault(tokens[-1], [])
                if speaker not in bucket:
                    bucket.append(speaker)

    def fuzzy(self, surname: str) -> list[KnownSpeaker]:
        """The speakers whose surname is one slip from ``surname`` ("Ryakbov"), looked up once."""
        found = self._fuzzy.get(surname)
        if found is None:
            found = next(
                (
                    speakers
                    for other, speakers in self.by_surname.items()
                    if len(other) >= 5
                    and abs(len(other) - len(surname)) <= 1
                    and edit_distance_at_most_one(surname, other)
                ),
                [],
            )
            if len(self._fuzzy) < 50_000:
                self._fuzzy[surname] = found
        return found


@lru_cache(maxsize=4)
def _known_index(known: tuple[KnownSpeaker, ...]) -> _KnownIndex:
    """The index of a known-speaker list: built once for a run of many files."""
    return _KnownIndex(known)


class SpeakerBook:
    """Name resolution for one document, seeded with the archive's known speakers."""

    def __init__(self, known: Iterable[KnownSpeaker] = (), evidence: Evidence | None = None) -> None:
        self.evidence = evidence
        self._known = _known_index(tuple(known))
        self._full, self._by_surname = self._known.full, self._known.by_surname
        self.people: dict[str, Person] = {}
        self._local_surnames: dict[str, str] = {}
        self._recent: deque[str] = deque(maxlen=40)
        self._cache: dict[str, str | None] = {}

    # -- resolution -------------------------------------------------------------------------

    def resolve(
        self, form: str, *, allow_new: bool = True, allow_single: bool = False, vouched: bool = False
    ) -> str | None:
        """Canonical name for a name as written, or None when it is not a person's name.

        ``allow_new`` lets a name the archive does not know become a new speaker when it starts
        with a given name ("Mitchell Moss", not "New Hampshire"), or whatever its first word
        when the caller has other evidence that it names a person (``vouched``: a label, a title
        before it, a signature); ``allow_single`` admits a lone unknown word (a label's surname).
        """
        tokens = name_tokens(form)
        if not tokens:
            return None
        key = " ".join(tokens)
        cache_key = f"{key}|{allow_new}|{allow_single}|{vouched}"
        if cache_key in self._cache:
            name = self._cache[cache_key]
        else:
            name = self._resolve_tokens(tokens, form, allow_new, allow_single, vouched)
            if len(self._cache) < 50_000:
                self._cache[cache_key] = name
        if name is not None:
            self._person(name).forms.add(form.strip())
        return name

    def _resolve_tokens(
        self, tokens: list[str], form: str, allow_new: bool, allow_single: bool, vouched: bool
    ) -> str | None:
        exact = self._full.get(" ".join(tokens))
        if exact is not None:
            return self._adopt(exact)
        surname, first = tokens[-1], tokens[0] if len(tokens) > 1 else None
        if surname in self._local_surnames and (
            first is None or self._first_fits(self._local_surnames[surname], first)
        ):
            return self._local_surnames[surname]
        candidates = self._by_surname.get(surname) or self._fuzzy_known(surname)
        fitting = [k for k in candidates if first is None or self._first_fits(k.name, first, k.aliases)]
        if len(fitting) == 1 or (fitting and first is not None):
            return self._adopt(fitting[0])
        local = self._fuzzy_local(surname)
        if local is not None and (first is None or self._first_fits(local, first)):
            return local
        if not allow_new or not self._looks_like_name(form, tokens, vouched):
            return None
        if len(tokens) == 1 and not allow_single:
            return None
        name = _display_name(form)
        self._person(name)
        self._local_surnames.setdefault(surname, name)
        return name

    def resolve_surname(self, word: str) -> str | None:
        """The person a lone surname is, from the full name the document gives for it elsewhere.

        "Clinton said" in a text that writes "Hillary Clinton" further down is Hillary Clinton;
        a word the document never writes after a given name is nobody.
        """
        name = self.resolve(word, allow_new=False)
        if name is not None or self.evidence is None:
            return name
        if self.evidence.ordinary_word(word):
            return None
        full = self.evidence.full_name(word)
        if full is not None and " " in full:
            return self.resolve(full, vouched=True)
        if any(" " in form for form, _ in self.evidence.full_names(word)):
            return self.resolve(word, allow_single=True, vouched=True)  # two people of that name
        return None

    def _fuzzy_known(self, surname: str) -> list[KnownSpeaker]:
        """Known speakers whose surname is one slip from ``surname`` ("Ryakbov"); looked up once a run."""
        if len(surname) < 5:
            return []
        return self._known.fuzzy(surname)

    def _fuzzy_local(self, surname: str) -> str | None:
        if len(surname) < 5:
            return None
        for other, name in self._local_surnames.items():
            if len(other) >= 5 and edit_distance_at_most_one(surname, other):
                return name
        return None

    @staticmethod
    def _first_fits(name: str, first: str, aliases: Iterable[str] = ()) -> bool:
        """A first name or initial agrees with a known name's: same initial, and no other full first name.

        "S." and "Sergei" fit "Sergey Lavrov"; "Jill" does not fit "Joe Biden".
        """
        firsts = [tokens[0] for tokens in map(name_tokens, (name, *aliases)) if len(tokens) >= 2]
        spelled = [own for own in firsts if len(own) > 1]
        if len(first) > 1 and spelled:
            firsts = spelled  # "J. Biden" among Joe Biden's forms does not make "Jill" fit him
        for own in firsts:
            if own[0] != first[0]:
                continue
            if len(own) == 1 or len(first) == 1 or own.startswith(first) or first.startswith(own):
                return True
            if len(own) >= 4 and edit_distance_at_most_one(own, first):
                return True
        return False

    def known_name(self, form: str) -> str | None:
        """The known speaker ``form`` names (a full name, an alias, or a surname that fits one), or None.

        Nothing is recorded: this only asks whether the archive knows the name.
        """
        tokens = name_tokens(form)
        if not tokens:
            return None
        exact = self._full.get(" ".join(tokens))
        if exact is not None:
            return exact.name
        first = tokens[0] if len(tokens) > 1 else None
        fitting = [
            k
            for k in self._by_surname.get(tokens[-1], ())
            if first is None or self._first_fits(k.name, first, k.aliases)
        ]
        return fitting[0].name if len(fitting) == 1 or (fitting and first is not None) else None

    def starts_name(self, word: str) -> bool:
        """Whether ``word`` may begin a person's name: a given name, as this document uses it."""
        return self.evidence.given_name(word) if self.evidence is not None else is_given_name(word)

    def _looks_like_name(self, form: str, tokens: list[str], vouched: bool) -> bool:
        words = [w for w in re.split(r"[\s.]+", form.strip()) if w]
        if not 1 <= len(words) <= 5:
            return False
        first = form.split()[0]
        given = self.starts_name(first)
        if not vouched and len(words) > 1 and not given:
            return False
        for position, word in enumerate(words):
            low = fold(word)
            if low in NAME_PARTICLES:
                continue
            last = position == len(words) - 1 and len(words) > 1
            surname_origin = given and last and low in ORIGIN_WORDS  # "Mark Cuban"
            if (given or vouched) and last and low in MONTH_WORDS:
                continue  # "Theresa May"
            if low in NON_NAME_WORDS or low in TITLE_WORDS or (low in ORIGIN_WORDS and not surname_origin):
                return False
            if not word[0].isupper() or (len(word) > 2 and word.isupper() and len(words) == 1):
                return False
            if any(ch.isdigit() for ch in word):
                return False
        return len(tokens[-1]) >= 2

    def _adopt(self, known: KnownSpeaker) -> str:
        person = self._person(known.name)
        person.known = True
        person.role = person.role or known.role
        return known.name

    def _person(self, name: str) -> Person:
        person = self.people.get(name)
        if person is None:
            person = self.people[name] = Person(name)
            surname = person.surname
            if surname:
                self._local_surnames.setdefault(surname, name)
        return person

    # -- mentions and titles ----------------------------------------------------------------

    def mentioned(self, name: str, title: str = "") -> None:
        """Note that ``name`` was just named in narration, perhaps with a title before it."""
        if title:
            self._person(name).titles.add(fold(title))
        if self._recent and self._recent[-1] == name:
            return
        self._recent.append(name)

    def gender(self, name: str) -> str:
        """ "m" or "f" from the person's given name, "" when it does not say."""
        tokens = name.split()
        return gender(tokens[0]) if len(tokens) > 1 else ""

    def recent_of_gender(self, wanted: str, default: str | None) -> str | None:
        """``default`` unless its gender is not ``wanted``; then the latest person named who fits."""
        if default is None or not wanted or self.gender(default) in ("", wanted):
            return default
        for name in reversed(self._recent):
            if self.gender(name) == wanted:
                return name
        return default

    def by_title(self, words: list[str]) -> str | None:
        """The person most recently named whose role or title has all ``words`` ("minister")."""
        for name in reversed(self._recent):
            if self.people[name].describes(words):
                return name
        return None

    def speaking(self, name: str) -> None:
        """Mark ``name`` as the speaker of at least one passage, so that it is listed."""
        self._person(name).speaks = True

    def readings(self) -> list[SpeakerReading]:
        """The speakers of this document's passages, with the forms their names took in it."""
        out = []
        for person in self.people.values():
            if person.speaks:
                aliases = sorted(f for f in person.forms if f and f != person.name)
                out.append(SpeakerReading(name=person.name, aliases=aliases, role=person.role))
        return out


def _display_name(form: str) -> str:
    """A readable canonical form of a name found in the text: "SERGEY LAVROV" becomes "Sergey Lavrov"."""
    words = form.split()
    if all(w.isupper() for w in words if len(w) > 2):
        words = [w if len(w) <= 2 and w.endswith(".") else w.capitalize() for w in words]
    return " ".join(words).strip(" ,.:;")
