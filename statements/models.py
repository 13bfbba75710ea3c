"""The archive's data: documents, speakers, passages, topics and annotations.

One module, as Django lays out an app: the models refer to each other (a passage to its
document, speaker and topics; an annotation to its passage), and each keeps its manager
and queryset beside it, so the whole data model reads in one place.
"""

from __future__ import annotations

import secrets
from collections import Counter

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Cast, Floor, Random
from django.dispatch import Signal
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

SEARCH_CONFIG = "english"
#: Passages draw a sample bucket out of this many; the samples are the first 1, 3, 10, 30 and 100
#: buckets. Each sample is about three times the one before, so that a count too small
#: for one sample is read from the next without reading far more rows than it needs.
SAMPLE_BUCKETS = 1000
SAMPLE_SIZES = (1, 3, 10, 30, 100)
PUBLIC_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
PUBLIC_ID_LENGTH = 8
#: Passage kinds in the speaker's own words; ``reported`` is paraphrase.
VERBATIM_KINDS = frozenset({"turn", "remarks", "quote"})
#: The document fields an import fills from the reader, and an editor's change keeps.
METADATA_FIELDS = (
    "title",
    "kind",
    "publisher",
    "author",
    "source_url",
    "published_on",
    "event_on",
    "location",
)
#: Sent after PostgreSQL gathered the passages' statistics afresh (an import's ANALYZE), so
#: that whatever plans from them reads them again.
passages_analyzed = Signal()


def unique_slug(model: type[models.Model], text: str, *, max_length: int = 80, exclude_pk=None) -> str:
    """A slug for ``text`` that no other row of ``model`` has yet."""
    base = _slug_base(text, max_length)
    candidate, n = base, 2
    others = model._default_manager.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    while others.filter(slug=candidate).exists():
        candidate = _numbered_slug(base, n, max_length)
        n += 1
    return candidate


def unique_slugs(model: type[models.Model], texts: list[str], *, max_length: int = 80) -> list[str]:
    """Slugs for ``texts`` that no row of ``model`` has, nor each other, in two queries however many.

    The same slugs ``unique_slug`` would give one text at a time (``briefing``, ``briefing-2``, ...).
    """
    bases = [_slug_base(text, max_length) for text in texts]
    manager = model._default_manager
    taken = set(manager.filter(slug__in=set(bases)).values_list("slug", flat=True))
    counts = Counter(bases)
    crowded = {base for base in bases if base in taken or counts[base] > 1}
    if crowded:
        near = Q()
        for base in crowded:
            near |= Q(slug__startswith=base[: max_length - 10])
        taken |= set(manager.filter(near).values_list("slug", flat=True))
    slugs = []
    for base in bases:
        candidate, n = base, 2
        while candidate in taken:
            candidate = _numbered_slug(base, n, max_length)
            n += 1
        taken.add(candidate)
        slugs.append(candidate)
    return slugs


def _slug_base(text: str, max_length: int) -> str:
    return slugify(text)[:max_length].strip("-") or "untitled"


def _numbered_slug(base: str, n: int, max_length: int) -> str:
    suffix = f"-{n}"
    return base[: max_length - len(suffix)] + suffix


class DocumentKind(models.TextChoices):
    TRANSCRIPT = "transcript", "Transcript"
    REPORT = "report", "News report"
    COMMENTARY = "commentary", "Commentary"
    SPEECH = "speech", "Speech"
    STATEMENT = "statement", "Statement"


class DocumentQuerySet(models.QuerySet):
    def with_counts(self) -> DocumentQuerySet:
        return self.annotate(passage_count=Count("passages"))


class Document(models.Model):
    """One imported source text, kept whole so every passage can be read in context."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=90, unique=True)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices, default=DocumentKind.REPORT)
    publisher = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=200, blank=True)
    source_url = models.URLField(max_length=1000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    event_on = models.DateField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    content_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the text as imported.")
    file_name = models.CharField(max_length=255, unique=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    #: Metadata fields an editor has set by hand; a re-import leaves them alone.
    edited_fields = ArrayField(models.CharField(max_length=40), default=list, blank=True)

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["text", "content_hash", "imported_at", "updated_at"])

    class Meta:
        ordering = ["-published_on", "title"]
        indexes = [models.Index(fields=["published_on"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:  # a new document has no passages yet
            self.passages.exclude(document_title=self.title).update(document_title=self.title)

    def get_absolute_url(self) -> str:
        return reverse("statements:document", args=[self.slug])

    @property
    def said_on(self):
        """The date a statement in this document was made: the event, else publication."""
        return self.event_on or self.published_on


class SpeakerQuerySet(models.QuerySet):
    def with_counts(self) -> SpeakerQuerySet:
        return self.annotate(passage_count=Count("passages"))


class Speaker(models.Model):
    """A person whose words are archived; interviewers are not speakers."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=90, unique=True)
    role = models.CharField(max_length=200, blank=True)

    objects = SpeakerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.passages.exclude(speaker_name=self.name).update(speaker_name=self.name)

    def get_absolute_url(self) -> str:
        return reverse("statements:speaker", args=[self.slug])


