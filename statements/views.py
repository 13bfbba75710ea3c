"""Public pages: thin views over querysets; the templates do the showing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from statements.models import Document, Passage, Speaker, Topic


def home(request: HttpRequest) -> HttpResponse:
    documents = Document.objects.with_counts().order_by("-published_on", "title")
    return render(request, "statements/home.html", {"documents": documents})


def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(Document, slug=slug)
    passages = document.passages.select_related("speaker").order_by("position")
    return render(request, "statements/document.html", {"document": document, "passages": passages})


def speaker_detail(request: HttpRequest, slug: str) -> HttpResponse:
    speaker = get_object_or_404(Speaker.objects.prefetch_related("aliases"), slug=slug)
    passages = speaker.passages.select_related("document").order_by("-said_on", "document", "position")[:50]
    return render(request, "statements/speaker.html", {"speaker": speaker, "passages": passages})


def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    passages = topic.passages.select_related("document", "speaker").order_by("-said_on", "position")[:50]
    return render(request, "statements/topic.html", {"topic": topic, "passages": passages})


def passage_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    passage = get_object_or_404(Passage.objects.for_display(), public_id=public_id)
    return render(request, "statements/passage.html", {"passage": passage})
