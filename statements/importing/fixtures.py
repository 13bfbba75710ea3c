"""What the reader starts from besides the archive: the speakers and topics in ``fixtures/``."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from statements.ingest import KnownSpeaker
from statements.models import Speaker, Topic


def _fixture_json(name: str) -> list[dict]:
    path = Path(settings.FIXTURES_DIR) / name
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def known_speakers(*, archive: bool = True) -> list[KnownSpeaker]:
    """Speakers the reader should recognise: the archive's own (unless ``archive`` is off), then fixtures."""
    known = (
        [
            KnownSpeaker(s.name, tuple(a.name for a in s.aliases.all()), s.role)
            for s in Speaker.objects.prefetch_related("aliases")
        ]
        if archive
        else []
    )
    names = {k.name for k in known}
    aliases = {a for k in known for a in k.aliases}
    for entry in _fixture_json("speakers.json"):
        if entry["name"] not in names and entry["name"] not in aliases:
            known.append(KnownSpeaker(entry["name"], tuple(entry.get("aliases", ())), entry.get("role", "")))
    return known


def ensure_topics() -> None:
    """Create the fixture lexicon's topics that the archive does not have yet."""
    for entry in _fixture_json("topics.json"):
        Topic.objects.get_or_create(
            slug=entry["slug"], defaults={"name": entry["name"], "keywords": entry.get("keywords", [])}
        )


def lexicon_entries(*, archive: bool = True) -> list[dict]:
    """The archive's topics (editors may have changed them), then fixture topics it lacks."""
    topics = Topic.objects.all() if archive else []
    entries = [{"name": t.name, "slug": t.slug, "keywords": t.keywords} for t in topics]
    slugs = {e["slug"] for e in entries}
    return entries + [e for e in _fixture_json("topics.json") if e["slug"] not in slugs]
