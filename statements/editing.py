"""Editors' structural corrections: splitting and merging passages, merging speakers.

Each runs in one transaction, and none breaks a shared link: a split keeps the
passage's permalink on its first part, a merge retires the other permalinks into
redirects to the merged passage, and a merged speaker's slug keeps leading to the
speaker it was merged into. Structural edits count as an editor's check, so the
passages they make are marked verified and a re-import keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import F

from statements.models import (
    Annotation,
    Passage,
    PassageTopic,
    RetiredPassage,
    Speaker,
    SpeakerAlias,
    SpeakerRedirect,
    new_public_id,
)

#: Positions are moved through this range so the (document, position) constraint never collides.
_SHIFT = 1_000_000


class EditingError(ValueError):
    """An edit that cannot be done as asked; the message says why, for the editor."""


def _shift_positions(document_id: int, after: int, by: int) -> None:
    """Move the passages after position ``after`` by ``by`` places, in two collision-free steps."""
    later = Passage.objects.filter(document_id=document_id, position__gt=after)
    later.update(position=F("position") + _SHIFT)
    Passage.objects.filter(document_id=document_id, position__gt=after + _SHIFT).update(
        position=F("position") - _SHIFT + by
    )


def split_point(passage: Passage, second_part_starts: str) -> int:
    """Where the second part begins: the first place the editor's words occur, not at the edges."""
    needle = second_part_starts.strip()
    at = passage.text.find(needle, 1) if needle else -1
    if at <= 0 or not passage.text[:at].strip():
        raise EditingError(f"“{needle}” does not occur after the start of the passage.")
    return at


@transaction.atomic
def split_passage(passage: Passage, at: int) -> Passage:
    """Split ``passage`` at character ``at`` of its text; the second part gets a new permalink.

    The first part keeps the public id, annotations and history; the second copies
    speaker, kind, date and topics, since it was said by the same voice until corrected.
    """
    passage = Passage.objects.select_for_update().get(pk=passage.pk)
    first_text, second_text = passage.text[:at], passage.text[at:]
    if not first_text.strip() or not second_text.strip():
        raise EditingError("Both parts of a split need some text.")
    first_end = passage.start + len(first_text.rstrip())
    second_start = passage.start + at + (len(second_text) - len(second_text.lstrip()))
    _shift_positions(passage.document_id, passage.position, 1)
    second = Passage(
        public_id=new_public_id(),
        document=passage.document,
        position=passage.position + 1,
        group=passage.group,
        kind=passage.kind,
        speaker=passage.speaker,
        start=second_start,
        end=passage.end,
        text=second_text.strip(),
        said_on=passage.said_on,
        verified=True,
        doubts=passage.doubts,
        topics_by_editor=passage.topics_by_editor,
    )
    second.save()
    PassageTopic.objects.bulk_create(
        PassageTopic(passage=second, topic_id=t.topic_id, by_editor=t.by_editor)
        for t in passage.passagetopic_set.all()
    )
    passage.text = first_text.strip()
    passage.end = first_end
    passage.verified = True
    passage.save()
    return second


@transaction.atomic
def merge_passages(passages: Sequence[Passage]) -> Passage:
    """Merge adjacent passages of one document into the first; the others' links lead to it."""
    ids = [p.pk for p in passages]
    rows = list(Passage.objects.select_for_update().filter(pk__in=ids).order_by("position"))
    if len(rows) < 2:
        raise EditingError("Choose at least two passages to merge.")
    if len({p.document_id for p in rows}) != 1:
        raise EditingError("Only passages of one document can be merged.")
    positions = [p.position for p in rows]
    if positions != list(range(positions[0], positions[0] + len(rows))):
        raise EditingError("Only adjacent passages can be merged; select the ones in between too.")
    first, others = rows[0], rows[1:]
    first.end = max(p.end for p in rows)
    first.text = "\n\n".join(p.text for p in rows)
    first.verified = True
    first.topics_by_editor = any(p.topics_by_editor for p in rows)
    other_ids = [p.pk for p in others]
    Annotation.objects.filter(passage_id__in=other_ids).update(passage=first)
    have = set(first.passagetopic_set.values_list("topic_id", flat=True))
    for row in PassageTopic.objects.filter(passage_id__in=other_ids).order_by("-by_editor"):
        if row.topic_id not in have:
            PassageTopic.objects.create(passage=first, topic_id=row.topic_id, by_editor=row.by_editor)
            have.add(row.topic_id)
    RetiredPassage.objects.filter(successor_id__in=other_ids).update(successor=first)
    RetiredPassage.objects.bulk_create(
        RetiredPassage(public_id=p.public_id, successor=first, reason=f"merged into {first.public_id}")
        for p in others
    )
    last_position = others[-1].position
    for other in others:
        other.delete()
    first.save()
    _shift_positions(first.document_id, last_position, -len(others))
    return first


def default_merge_target(speakers: Sequence[Speaker]) -> Speaker:
    """The speaker with the most passages (then the oldest row): usually the canonical one."""
    counted = Speaker.objects.with_counts().filter(pk__in=[s.pk for s in speakers])
    return counted.order_by("-passage_count", "pk").first()


@transaction.atomic
def merge_speakers(target: Speaker, duplicates: Sequence[Speaker]) -> Speaker:
    """Fold ``duplicates`` into ``target``: passages, aliases, names and slugs all lead to it."""
    duplicates = [d for d in duplicates if d.pk != target.pk]
    for duplicate in duplicates:
        Passage.objects.filter(speaker=duplicate).update(speaker=target, speaker_name=target.name)
        SpeakerAlias.objects.filter(speaker=duplicate).update(speaker=target)
        SpeakerRedirect.objects.filter(speaker=duplicate).update(speaker=target)
        old_name, old_slug = duplicate.name, duplicate.slug
        duplicate.delete()
        SpeakerRedirect.objects.update_or_create(old_slug=old_slug, defaults={"speaker": target})
        known = SpeakerAlias.objects.filter(name__iexact=old_name).exists()
        if old_name.lower() != target.name.lower() and not known:
            SpeakerAlias.objects.create(name=old_name, speaker=target)
    SpeakerAlias.objects.filter(speaker=target, name__iexact=target.name).delete()
    if not target.role:
        target.role = next((d.role for d in duplicates if d.role), "")
        target.save()
    return target
