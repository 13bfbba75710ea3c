"""Entry point of the reader: a document's text in, a DocumentReading out.

The reading goes in passes over the paragraphs, each claiming what it is sure
of: metadata and boilerplate first, then labelled turns, then unlabelled
remarks after an introduction, and last the narration, where quotes and
reported speech are found sentence by sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from statements.ingest import kinds
from statements.ingest.authorship import find_author
from statements.ingest.evidence import HEAD_PARAGRAPHS, Evidence
from statements.ingest.metadata import read_metadata
from statements.ingest.narration import NarrationReader
from statements.ingest.noise import continues_link_title, is_comments_header, is_noise, is_plea
from statements.ingest.paragraphs import Paragraph, paragraphs, pieces
from statements.ingest.records import DocumentReading, KnownSpeaker, PassageReading
from statements.ingest.remarks import RemarksParagraph, find_remarks
from statements.ingest.speakers import SpeakerBook
from statements.ingest.topics import Lexicon
from statements.ingest.turns import find_turns, label_candidates, without_headline

_LINK_INTRO = re.compile(r"(?:also\s+read|read\s+also|see\s+also|read\s+more)\b", re.IGNORECASE)
#: A plea to subscribe this far into a text closes the article: what follows is readers' comments.
_TAIL_SHARE = 0.75
#: Longer passages are cut at sentence ends (see paragraphs.pieces): a quote is a readable stretch.
MAX_PASSAGE_CHARS = 10_000


def _within_limit(text: str, passage: PassageReading) -> list[PassageReading]:
    """The passage, or consecutive pieces of it when it is longer than a passage may be."""
    spans = pieces(text, passage.start, passage.end, MAX_PASSAGE_CHARS)
    if len(spans) == 1:
        return [passage]
    return [replace(passage, start=s, end=e, doubts=list(passage.doubts)) for s, e in spans]


def _noise_indices(text: str, paras: list[Paragraph], labelled: set[int]) -> set[int]:
    """Boilerplate paragraphs, the rest of a link's title, and the comments after a closing plea.

    A paragraph that opens with a label (``labelled``) is someone's turn: a question that
    asks whether Moscow subscribes to an idea is not a plea to subscribe.
    """
    noise: set[int] = set()
    tail_from = None
    for para in paras:
        if is_noise(text, para.start, para.end):
            noise.add(para.index)
            if _LINK_INTRO.match(text, para.start, para.end) and para.index + 1 < len(paras):
                nxt = paras[para.index + 1]
                if continues_link_title(text, nxt.start, nxt.end) and not text[
                    para.start : para.end
                ].rstrip().endswith((".", ":")):
                    noise.add(nxt.index)
        if (
            tail_from is None
            and para.index not in labelled
            and (
                is_comments_header(text, para.start, para.end)
                or (para.index >= len(paras) * _TAIL_SHARE and is_plea(text, para.start, para.end))
            )
        ):
            tail_from = para.index
    if tail_from is not None:
        noise.update(range(tail_from, len(paras)))
    return noise


def read_document(
    text: str,
    *,
    file_name: str,
    known_speakers: Iterable[KnownSpeaker] = (),
    lexicon: Lexicon | None = None,
) -> DocumentReading:
    """Read one file's text: its metadata, who speaks in each paragraph, and what about."""
    paras = list(paragraphs(text))
    head_end = paras[min(len(paras), HEAD_PARAGRAPHS) - 1].end if paras else 0
    evidence = Evidence(text, text[:head_end])
    book = SpeakerBook(known_speakers, evidence)
    candidates = label_candidates(text, paras)
    noise = _noise_indices(text, paras, set(candidates))
    candidates = without_headline(text, candidates, paras, noise)
    meta = read_metadata(text, paras, lambda p: p.index in candidates)
    closed = noise | meta.claimed

    def stops(para: Paragraph) -> bool:
        return para.index in closed

    candidates = {i: c for i, c in candidates.items() if i not in closed}
    turns = find_turns(text, paras, book, stops, candidates, evidence)
    owned = {t.para.index for t in turns}
    author = None
    if not turns:
        headline = paras[meta.title_index] if meta.title_index is not None else None
        author = find_author(text, paras, headline, stops, book, evidence)
    if author is not None:
        writer, body = author
        book.speaking(writer.speaker)
        remarks = [RemarksParagraph(p, p.start, p.end, writer.speaker, 1) for p in body]
    else:
        remarks = find_remarks(
            text,
            paras,
            book,
            free=lambda p: p.index not in owned,
            stops=stops,
            first_speech=max((t.turn for t in turns), default=0),
        )
    owned |= {r.para.index for r in remarks}

    doc = DocumentReading(file=file_name, text=text, **meta.facts())
    passages: list[PassageReading] = []
    for t in turns:
        kind = "question" if t.question else "turn"
        doubts = [] if t.question or book.people[t.speaker].known else ["speaker unknown"]
        passages.append(PassageReading(kind, t.speaker, t.start, t.end, group=t.turn, doubts=doubts))
    remarks_doubt = (
        "unlabelled remarks"
        if author is None
        else ("speaker from the signature" if author[0].signed else "speaker named by the headline")
    )
    for r in remarks:
        passages.append(
            PassageReading("remarks", r.speaker, r.start, r.end, group=r.speech, doubts=[remarks_doubt])
        )

    narration = NarrationReader(text, book, paras)
    if meta.title_index is not None and not owned:
        narration.headline(paras[meta.title_index])
    narrated_chars = 0
    for para in paras:
        if para.index in owned or para.index in closed:
            continue
        narrated_chars += para.end - para.start
        for found in narration.read(para):
            book.speaking(found.speaker)
            doubts = ["reported speech"] if found.kind == "reported" else []
            if not book.people[found.speaker].known:
                doubts.append("speaker unknown")
            passages.append(PassageReading(found.kind, found.speaker, found.start, found.end, doubts=doubts))

    passages = [piece for passage in passages for piece in _within_limit(text, passage)]
    passages.sort(key=lambda p: (p.start, p.end))
    undated = doc.published_on is None and doc.event_on is None
    for passage in passages:
        if undated:
            passage.doubts.append("no date")
        if lexicon is not None:
            passage.topics = lexicon.tag(text[passage.start : passage.end])
    doc.passages = passages
    doc.speakers = book.readings()
    doc.kind = kinds.document_kind(
        text, paras, turns, remarks, owned | closed, written=author is not None and not author[0].spoken
    )
    return doc
