"""Public pages: thin views over the search function and model querysets."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from statements import citations, exports
from statements.charts import time_chart
from statements.documents import document_segments
from statements.models import (
    Document,
    Passage,
    PassageKind,
    RetiredPassage,
    Speaker,
    SpeakerRedirect,
    Topic,
)
from statements.search import filters
from statements.search.filters import passage_filter
from statements.search.query import months, search

LIST_PAGE_SIZE = 20


def _search_link(**params: object) -> callable:
    """A link builder for chart bars: the search page for one period with ``params``."""

    def link(start: dt.date, end: dt.date) -> str:
        query = {k: v for k, v in params.items() if v not in (None, "")}
        query.update({"from": start.isoformat(), "to": end.isoformat()})
        return reverse("statements:search") + "?" + urlencode(query)

    return link


def home(request: HttpRequest) -> HttpResponse:
    statements = Passage.objects.statements()
    context = {
        "counts": {
            "statements": statements.count(),
            "documents": Document.objects.count(),
            "speakers": Speaker.objects.filter(passages__isnull=False).distinct().count(),
        },
        "recent": statements.for_listing().newest_first()[:8],
        "top_speakers": Speaker.objects.with_counts()
        .filter(passage_count__gt=0)
        .order_by("-passage_count")[:8],
        "top_topics": Topic.objects.annotate(passage_count=Count("passages"))
        .filter(passage_count__gt=0)
        .order_by("-passage_count")[:10],
        "documents": Document.objects.with_counts().order_by("-published_on", "title")[:10],
        "form": passage_filter().form,
    }
    return render(request, "statements/home.html", context)


def search_page(request: HttpRequest) -> HttpResponse:
    result = search(request.GET, page=request.GET.get("page"))
    filterset = passage_filter(request.GET)
    link_params = {k: getattr(v, "slug", v) for k, v in result.params.items() if k not in ("from", "to")}
    context = {
        "result": result,
        "form": filterset.form,
        "chart": time_chart(result.months, _search_link(**link_params)),
        "active": _active_filters(result.params),
        "csv_cap": exports.CSV_ROW_CAP,
    }
    return render(request, "statements/search.html", context)


def search_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The search's results as CSV, every page in the page's order, streamed, at most CSV_ROW_CAP rows."""
    rows = exports.search_rows(request.GET, request.build_absolute_uri)
    response = StreamingHttpResponse(
        exports.csv_lines(rows, exports.SEARCH_COLUMNS), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="statements.csv"'
    return response


def _active_filters(params: dict) -> list[tuple[str, str]]:
    """(parameter, label) for every active filter, so the page can offer to remove each."""
    return [(f.name, f"{f.name}: {params[f.name]}") for f in filters.FILTERS if params.get(f.name)]


def passage_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    passage = Passage.objects.for_display().filter(public_id=public_id).first()
    if passage is None:
        retired = RetiredPassage.objects.select_related("successor").filter(public_id=public_id).first()
        if retired is None:
            raise Http404("No passage has this link.")
        if retired.successor is not None:
            return HttpResponsePermanentRedirect(retired.successor.get_absolute_url())
        return render(request, "statements/withdrawn.html", {"retired": retired}, status=410)
    siblings = passage.document.passages.select_related("speaker")
    question = None
    if passage.kind in (PassageKind.TURN, PassageKind.REMARKS):
        question = (
            siblings.filter(position__lt=passage.position, kind=PassageKind.QUESTION)
            .order_by("-position")
            .first()
        )
    context = {
        "passage": passage,
        "question": question,
        "before": list(
            siblings.filter(position__lt=passage.position)
            .exclude(pk=getattr(question, "pk", None))
            .order_by("-position")[:2]
        )[::-1],
        "after": siblings.filter(position__gt=passage.position).order_by("position")[:2],
        "annotations": passage.annotations.published(),
        "permalink": request.build_absolute_uri(passage.get_absolute_url()),
        "quotation": citations.quotation(passage, request.build_absolute_uri),
        "citations": citations.citations(passage, request.build_absolute_uri),
        "csl_json": json.dumps([citations.csl_item(passage, request.build_absolute_uri)], indent=2),
    }
    return render(request, "statements/passage.html", context)


def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(Document, slug=slug)
    passages = list(
        document.passages.select_related("speaker").prefetch_related("annotations").order_by("position")
    )
    context = {
        "document": document,
        "segments": document_segments(document.text, passages),
        "speakers": sorted({p.speaker for p in passages if p.speaker}, key=lambda s: s.name),
    }
    return render(request, "statements/document.html", context)


def speaker_list(request: HttpRequest) -> HttpResponse:
    speakers = Speaker.objects.with_counts().filter(passage_count__gt=0).order_by("-passage_count", "name")
    return render(request, "statements/speaker_list.html", {"speakers": speakers})


def speaker_detail(request: HttpRequest, slug: str) -> HttpResponse:
    speaker = _speaker_or_redirect(slug)
    if isinstance(speaker, HttpResponse):
        return speaker
    statements = speaker.passages.statements()
    page = Paginator(statements.for_listing().newest_first(), LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "speaker": speaker,
        "page": page,
        "counts": {
            "verbatim": statements.exclude(kind=PassageKind.REPORTED).count(),
            "reported": statements.filter(kind=PassageKind.REPORTED).count(),
            "documents": statements.values("document").distinct().count(),
        },
        "topics": Topic.objects.filter(passages__speaker=speaker)
        .annotate(n=Count("passages", filter=Q(passages__speaker=speaker)))
        .order_by("-n")[:12],
        "chart": time_chart(months(statements), _search_link(speaker=speaker.slug)),
    }
    return render(request, "statements/speaker.html", context)


def _speaker_or_redirect(slug: str) -> Speaker | HttpResponse:
    """The speaker, or a permanent redirect when the slug belonged to a merged or renamed one."""
    speaker = Speaker.objects.prefetch_related("aliases").filter(slug=slug).first()
    if speaker is not None:
        return speaker
    moved = SpeakerRedirect.objects.select_related("speaker").filter(old_slug=slug).first()
    if moved is None:
        raise Http404("No speaker has this link.")
    return HttpResponsePermanentRedirect(moved.speaker.get_absolute_url())


def topic_list(request: HttpRequest) -> HttpResponse:
    topics = Topic.objects.annotate(passage_count=Count("passages")).order_by("-passage_count", "name")
    return render(request, "statements/topic_list.html", {"topics": topics})


def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    statements = Passage.objects.statements().filter(topics=topic)
    page = Paginator(statements.for_listing().newest_first(), LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "topic": topic,
        "page": page,
        "speakers": Speaker.objects.filter(passages__topics=topic)
        .annotate(n=Count("passages", filter=Q(passages__topics=topic)))
        .order_by("-n")[:12],
        "chart": time_chart(months(statements), _search_link(topic=topic.slug)),
    }
    return render(request, "statements/topic.html", context)


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read every public page, not the admin; the sitemap lists the pages."""
    sitemap = request.build_absolute_uri(reverse("statements:sitemap_index"))
    lines = ["User-agent: *", f"Disallow: {reverse('admin:index')}", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
