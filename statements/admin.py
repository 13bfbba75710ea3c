"""Django admin for editors: find, correct and annotate passages; every change is in the history.

One module, as Django expects of an app's admin; the domain operations it offers
(merge, split, correct) live in ``editing.py``, so what is here is forms and lists.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from statements.editing import (
    EditingError,
    default_merge_target,
    merge_passages,
    merge_speakers,
    split_passage,
    split_point,
)
from statements.models import (
    METADATA_FIELDS,
    REVIEW_REASONS,
    Annotation,
    Document,
    Passage,
    PassageTopic,
    RetiredPassage,
    Speaker,
    SpeakerAlias,
    SpeakerRedirect,
    Topic,
)

#: Changing any of these in admin counts as checking the passage: it is marked verified,
#: which is what makes a re-import keep the editor's speaker, kind and date.
CORRECTION_FIELDS = ("speaker", "kind", "said_on")


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1


class MergeSpeakersForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Speaker.objects.none(), widget=forms.RadioSelect, label="Keep this speaker"
    )

    def __init__(self, *args, speakers: QuerySet[Speaker], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = speakers


@admin.register(Speaker)
class SpeakerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "role", "slug"]
    search_fields = ["name", "aliases__name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpeakerAliasInline]
    actions = ["merge_selected"]

    def save_model(self, request: HttpRequest, obj: Speaker, form, change: bool) -> None:
        """A renamed slug keeps its old page leading to the speaker."""
        old_slug = form.initial.get("slug") if change else None
        super().save_model(request, obj, form, change)
        if old_slug and old_slug != obj.slug:
            SpeakerRedirect.objects.update_or_create(old_slug=old_slug, defaults={"speaker": obj})
            SpeakerRedirect.objects.filter(old_slug=obj.slug).delete()

    @admin.action(description="Merge selected speakers into one…", permissions=["change"])
    def merge_selected(self, request: HttpRequest, queryset: QuerySet[Speaker]) -> HttpResponse | None:
        """Ask which speaker to keep, then fold the others into it."""
        speakers = queryset.with_counts().order_by("-passage_count", "name")
        if speakers.count() < 2:
            self.message_user(request, "Select at least two speakers to merge.", messages.WARNING)
            return None
        if "apply" in request.POST:
            form = MergeSpeakersForm(request.POST, speakers=speakers)
            if form.is_valid():
                target = form.cleaned_data["target"]
                others = [s for s in speakers if s.pk != target.pk]
                merge_speakers(target, others)
                names = ", ".join(s.name for s in others)
                self.message_user(request, f"Merged {names} into {target.name}.", messages.SUCCESS)
                return None
        else:
            form = MergeSpeakersForm(speakers=speakers, initial={"target": default_merge_target(speakers)})
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge speakers",
            "opts": self.model._meta,
            "form": form,
            "speakers": speakers,
            "rows": list(zip(form["target"], speakers, strict=False)),
            "action_name": "merge_selected",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/statements/speaker/merge.html", context)


@admin.register(SpeakerRedirect)
class SpeakerRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "speaker", "created_at"]
    search_fields = ["old_slug", "speaker__name"]
    autocomplete_fields = ["speaker"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "publisher", "published_on", "event_on", "file_name", "imported_at"]
    list_filter = ["kind", "published_on", "publisher"]
    search_fields = ["title", "author", "publisher", "file_name"]
    date_hierarchy = "published_on"
    readonly_fields = [
        "slug",
        "text",
        "content_hash",
        "file_name",
        "imported_at",
        "updated_at",
        "edited_fields",
    ]
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
        "edited_fields",
        "file_name",
        "content_hash",
        "imported_at",
        "updated_at",
        "text",
    ]

    def save_model(self, request: HttpRequest, obj: Document, form, change: bool) -> None:
        """Fields an editor changes are recorded, so a re-import does not overwrite them."""
        edited = [name for name in METADATA_FIELDS if name in form.changed_data]
        obj.edited_fields = sorted(set(obj.edited_fields) | set(edited))
        super().save_model(request, obj, form, change)


class AnnotationInline(admin.StackedInline):
    model = Annotation
    extra = 0
    fields = ["kind", "body", "published", "author", "created_at", "updated_at"]
    readonly_fields = ["author", "created_at", "updated_at"]


class PassageTopicInline(admin.TabularInline):
    model = PassageTopic
    extra = 0
    fields = ["topic", "by_editor"]
    readonly_fields = ["by_editor"]
    autocomplete_fields = ["topic"]
    verbose_name_plural = "topics (those you set here stay set when the file is re-imported)"


class NeedsReviewFilter(admin.SimpleListFilter):
    """The review queue: unverified passages the importer was unsure of, by reason."""

    title = "needs review"
    parameter_name = "review"

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        return [("any", "Any reason"), *((key, label) for key, (label, _) in REVIEW_REASONS.items())]

    def queryset(self, request, queryset: QuerySet[Passage]) -> QuerySet[Passage] | None:
        if self.value() == "any":
            return queryset.needing_review()
        if self.value() in REVIEW_REASONS:
            return queryset.needing_review(self.value())
        return None


class SplitForm(forms.Form):
    second_part_starts = forms.CharField(
        label="The second part starts with",
        help_text="Copy the first words of the new passage from the text above.",
        widget=forms.TextInput(attrs={"size": 60}),
    )


@admin.register(Passage)
class PassageAdmin(SimpleHistoryAdmin):
    list_display = [
        "public_id",
        "short_text",
        "speaker",
        "kind",
        "said_on",
        "document",
        "verified",
        "doubt_list",
    ]
    list_filter = [
        NeedsReviewFilter,
        "kind",
        "verified",
        "document__kind",
        ("speaker", admin.RelatedOnlyFieldListFilter),
        "topics",
    ]
    search_fields = ["public_id", "text", "speaker__name", "document__title"]
    list_select_related = ["speaker", "document"]
    autocomplete_fields = ["speaker"]
    readonly_fields = ["public_id", "document", "position", "start", "end", "text", "split_link"]
    fields = [
        "public_id",
        "document",
        "position",
        "start",
        "end",
        "text",
        "split_link",
        "speaker",
        "kind",
        "said_on",
        "verified",
        "doubts",
    ]
    inlines = [PassageTopicInline, AnnotationInline]
    actions = ["merge_selected"]

    @admin.display(description="text")
    def short_text(self, obj: Passage) -> str:
        return obj.text[:80]

    @admin.display(description="importer's doubts")
    def doubt_list(self, obj: Passage) -> str:
        return "; ".join(obj.doubts)

    @admin.display(description="split")
    def split_link(self, obj: Passage) -> str:
        if obj.pk is None:
            return "-"
        url = reverse("admin:statements_passage_split", args=[obj.pk])
        return format_html('<a href="{}">Split this passage in two…</a>', url)

    def save_model(self, request: HttpRequest, obj: Passage, form, change: bool) -> None:
        """A corrected speaker, kind or date marks the passage verified, unless the editor unticks it."""
        corrected = [name for name in CORRECTION_FIELDS if name in form.changed_data]
        if change and corrected and "verified" not in form.changed_data and not obj.verified:
            obj.verified = True
            self.message_user(request, "Your correction marked the passage verified.", messages.INFO)
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        """Annotations get their author; topics set here are the editor's and outlast re-imports."""
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Annotation) and instance.author_id is None:
                instance.author = request.user
            if isinstance(instance, PassageTopic):
                instance.by_editor = True
        for deleted in formset.deleted_objects:
            deleted.delete()
        for instance in instances:
            instance.save()
        formset.save_m2m()
        if formset.model is PassageTopic and (instances or formset.deleted_objects):
            passage = form.instance
            PassageTopic.objects.filter(passage=passage).update(by_editor=True)
            Passage.objects.filter(pk=passage.pk).update(topics_by_editor=True)

    def get_urls(self):
        split = path(
            "<path:object_id>/split/",
            self.admin_site.admin_view(self.split_view),
            name="statements_passage_split",
        )
        return [split, *super().get_urls()]

    def split_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Split a passage where the editor says the second part begins."""
        passage = get_object_or_404(Passage.objects.select_related("document", "speaker"), pk=object_id)
        if not self.has_change_permission(request, passage):
            raise PermissionDenied
        form = SplitForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                second = split_passage(passage, split_point(passage, form.cleaned_data["second_part_starts"]))
            except EditingError as error:
                form.add_error("second_part_starts", str(error))
            else:
                self.message_user(
                    request,
                    f"Split: {passage.public_id} keeps the first part, {second.public_id} is the second.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:statements_passage_change", args=[passage.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Split passage {passage.public_id}",
            "opts": self.model._meta,
            "original": passage,
            "passage": passage,
            "form": form,
        }
        return TemplateResponse(request, "admin/statements/passage/split.html", context)

    @admin.action(description="Merge selected adjacent passages into the first", permissions=["change"])
    def merge_selected(self, request: HttpRequest, queryset: QuerySet[Passage]) -> None:
        """Adjacent passages become one; the others' permalinks lead to it."""
        selected = list(queryset)
        try:
            merged = merge_passages(selected)
        except EditingError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(
            request, f"Merged {len(selected)} passages into {merged.public_id}.", messages.SUCCESS
        )


@admin.register(Annotation)
class AnnotationAdmin(SimpleHistoryAdmin):
    list_display = ["passage", "kind", "author", "published", "updated_at"]
    list_filter = ["kind", "published"]
    search_fields = ["body", "passage__public_id", "passage__text"]
    raw_id_fields = ["passage"]
    readonly_fields = ["author", "created_at", "updated_at"]
    fields = ["passage", "kind", "body", "published", "author", "created_at", "updated_at"]

    def save_model(self, request: HttpRequest, obj: Annotation, form, change: bool) -> None:
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
