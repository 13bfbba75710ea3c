"""Re-importing a document without losing editors' work.

Passages are matched to the rows they came from by their text, so public ids,
annotations, verified corrections and hand-set topics stay attached; passages
editors split or merged are found again; a corrected passage whose text is gone
from the new version is kept and flagged rather than dropped, and any other
passage that is gone is withdrawn (its permalink answers 410, its id is never
reused).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping

from django.db.models import F

from statements.importing.rows import copy_passages, copy_rows, fresh_public_ids
from statements.ingest import DocumentReading, PassageReading
from statements.models import Document, Passage, PassageTopic, RetiredPassage, Speaker

GONE_FROM_SOURCE = "text no longer in the source after re-import"


def reconcile(
    document: Document,
    reading: DocumentReading,
    speakers: Mapping[str, Speaker],
    topic_ids: Mapping[str, int],
) -> list[str]:
    """Write a new reading of a stored document over its passages; returns the flagged public ids."""
    said_on = document.event_on or document.published_on
    old = {p.pk: p for p in document.passages.prefetch_related("annotations")}
    by_text: dict[str, list[Passage]] = defaultdict(list)
    for passage in old.values():
        by_text[_normal(passage.text)].append(passage)
    if old:  # move old rows out of the way so new positions cannot collide
        Passage.objects.filter(pk__in=list(old)).update(position=F("position") + 1_000_000)

    texts = [reading.passage_text(item) for item in reading.passages]
    matched: list[Passage | None] = []
    for text in texts:
        candidates = by_text.get(_normal(text))
        matched.append(candidates.pop(0) if candidates else None)
    for passage in matched:
        if passage is not None:
            del old[passage.pk]
    splits, merges = _edited_runs(texts, matched, sorted(old.values(), key=lambda p: p.position))
    for passage in [p for run in splits.values() for p, _, _ in run] + [m for m, _ in merges.values()]:
        del old[passage.pk]
    covered = {i for first, (_, last) in merges.items() for i in range(first + 1, last + 1)}

    keep, create = [], []
    position = -1
    for index, (item, text) in enumerate(zip(reading.passages, texts, strict=True)):
        if index in covered:
            continue
        position += 1
        previous = matched[index]
        speaker = speakers.get(item.speaker) if item.speaker else None
        if previous is not None:
            _refresh(previous, item, text, position, speaker, said_on, document)
            keep.append((previous, item))
        elif index in splits:
            for offset, (piece, start, end) in enumerate(splits[index]):
                position += 1 if offset else 0
                _refresh(piece, item, piece.text, position, speaker, said_on, document)
                piece.start, piece.end = item.start + start, item.start + end
                keep.append((piece, item))
        elif index in merges:
            merged, last = merges[index]
            _refresh(merged, item, merged.text, position, speaker, said_on, document)
            merged.end = reading.passages[last].end
            keep.append((merged, item))
        else:
            passage = Passage(
                public_id="",
                document=document,
                position=position,
                group=item.group,
                kind=item.kind,
                speaker=speaker,
                start=item.start,
                end=item.end,
                text=text,
                said_on=said_on,
                doubts=item.doubts,
                speaker_name=speaker.name if speaker else "",
                document_title=document.title,
                document_kind=document.kind,
                topic_ids=sorted({topic_ids[t] for t in item.topics if t in topic_ids}),
            )
            create.append((passage, item))

    Passage.objects.bulk_update(
        [p for p, _ in keep],
        [
            "position",
            "group",
            "kind",
            "speaker",
            "start",
            "end",
            "text",
            "said_on",
            "doubts",
            "speaker_name",
            "document_title",
        ],
        batch_size=1000,
    )
    for (passage, _), public_id in zip(create, fresh_public_ids(len(create)), strict=True):
        passage.public_id = public_id
    copy_passages([p for p, _ in create])
    _tag(keep + create, topic_ids)
    return _settle_leftovers(document, list(old.values()), position + 1)


def _refresh(
    passage: Passage,
    item: PassageReading,
    text: str,
    position: int,
    speaker: Speaker | None,
    said_on: dt.date | None,
    document: Document,
) -> None:
    passage.position, passage.group, passage.start, passage.end = (
        position,
        item.group,
        item.start,
        item.end,
    )
    passage.text = text
    passage.document_title = document.title
    if not passage.verified:
        passage.kind = item.kind
        passage.speaker = speaker
        passage.speaker_name = speaker.name if speaker else ""
        passage.said_on = said_on
        passage.doubts = item.doubts


def _tag(pairs: list[tuple[Passage, PassageReading]], topic_ids: Mapping[str, int]) -> None:
    """Lexicon topics are replaced on every import; an editor's choice stays."""
    pairs = [(p, item) for p, item in pairs if not p.topics_by_editor]
    ids = [p.pk for p, _ in pairs]
    PassageTopic.objects.filter(passage_id__in=ids, by_editor=False).delete()
    edited = set(PassageTopic.objects.filter(passage_id__in=ids).values_list("passage_id", "topic_id"))
    rows = []
    for passage, item in pairs:
        for slug in dict.fromkeys(item.topics):
            topic_id = topic_ids.get(slug)
            if topic_id and (passage.pk, topic_id) not in edited:
                rows.append(PassageTopic(passage_id=passage.pk, topic_id=topic_id))
    copy_rows(
        PassageTopic,
        ["passage_id", "topic_id", "by_editor"],
        [(r.passage_id, r.topic_id, False) for r in rows],
    )


