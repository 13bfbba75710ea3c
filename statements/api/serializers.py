"""The API's records: the same field names as the CSV, the export and ``/q/<id>.json``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from statements.models import METADATA_FIELDS, Annotation, Document, Passage, Speaker, Topic


class SpeakerSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The speaker's page.")

    class Meta:
        model = Speaker
        fields = ("slug", "name", "role", "url")

    @extend_schema_field(serializers.URLField())
    def get_url(self, speaker: Speaker) -> str:
        return self.context["request"].build_absolute_uri(speaker.get_absolute_url())


class TopicSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The topic's page.")

    class Meta:
        model = Topic
        fields = ("slug", "name", "url")

    @extend_schema_field(serializers.URLField())
    def get_url(self, topic: Topic) -> str:
        return self.context["request"].build_absolute_uri(topic.get_absolute_url())


class DocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The document's page, its whole text in reading order.")
    published_on = serializers.DateField(allow_null=True)
    event_on = serializers.DateField(allow_null=True)

    class Meta:
        model = Document
        fields = ("slug", *METADATA_FIELDS, "url")

    @extend_schema_field(serializers.URLField())
    def get_url(self, document: Document) -> str:
        return self.context["request"].build_absolute_uri(document.get_absolute_url())


class AnnotationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Annotation
        fields = ("kind", "body", "updated_at")


class PassageSerializer(serializers.ModelSerializer):
    """A statement: its words, who said them, when, and where they were said."""

    permalink = serializers.SerializerMethodField(help_text="The statement's permanent link.")
    speaker = SpeakerSerializer(allow_null=True, help_text="Null when the source does not say who spoke.")
    date = serializers.DateField(source="said_on", allow_null=True, help_text="The day it was said.")
    kind = serializers.SerializerMethodField(
        help_text="verbatim (own words) or paraphrase (reported speech)."
    )
    passage_kind = serializers.CharField(
        source="kind", help_text="turn, remarks, quote, reported or question."
    )
    document = DocumentSerializer()
    topics = serializers.SerializerMethodField(help_text="Slugs of the statement's topics.")
    annotations = serializers.SerializerMethodField(help_text="Editors' published notes.")

    class Meta:
        model = Passage
        fields = (
            "public_id",
            "permalink",
            "speaker",
            "date",
            "kind",
            "passage_kind",
            "text",
            "document",
            "topics",
            "annotations",
        )

    @extend_schema_field(serializers.URLField())
    def get_permalink(self, passage: Passage) -> str:
        return self.context["request"].build_absolute_uri(passage.get_absolute_url())

    @extend_schema_field(serializers.ChoiceField(choices=["verbatim", "paraphrase"]))
    def get_kind(self, passage: Passage) -> str:
        return "verbatim" if passage.is_verbatim else "paraphrase"

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_topics(self, passage: Passage) -> list[str]:
        return [t.slug for t in passage.topics.all()]

    @extend_schema_field(AnnotationSerializer(many=True))
    def get_annotations(self, passage: Passage) -> list[dict]:
        published = [a for a in passage.annotations.all() if a.published]
        return AnnotationSerializer(published, many=True).data


class WithdrawnSerializer(serializers.Serializer):
    """What a withdrawn permalink answers (status 410): it was there, and why it is gone."""

    public_id = serializers.CharField()
    status = serializers.ChoiceField(choices=["withdrawn"])
    reason = serializers.CharField()
    withdrawn_at = serializers.DateTimeField()


def displayed(passages: list[Passage]) -> list[Passage]:
    """The same passages with everything a record shows, read in three queries, in the same order."""
    rows = Passage.objects.filter(pk__in=[p.pk for p in passages]).for_record().in_bulk()
    return [rows[p.pk] for p in passages if p.pk in rows]
