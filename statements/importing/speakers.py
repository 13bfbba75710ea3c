"""The one registry of speakers during an import: whom the reader knows, and their rows.

The reader is told every speaker the archive and ``fixtures/speakers.json`` know,
and every one an earlier file of the run brought in, so that "Lavrov" in the tenth
file is the Sergey Lavrov of the first. The rows behind those names are read once
per run and the new ones written together.
"""

from __future__ import annotations

from simple_history.utils import bulk_create_with_history

from statements.ingest import DocumentReading, KnownSpeaker
from statements.models import Speaker, SpeakerAlias, unique_slugs


class SpeakerRegistry:
    """Speakers by name for the reader (``known``) and as rows for the loader (``rows_for``)."""

    def __init__(self, known: list[KnownSpeaker]) -> None:
        self.known = known
        self._known_names = {n.lower() for k in known for n in (k.name, *k.aliases)}
        self._index: SpeakerIndex | None = None

    def learn(self, reading: DocumentReading) -> None:
        """Let the files read after this one recognise the speakers it names."""
        roles = {s.name: s.role for s in reading.speakers}
        for name in sorted({p.speaker for p in reading.passages if p.speaker} | set(roles)):
            self._learn(name, roles.get(name, ""))

    def _learn(self, name: str, role: str) -> None:
        if name.lower() not in self._known_names:
            self._known_names.add(name.lower())
            self.known.append(KnownSpeaker(name, (), role))

    def forget_rows(self) -> None:
        """Read the rows afresh next time: a rolled-back transaction may have made some of them."""
        self._index = None

    def rows_for(self, readings: list[DocumentReading]) -> list[dict[str, Speaker]]:
        """Speaker rows for every name each reading uses; the new ones are created together.

        The readings are taken in order, as if stored one by one: a name the first one
        brings in (or gives as an alias) is found again in the next.
        """
        if self._index is None:
            self._index = SpeakerIndex()
        index = self._index
        known = {k.name: k for k in self.known}
        found_by_reading = []
        for reading in readings:
            details = {s.name: s for s in reading.speakers}
            wanted = {p.speaker for p in reading.passages if p.speaker} | set(details)
            found: dict[str, Speaker] = {}
            for name in sorted(wanted):
                detail, listed = details.get(name), known.get(name)
                speaker = index.find(name)
                if speaker is None:
                    role = detail.role if detail else (listed.role if listed else "")
                    speaker = index.create(name, role)
                    self._learn(name, role)
                aliases = set(detail.aliases if detail else ()) | set(listed.aliases if listed else ())
                for alias in sorted(aliases - {speaker.name}):
                    index.add_alias(speaker, alias)
                found[name] = speaker
            found_by_reading.append(found)
        index.save()
        return found_by_reading


class SpeakerIndex:
    """The archive's speakers by lower-cased name and alias, read once per run.

    Names win over aliases, as a reader would expect: "Lavrov" names the speaker
    called Lavrov before it names someone with that alias. Speakers and aliases
    the run creates are found at once and written together by ``save``.
    """

    def __init__(self) -> None:
        self.by_name: dict[str, Speaker] = {}
        by_alias: dict[str, Speaker] = {}
        speakers = {s.pk: s for s in Speaker.objects.only("pk", "name", "slug")}
        for speaker in speakers.values():
            self.by_name.setdefault(speaker.name.lower(), speaker)
        for speaker_id, alias in SpeakerAlias.objects.values_list("speaker_id", "name"):
            by_alias.setdefault(alias.lower(), speakers[speaker_id])
        self.aliases = set(by_alias)
        self.by_alias = by_alias
        self.new_speakers: list[Speaker] = []
        self.new_aliases: list[SpeakerAlias] = []

    def find(self, name: str) -> Speaker | None:
        return self.by_name.get(name.lower()) or self.by_alias.get(name.lower())

    def create(self, name: str, role: str) -> Speaker:
        """A new speaker, found from now on, written by the next ``save``."""
        speaker = Speaker(name=name, role=role[:200])
        self.new_speakers.append(speaker)
        self.by_name.setdefault(name.lower(), speaker)
        return speaker

    def add_alias(self, speaker: Speaker, alias: str) -> None:
        """Record ``alias`` for ``speaker`` unless some speaker already has it."""
        alias = alias[:200]
        if alias and alias.lower() not in self.aliases:
            self.new_aliases.append(SpeakerAlias(speaker=speaker, name=alias))
            self.aliases.add(alias.lower())
            self.by_alias.setdefault(alias.lower(), speaker)

    def save(self) -> None:
        """Write the speakers and aliases created since the last call: two INSERTs and the history's."""
        if self.new_speakers:
            for speaker, slug in zip(
                self.new_speakers, unique_slugs(Speaker, [s.name for s in self.new_speakers]), strict=True
            ):
                speaker.slug = slug
            bulk_create_with_history(self.new_speakers, Speaker)
        if self.new_aliases:
            SpeakerAlias.objects.bulk_create(self.new_aliases)
        self.new_speakers, self.new_aliases = [], []