def _settle_leftovers(document: Document, leftovers: list[Passage], count: int) -> list[str]:
    """Old passages the new text no longer has: keep editors' work, retire the rest."""
    flagged = []
    for offset, passage in enumerate(leftovers):
        has_work = (
            passage.verified
            or passage.topics_by_editor
            or passage.annotations.exists()
            or passage.passagetopic_set.filter(by_editor=True).exists()
        )
        if has_work:
            passage.position = count + offset
            if GONE_FROM_SOURCE not in passage.doubts:
                passage.doubts = [*passage.doubts, GONE_FROM_SOURCE]
            passage.verified = False
            passage.save(update_fields=["position", "doubts", "verified"])
            flagged.append(passage.public_id)
        else:
            RetiredPassage.objects.create(
                public_id=passage.public_id,
                reason=f"withdrawn: {GONE_FROM_SOURCE} ({document.file_name})",
            )
            passage.delete()
    return flagged


def _edited_runs(
    texts: list[str], matched: list[Passage | None], leftovers: list[Passage]
) -> tuple[dict[int, list[tuple[Passage, int, int]]], dict[int, tuple[Passage, int]]]:
    """Passages editors split or merged, found again in a re-read text.

    A split paragraph comes back whole: consecutive old passages whose texts, in
    order, make up one new paragraph take its place, each at its own offsets
    inside it. A merged passage comes back in pieces: an old passage whose text
    is consecutive new paragraphs joined takes their place. Either way the
    editors' passages, permalinks and annotations stay, and nothing is doubled.
    Returns ``{paragraph: [(passage, start, end), ...]}`` for splits and
    ``{first paragraph: (passage, last paragraph)}`` for merges.
    """
    splits: dict[int, list[tuple[Passage, int, int]]] = {}
    merges: dict[int, tuple[Passage, int]] = {}
    free = [i for i, passage in enumerate(matched) if passage is None]
    remaining = list(leftovers)
    for index in free:
        whole = _normal(texts[index])
        for first in range(len(remaining)):
            run, joined = [], ""
            for passage in remaining[first:]:
                joined = f"{joined} {_normal(passage.text)}".strip()
                if not whole.startswith(joined):
                    break
                run.append(passage)
                if joined == whole:
                    break
            located = _locate(texts[index], run) if joined == whole and len(run) > 1 else None
            if located:
                splits[index] = located
                remaining = [p for p in remaining if p not in run]
                break
    used: set[int] = set(splits)
    for passage in remaining:
        target = _normal(passage.text)
        for start in free:
            if start in used:
                continue
            joined, end = "", start
            while end < len(texts) and end in free and end not in used:
                joined = f"{joined} {_normal(texts[end])}".strip()
                if not target.startswith(joined) or joined == target:
                    break
                end += 1
            if joined == target and end > start:
                merges[start] = (passage, end)
                used.update(range(start, end + 1))
                break
    return splits, merges


def _locate(text: str, run: list[Passage]) -> list[tuple[Passage, int, int]] | None:
    """Each passage's offsets inside ``text``, in order; None if one cannot be found verbatim."""
    found, cursor = [], 0
    for passage in run:
        at = text.find(passage.text, cursor)
        if at < 0:
            return None
        cursor = at + len(passage.text)
        found.append((passage, at, cursor))
    return found


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()
