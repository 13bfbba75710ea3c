"""Small builders for archive rows, so each test states only what it is about."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools

from statements.models import Document, Passage, PassageKind, PassageTopic, Speaker, Topic, unique_slug

_counter = itertools.count()


def speaker(name: str, role: str = "") -> Speaker:
    return Speaker.objects.get_or_create(
        name=name, defaults={"slug": unique_slug(Speaker, name), "role": role}
    )[0]


def topic(name: str, keywords: list[str] | None = None) -> Topic:
    return Topic.objects.get_or_create(
        name=name, defaults={"slug": unique_slug(Topic, name), "keywords": keywords or []}
    )[0]


def document(
    title: str = "Briefing", *, kind: str = "transcript", published_on: dt.date | None = None
) -> Document:
    n = next(_counter)
    return Document.objects.create(
        title=title,
        slug=unique_slug(Document, f"{title}-{n}"),
        kind=kind,
        published_on=published_on,
        text="",
        content_hash=hashlib.sha256(f"{title}{n}".encode()).hexdigest(),
        file_name=f"doc-{n}.txt",
    )


def passage(
    text: str,
    *,
    by: Speaker | None = None,
    doc: Document | None = None,
    kind: str = PassageKind.TURN,
    said_on: dt.date | None = None,
    topics: list[Topic] = (),
) -> Passage:
    """A passage appended to ``doc``'s text, so offsets and the document stay consistent."""
    doc = doc or document()
    start = len(doc.text) + (2 if doc.text else 0)
    doc.text = (doc.text + "\n\n" if doc.text else "") + text
    doc.save(update_fields=["text"])
    made = Passage.objects.create(
        document=doc,
        position=doc.passages.count(),
        kind=kind,
        speaker=by,
        start=start,
        end=start + len(text),
        text=text,
        said_on=said_on if said_on is not None else doc.published_on,
    )
    for t in topics:
        PassageTopic.objects.create(passage=made, topic=t)
    return made