class SpeakerRedirect(models.Model):
    """A slug a speaker page used to have (before a merge or a rename): it leads on for good."""

    old_slug = models.SlugField(max_length=90, unique=True)
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.speaker.slug}"


class SpeakerAlias(models.Model):
    """Another form of a speaker's name ("S.V. Lavrov", "Sergei Lavrov", a misspelling)."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "speaker aliases"

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    """A subject; its keywords tag passages at import, editors may tag by hand."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    keywords = ArrayField(models.CharField(max_length=100), default=list, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("statements:topic", args=[self.slug])


class PassageKind(models.TextChoices):
    TURN = "turn", "Turn (verbatim)"
    REMARKS = "remarks", "Remarks (verbatim)"
    QUESTION = "question", "Question"
    QUOTE = "quote", "Quote (verbatim)"
    REPORTED = "reported", "Reported speech (paraphrase)"


def new_public_id() -> str:
    """A short random id for a permalink that no passage has ever had."""
    while True:
        candidate = "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(PUBLIC_ID_LENGTH))
        taken = Passage.objects.filter(public_id=candidate).exists()
        if not taken and not RetiredPassage.objects.filter(public_id=candidate).exists():
            return candidate


#: Why a passage is in the review queue: (label, condition). A verified passage is in none.
REVIEW_REASONS: dict[str, tuple[str, Q]] = {
    "unknown_speaker": ("Unknown speaker", Q(speaker__isnull=True) & ~Q(kind=PassageKind.QUESTION)),
    "reported": ("Reported speech", Q(kind=PassageKind.REPORTED)),
    "remarks": ("Remarks without labels", Q(kind=PassageKind.REMARKS)),
    "no_date": ("Missing date", Q(said_on__isnull=True)),
    "doubts": ("Importer doubts", ~Q(doubts=[])),
}


#: What a list of passages reads (templates/statements/_passage_item.html and the feeds): a
#: page of search results loads these and nothing else (``PassageQuerySet.for_listing``).
LISTED_FIELDS = (
    "public_id",
    "kind",
    "text",
    "said_on",
    "document__slug",
    "document__title",
    "document__imported_at",
    "speaker__slug",
    "speaker__name",
)


class PassageQuerySet(models.QuerySet):
    def for_display(self) -> PassageQuerySet:
        return self.select_related("speaker", "document").prefetch_related("topics")

    def for_listing(self) -> PassageQuerySet:
        """For lists of passages: only the columns a list shows (``LISTED_FIELDS``), in one query.

        A list shows each passage's speaker, date and source, not its topics or the document's
        whole text. Every search builds a page of these; the other columns would be read and
        turned into Python values on every page, for nothing.
        """
        return self.select_related("speaker", "document").only(*LISTED_FIELDS)

    def for_record(self) -> PassageQuerySet:
        """For a statement's full record (API, JSON, export): speaker, document, topics, published notes."""
        published = models.Prefetch("annotations", queryset=Annotation.objects.published().order_by("pk"))
        return (
            self.select_related("speaker", "document")
            .defer("document__text")
            .prefetch_related("topics", published)
        )

    def newest_first(self) -> PassageQuerySet:
        """Latest said first, undated last, ties in reading order (the passage_newest index's order)."""
        return self.order_by(F("said_on").desc(nulls_last=True), "document_id", "position")

    def statements(self) -> PassageQuerySet:
        """Passages that are someone's statement (questions are not)."""
        return self.exclude(kind=PassageKind.QUESTION)

    def needing_review(self, reason: str | None = None) -> PassageQuerySet:
        """Unverified passages the importer was unsure of, for one reason or any."""
        if reason is not None:
            return self.filter(verified=False).filter(REVIEW_REASONS[reason][1])
        any_reason = Q()
        for _, condition in REVIEW_REASONS.values():
            any_reason |= condition
        return self.filter(verified=False).filter(any_reason)


