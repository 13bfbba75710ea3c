"""A deterministic synthetic corpus that looks like the archive's real texts, at any size.

Words come from the seed texts and the fixtures, ranked by how often the seeds
use them and drawn with Zipf weights (so "the" and "Russia" are common and
"nuncio" is rare), half of the time following the seeds' own word pairs, so
that phrases such as "common sense" or "special military operation" recur.
A long tail of invented words gives the index a realistic vocabulary size.

Speakers follow a skewed distribution too: three very prolific voices
(Lavrov, Zakharova, Putin, in that order, kept ahead by a quota schedule) and
several hundred occasional ones. Nothing here imports Django: the corpus is
plain ``DocumentReading`` records, exactly what the reader hands the loader.
One module: the vocabulary, the cast and the documents are drawn from one
random stream, in one order, which is what makes a seed give the same corpus.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from statements.ingest.records import DocumentReading, PassageReading, SpeakerReading

#: Bump when the generator changes, so a reused corpus is never one built by older code.
GENERATOR_VERSION = "1"
BIG_THREE = ("Sergey Lavrov", "Maria Zakharova", "Vladimir Putin")
#: Shares of passages whose document belongs to each of the big three; the rest go to everyone else.
BIG_SHARES = (0.20, 0.13, 0.09)
SPEAKER_COUNT = 420
TAIL_WORDS = 30_000
FIRST_DAY = dt.date(1995, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
DOCUMENT_KINDS = (("transcript", 0.35), ("speech", 0.2), ("report", 0.3), ("commentary", 0.15))
PUBLISHERS = (
    "Ministry of Foreign Affairs",
    "Kremlin press service",
    "TASS",
    "RIA Novosti",
    "Interfax",
    "The Moscow Times",
    "Reuters",
    "Meduza",
    "a personal blog",
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_FIRST_NAMES = (
    "Alexei Anna Boris Carlos Chen Daniel Dmitri Elena Fatima Georg Hans Helga Ivan Jean Jorge Julia "
    "Karim Kenji Lars Leila Li Lucia Marek Marta Mikhail Nadia Olga Pavel Pedro Priya Rahul Samuel "
    "Sofia Tamara Thomas Viktor Wei Yusuf Zoran Ingrid Aleksandr Natalia Omar Hiroshi"
).split()
_LAST_NAMES = (
    "Abramov Alvarez Andersen Bauer Belov Brandt Castillo Chowdhury Dubois Ebert Fedorov Fischer Gallo "
    "Garcia Haddad Hansen Ivanova Jansen Kato Kowalski Kuznetsov Larsen Lebedev Lindqvist Mendes Morozov "
    "Novak Okafor Orlov Petrov Popescu Quist Rahman Rossi Sato Schmidt Sokolov Stein Tanaka Varga Volkov "
    "Weber Yilmaz Zhukov Zhang Kovacs Mazur Nilsson Osei Pereira Romanov Suzuki Toth Vasquez Wagner Yang"
).split()
_ROLES = (
    "Ambassador",
    "Deputy Foreign Minister",
    "Foreign Minister",
    "Defence Minister",
    "Member of Parliament",
    "Senator",
    "Prime Minister",
    "President",
    "Spokesperson",
    "Permanent Representative to the UN",
    "Governor",
    "Presidential aide",
)
_SYLLABLES = (
    "ka lo mi ne ru sa te vo za bri dan gor hel ist jun kel mar nov pol rom sel tar ul vin yev".split()
)


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    role: str


@dataclass(frozen=True)
class CorpusDocument:
    """One document of the corpus with what the loader needs besides the reading."""

    reading: DocumentReading
    digest: str
    path: str


class Vocabulary:
    """Words ranked by the seeds' usage, drawn with Zipf weights, with the seeds' word pairs."""

    def __init__(self, fixtures_dir: Path, rng: random.Random):
        seeds = sorted((fixtures_dir / "seeds").glob("*.txt"))
        counts: Counter[str] = Counter()
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        successors: dict[str, list[str]] = defaultdict(list)
        for path in seeds:
            words = _WORD.findall(path.read_text(encoding="utf-8"))
            for word in words:
                counts[word.lower()] += 1
                forms[word.lower()][word] += 1
            for first, second in itertools.pairwise(words):
                successors[first.lower()].append(second)
        topics = _json(fixtures_dir / "topics.json")
        self.phrases = sorted(
            {kw for entry in topics for kw in entry.get("keywords", ()) if " " in kw} | _seed_phrases(seeds)
        )
        for entry in topics:  # every keyword exists at least as an occasional word
            for keyword in entry.get("keywords", ()):
                for word in _WORD.findall(keyword):
                    counts[word.lower()] += 1
                    forms[word.lower()][word] += 1
        ranked = [w for w, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
        surface = [forms[w].most_common(1)[0][0] for w in ranked]
        tail = sorted({_invented(rng) for _ in range(TAIL_WORDS)})
        rng.shuffle(tail)
        self.words = surface + tail
        # The invented tail is rarer than the seeds' own words: it widens the vocabulary, not the text.
        weights = [
            (1.0 if rank < len(surface) else 0.35) / (rank + 2.7) ** 1.05 for rank in range(len(self.words))
        ]
        self.cum_weights = list(itertools.accumulate(weights))
        self.successors = {w: tuple(s) for w, s in successors.items()}
        self.content = [w for w in surface[:1500] if len(w) > 4 and w.lower() not in _STOP]

    def sentence(self, rng: random.Random, length: int) -> list[str]:
        """A sentence of Zipf-drawn words that follows the seeds' word pairs about half the time."""
        drawn = rng.choices(self.words, cum_weights=self.cum_weights, k=length)
        out = [drawn[0]]
        for candidate in drawn[1:]:
            follow = self.successors.get(out[-1].lower())
            out.append(
                follow[int(rng.random() * len(follow))] if follow and rng.random() < 0.5 else candidate
            )
        if rng.random() < 0.06:
            out.insert(rng.randrange(len(out) + 1), rng.choice(self.phrases))
        return out


