"""Django admin for editors: find, correct and annotate passages."""

from __future__ import annotations

from django.contrib import admin

from statements.models import (
    Annotation,
    Document,
    Passage,
    PassageTopic,
    RetiredPassage,
    Speaker,
    SpeakerAlias,
    Topic,
)


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "slug"]
    search_fields = ["name", "aliases__name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpeakerAliasInline]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "publisher", "published_on", "event_on", "file_name", "imported_at"]
    list_filter = ["kind", "published_on", "publisher"]
    search_fields = ["title", "author", "publisher", "file_name"]
    date_hierarchy = "published_on"
    readonly_fields = ["text", "content_hash", "file_name", "imported_at", "updated_at"]
    fields = [
        "title",
        "slug",
        "kind",
        "author",
        "publisher",
        "source_url",
        "published_on",
        "event_on",
        "location",
        "file_name",
        "content_hash",
        "imported_at",
        "updated_at",
        "text",
    ]


class AnnotationInline(admin.StackedInline):
    model = Annotation
    extra = 0
    fields = ["kind", "body", "published"]


class PassageTopicInline(admin.TabularInline):
    model = PassageTopic
    extra = 0
    autocomplete_fields = ["topic"]


@admin.register(Passage)
class PassageAdmin(admin.ModelAdmin):
    list_display = ["public_id", "short_text", "speaker", "kind", "said_on", "document", "verified"]
    list_filter = [
        "kind",
        "verified",
        "document__kind",
        ("speaker", admin.RelatedOnlyFieldListFilter),
        "topics",
    ]
    search_fields = ["public_id", "text", "speaker__name", "document__title"]
    list_select_related = ["speaker", "document"]
    autocomplete_fields = ["speaker"]
    readonly_fields = ["public_id", "document", "position", "start", "end", "text"]
    fields = [
        "public_id",
        "document",
        "position",
        "start",
        "end",
        "text",
        "speaker",
        "kind",
        "said_on",
        "verified",
        "doubts",
    ]
    inlines = [PassageTopicInline, AnnotationInline]

    @admin.display(description="text")
    def short_text(self, obj: Passage) -> str:
        return obj.text[:80]


@admin.register(Annotation)
class AnnotationAdmin(admin.ModelAdmin):
    list_display = ["passage", "kind", "author", "published", "updated_at"]
    list_filter = ["kind", "published"]
    search_fields = ["body", "passage__public_id", "passage__text"]
    raw_id_fields = ["passage"]

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(RetiredPassage)
class RetiredPassageAdmin(admin.ModelAdmin):
    list_display = ["public_id", "successor", "reason", "retired_at"]
    search_fields = ["public_id", "reason"]


@admin.register(SpeakerAlias)
class SpeakerAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "speaker"]
    search_fields = ["name", "speaker__name"]
    autocomplete_fields = ["speaker"]