class Passage(models.Model):
    """A stretch of one document in one voice: the unit that is searched and cited."""

    # Unique by a constraint rather than unique=True, which would add a second (LIKE) index that
    # permalinks, which look ids up whole, never use and every imported passage would pay for.
    public_id = models.CharField(max_length=16, default=new_public_id, editable=False)
    # No index of its own for the document: the unique (document, position) index serves.
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="passages", db_index=False)
    position = models.PositiveIntegerField(help_text="Order of the passage in its document.")
    group = models.PositiveIntegerField(null=True, blank=True, help_text="Paragraphs of one turn share it.")
    kind = models.CharField(max_length=10, choices=PassageKind.choices)
    speaker = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="passages", db_index=False
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    said_on = models.DateField(null=True, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="passages", through="PassageTopic")
    verified = models.BooleanField(default=False, help_text="An editor has checked speaker, kind and date.")
    doubts = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    #: An editor has set this passage's topics by hand: a re-import leaves them alone.
    topics_by_editor = models.BooleanField(default=False, editable=False)
    #: The ids of ``topics``, sorted; database triggers keep it equal to the PassageTopic rows
    #: (statements/sql/copies.sql). Search filters and counts topics over many thousands of matching
    #: passages, which then needs no lookup per passage.
    topic_ids = ArrayField(models.BigIntegerField(), default=list, db_default=[], editable=False)
    #: The document's kind, kept equal to it by database triggers (statements/sql/copies.sql), so that the
    #: kind filter and facet read it off the passage.
    document_kind = models.CharField(max_length=20, db_default="", editable=False)
    #: A random number from 0 to 999, drawn by the database. Passages with a low one are a random
    #: sample of the archive with text indexes of their own: counts of very many matches are
    #: estimated from the sample's matches without reading all of them (statements/search/counting.py).
    sample_bucket = models.PositiveSmallIntegerField(
        db_default=Cast(Floor(Random() * SAMPLE_BUCKETS), models.PositiveSmallIntegerField()), editable=False
    )
    #: Copies of the speaker's name and document title, so the search vector can weight them.
    speaker_name = models.CharField(max_length=200, blank=True, editable=False)
    document_title = models.CharField(max_length=300, blank=True, editable=False)
    search_vector = models.GeneratedField(
        expression=SearchVector("speaker_name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("document_title", weight="B", config=SEARCH_CONFIG)
        + SearchVector("text", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = PassageQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["search_vector", "topic_ids", "document_kind", "sample_bucket"]
    )

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["public_id"], name="passage_public_id_unique"),
            models.UniqueConstraint(fields=["document", "position"], name="passage_position_unique"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="passage_offsets_ordered"),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="passage_search_gin"),
            GinIndex(fields=["topic_ids"], name="passage_topic_ids_gin"),
            # The text indexes of the 0.1%, 0.3%, 1%, 3% and 10% samples (see sample_bucket).
            *(
                GinIndex(
                    fields=["search_vector"],
                    name=f"passage_sample_{buckets}_gin",
                    condition=Q(sample_bucket__lt=buckets),
                )
                for buckets in SAMPLE_SIZES
            ),
            # What a sample's passages are counted by, for the samples of a listing without
            # words: read off this small index alone instead of one table page per passage.
            models.Index(
                fields=["sample_bucket"],
                include=["kind", "document_kind", "speaker", "said_on", "topic_ids"],
                condition=Q(sample_bucket__lt=SAMPLE_SIZES[-1]),
                name="passage_sample_facets",
            ),
            # The orders of the listings (newest and oldest first, ties in reading order), so
            # that a page of a filter-only listing is read off an index instead of sorted.
            models.Index(
                F("said_on").desc(nulls_last=True), F("document_id"), F("position"), name="passage_newest"
            ),
            models.Index(
                F("said_on").asc(nulls_last=True), F("document_id"), F("position"), name="passage_oldest"
            ),
            models.Index(
                F("speaker_id"),
                F("said_on").desc(nulls_last=True),
                F("document_id"),
                F("position"),
                name="passage_speaker_newest",
            ),
            # What a speaker or date filter is read through when it is combined with others (a
            # bitmap of its rows). The ordered indexes above serve too, but each of their entries
            # is one passage, while these single columns repeat, so B-tree deduplication keeps
            # one entry per speaker or day with its passages: an eighth of the size, and a
            # prolific speaker's or two years' rows (70,000 to 130,000 at 1M passages) are
            # listed in about half the time.
            models.Index(fields=["speaker"], name="passage_speaker"),
            models.Index(fields=["said_on"], name="passage_said_on"),
        ]

    def __str__(self) -> str:
        return f"{self.public_id}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.speaker_name = self.speaker.name if self.speaker_id else ""
        self.document_title = self.document.title
        self.document_kind = self.document.kind
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("statements:passage", args=[self.public_id])

    @property
    def is_verbatim(self) -> bool:
        return self.kind in VERBATIM_KINDS


class PassageTopic(models.Model):
    """A passage's topic, and whether the lexicon or an editor set it."""

    # No index of its own: the unique constraint's index starts with the passage.
    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, db_index=False)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE)
    by_editor = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["passage", "topic"], name="passage_topic_unique")]

    def __str__(self) -> str:
        return f"{self.topic} ({'editor' if self.by_editor else 'lexicon'})"


class RetiredPassage(models.Model):
    """A permalink whose passage was merged or withdrawn: it leads on, never to a bare 404."""

    public_id = models.CharField(max_length=16, unique=True)
    successor = models.ForeignKey(Passage, null=True, blank=True, on_delete=models.SET_NULL)
    reason = models.CharField(max_length=300, blank=True)
    retired_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.public_id


class AnnotationKind(models.TextChoices):
    CONTEXT = "context", "Context"
    FACT_CHECK = "fact_check", "Fact check"
    CORRECTION = "correction", "Correction"
    TRANSLATION = "translation", "Translation note"


class AnnotationQuerySet(models.QuerySet):
    def published(self) -> AnnotationQuerySet:
        return self.filter(published=True)


class Annotation(models.Model):
    """An editor's note on a passage; readers see it only once published."""

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="annotations")
    kind = models.CharField(max_length=20, choices=AnnotationKind.choices, default=AnnotationKind.CONTEXT)
    body = models.TextField(help_text="Plain text or Markdown.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    published = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnnotationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.passage.public_id}"