_STOP = frozenset(
    "about after again against also because been before being between could does during every first "
    "from have having here their there these they this those through under until very what when where "
    "which while with would your other should shall said says will just than then them into only over "
    "such that were".split()
)


def _json(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def _seed_phrases(seeds: list[Path]) -> set[str]:
    """Word pairs and triples that the seeds repeat: the set phrases of diplomatic speech."""
    grams: Counter[str] = Counter()
    for path in seeds:
        words = _WORD.findall(path.read_text(encoding="utf-8"))
        for n in (2, 3):
            for i in range(len(words) - n + 1):
                gram = words[i : i + n]
                if all(len(w) > 3 and w.lower() not in _STOP for w in gram):
                    grams[" ".join(gram)] += 1
    return {gram for gram, n in grams.items() if n >= 3}


def _invented(rng: random.Random) -> str:
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
    return word.capitalize() if rng.random() < 0.3 else word


def people(fixtures_dir: Path, rng: random.Random) -> list[Person]:
    """The cast: the fixture's known speakers (the big three first), then invented officials."""
    known = [
        Person(e["name"], tuple(e.get("aliases", ())), e.get("role", ""))
        for e in _json(fixtures_dir / "speakers.json")
    ]
    order = {name: i for i, name in enumerate(BIG_THREE)}
    known.sort(key=lambda p: order.get(p.name, len(order)))
    if [p.name for p in known[:3]] != list(BIG_THREE):
        known = [Person(name, (), "") for name in BIG_THREE] + [p for p in known if p.name not in order]
    taken = {p.name for p in known}
    invented = [f"{first} {last}" for first in _FIRST_NAMES for last in _LAST_NAMES]
    rng.shuffle(invented)
    cast = list(known)
    for name in invented:
        if len(cast) >= SPEAKER_COUNT:
            break
        if name not in taken:
            cast.append(Person(name, (), rng.choice(_ROLES)))
    return cast


class Tagger:
    """Topics from the passage's words, as the lexicon would find them, plus an occasional draw."""

    def __init__(self, fixtures_dir: Path):
        self.slugs = [e["slug"] for e in _json(fixtures_dir / "topics.json")]
        self.single: dict[str, set[str]] = defaultdict(set)
        self.multi: list[tuple[str, str, str]] = []
        for entry in _json(fixtures_dir / "topics.json"):
            for keyword in [entry["name"], *entry.get("keywords", ())]:
                words = keyword.split()
                if len(words) == 1:
                    key = keyword if keyword.isupper() else keyword.lower()
                    self.single[key].add(entry["slug"])
                else:
                    self.multi.append((words[0].lower(), keyword.lower(), entry["slug"]))

    def tag(self, words: list[str], text: str, rng: random.Random) -> list[str]:
        found: set[str] = set()
        lowered = set()
        for word in words:
            lowered.add(word.lower())
            found |= self.single.get(word, set()) | self.single.get(word.lower(), set())
        low_text = None
        for first, phrase, slug in self.multi:
            if first in lowered and slug not in found:
                low_text = low_text or text.lower()
                if phrase in low_text:
                    found.add(slug)
        if rng.random() < 0.1:
            found.add(self.slugs[min(int(rng.paretovariate(1.2)) - 1, len(self.slugs) - 1)])
        return [slug for slug in self.slugs if slug in found]


class Corpus:
    """``documents()`` yields the same documents, in the same order, for the same (passages, seed)."""

    def __init__(self, passages: int, seed: int, fixtures_dir: Path):
        self.passages, self.seed = passages, seed
        rng = random.Random(f"bench-setup-{seed}")
        self.vocabulary = Vocabulary(fixtures_dir, rng)
        self.cast = people(fixtures_dir, rng)
        self.tagger = Tagger(fixtures_dir)
        self.max_length = 60 if passages >= 3000 else max(10, passages // 50)

    def documents(self) -> Iterator[CorpusDocument]:
        rng = random.Random(f"bench-corpus-{self.seed}-{self.passages}")
        kinds, kind_weights = zip(*DOCUMENT_KINDS, strict=True)
        minor_weights = list(itertools.accumulate(1.0 / (i + 2) for i in range(len(self.cast) - 3)))
        given = [0, 0, 0]
        made = number = 0
        span = (LAST_DAY - FIRST_DAY).days
        while made < self.passages:
            count = min(rng.randint(10, self.max_length), self.passages - made)
            deficits = [share * (made + count) - n for share, n in zip(BIG_SHARES, given, strict=True)]
            best = max(range(3), key=deficits.__getitem__)
            if deficits[best] > count / 2:
                main = self.cast[best]
                given[best] += count
            else:
                main = rng.choices(self.cast[3:], cum_weights=minor_weights)[0]
            kind = rng.choices(kinds, weights=kind_weights)[0]
            day = FIRST_DAY + dt.timedelta(days=int(rng.triangular(0, span, span * 0.85)))
            yield self._document(rng, number, kind, main, count, day, minor_weights)
            made += count
            number += 1

    def _document(
        self,
        rng: random.Random,
        number: int,
        kind: str,
        main: Person,
        count: int,
        day: dt.date,
        minor_weights: list[float],
    ) -> CorpusDocument:
        topic_words = rng.sample(self.vocabulary.content, 2)
        title = {
            "transcript": f"{main.role or 'Official'} {main.name}'s answers to media questions"
            " on {} and {}",
            "speech": f"{main.name}'s address on {{}} and {{}}",
            "report": f"{main.name.split()[-1]} says {{}} and {{}} are on the agenda",
            "commentary": f"What {main.name.split()[-1]} means by {{}} and {{}}",
        }[kind].format(*topic_words)
        parts = [
            title,
            "",
            f"{rng.choice(('Moscow', 'Geneva', 'New York', 'Beijing', 'Minsk'))}, {day:%B %d, %Y}",
            "",
        ]
        offset = sum(len(p) + 1 for p in parts)
        passages: list[PassageReading] = []
        voices: dict[str, Person] = {main.name: main}
        group = 0
        for position in range(count):
            voice: Person | None = main
            if kind == "transcript":
                passage_kind = "question" if position % 3 == 0 else "turn"
                if passage_kind == "question":
                    voice, group = None, group + 1
            elif kind == "speech":
                passage_kind = "remarks"
            else:
                passage_kind = "reported" if rng.random() < 0.55 else "quote"
                group += 1
            if voice is not None and voice is main and rng.random() < 0.12:
                voice = rng.choices(self.cast[3:], cum_weights=minor_weights)[0]
            if voice is not None:
                voices[voice.name] = voice
            label = (
                "Question: "
                if voice is None and kind == "transcript"
                else (f"{voice.name}: " if kind == "transcript" and voice is not None else "")
            )
            words: list[str] = []
            sentences = []
            for _ in range(rng.choices((1, 2, 3, 4), weights=(3, 4, 2, 1))[0]):
                sentence = self.vocabulary.sentence(rng, rng.randint(6, 28))
                words.extend(sentence)
                text = " ".join(sentence)
                sentences.append(text[0].upper() + text[1:] + rng.choice(".....?!"))
            if passage_kind == "reported" and voice is not None:
                sentences.insert(0, f"{voice.name.split()[-1]} said that")
            body = " ".join(sentences)
            start = offset + len(label)
            parts.append(label + body)
            parts.append("")
            offset += len(label) + len(body) + 2
            passages.append(
                PassageReading(
                    kind=passage_kind,
                    speaker=voice.name if voice else None,
                    start=start,
                    end=start + len(body),
                    topics=self.tagger.tag(words, body, rng),
                    group=group if kind != "speech" else 0,
                )
            )
        text = "\n".join(parts)
        event_on = day - dt.timedelta(days=rng.randint(0, 2)) if kind in ("transcript", "speech") else None
        reading = DocumentReading(
            file=f"bench-{self.seed}-{number:07d}.txt",
            text=text,
            kind=kind,
            title=title,
            author=None if kind != "commentary" else rng.choice(self.cast[3:]).name,
            publisher=rng.choice(PUBLISHERS),
            published_on=day,
            event_on=event_on,
            location=None,
            speakers=[SpeakerReading(p.name, list(p.aliases), p.role) for p in voices.values()],
            passages=passages,
        )
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return CorpusDocument(reading, digest, f"bench/{reading.file}")


def fingerprint(corpus: Corpus) -> str:
    """A hash of every document's text, metadata and passages: equal fingerprints, equal corpora."""
    digest = hashlib.sha256()
    for doc in corpus.documents():
        digest.update(json.dumps(doc.reading.as_dict(), sort_keys=True, default=str).encode("utf-8"))
    return digest.hexdigest()
