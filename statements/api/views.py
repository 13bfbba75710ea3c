"""Read-only API views: statements through the one ``search()``; documents, speakers, topics by cursor."""

from __future__ import annotations

import base64
import binascii

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from statements.api.serializers import (
    DocumentSerializer,
    PassageSerializer,
    SpeakerSerializer,
    TopicSerializer,
    WithdrawnSerializer,
    displayed,
)
from statements.models import Document, Passage, RetiredPassage, Speaker, Topic
from statements.search import search

#: The search page's own parameters, documented once for the schema.
SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description='Words; "a phrase", OR, -word, as on the search page.'),
    OpenApiParameter("speaker", str, description="A speaker's slug."),
    OpenApiParameter("topic", str, description="A topic's slug."),
    OpenApiParameter("from", OpenApiTypes.DATE, description="Said on or after this day."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Said on or before this day."),
    OpenApiParameter("kind", str, description="A kind, as the search page's kind filter offers."),
    OpenApiParameter(
        "sort", str, enum=["relevance", "newest", "oldest"], description="Order of the results."
    ),
    OpenApiParameter("cursor", str, description="The next or previous link's cursor."),
]


def _page_of(cursor: str | None) -> int:
    """The page an opaque cursor stands for; a cursor that is not one of ours is the first page."""
    if not cursor:
        return 1
    try:
        decoded = base64.urlsafe_b64decode(cursor.encode() + b"==").decode()
        return max(1, int(decoded.removeprefix("p")))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return 1


def _cursor(page: int) -> str:
    return base64.urlsafe_b64encode(f"p{page}".encode()).decode().rstrip("=")


class PassageSearch(APIView):
    """Statements matching a search: the search page's results, in its order, with its total."""

    @extend_schema(
        operation_id="passages_search",
        parameters=SEARCH_PARAMETERS,
        responses=inline_serializer(
            "PassageSearchPage",
            {
                "count": serializers.IntegerField(help_text="How many statements match (see estimated)."),
                "estimated": serializers.BooleanField(
                    help_text="True when count is an estimate from a sample."
                ),
                "errors": serializers.ListField(
                    child=serializers.CharField(), help_text="Parameters dropped."
                ),
                "next": serializers.URLField(allow_null=True),
                "previous": serializers.URLField(allow_null=True),
                "results": PassageSerializer(many=True),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params.copy()
        params.pop("cursor", None)
        result = search(params, page=_page_of(request.query_params.get("cursor")), with_facets=False)
        passages = displayed([hit.passage for hit in result.hits])

        def link(page: int) -> str:
            there = params.copy()
            there["cursor"] = _cursor(page)
            return request.build_absolute_uri(f"{request.path}?{there.urlencode()}")

        return Response(
            {
                "count": result.total,
                "estimated": result.estimated,
                "errors": result.errors,
                "next": link(result.page + 1) if result.has_next else None,
                "previous": link(result.page - 1) if result.has_previous else None,
                "results": PassageSerializer(passages, many=True, context={"request": request}).data,
            }
        )


class PassageDetail(APIView):
    """One statement by its permanent id; a merged one redirects (301), a withdrawn one answers 410."""

    @extend_schema(
        operation_id="passages_retrieve",
        responses={
            200: PassageSerializer,
            301: OpenApiResponse(description="Merged: the successor's record is at Location."),
            404: OpenApiResponse(description="No passage ever had this id."),
            410: WithdrawnSerializer,
        },
    )
    def get(self, request: Request, public_id: str) -> Response:
        passage = Passage.objects.filter(public_id=public_id).first()
        if passage is None:
            retired = RetiredPassage.objects.select_related("successor").filter(public_id=public_id).first()
            if retired is None:
                return Response({"detail": "No passage has this id."}, status=404)
            if retired.successor is not None:
                return HttpResponsePermanentRedirect(
                    reverse("api:passage", args=[retired.successor.public_id])
                )
            withdrawn = {
                "public_id": retired.public_id,
                "status": "withdrawn",
                "reason": retired.reason,
                "withdrawn_at": retired.retired_at,
            }
            return Response(WithdrawnSerializer(withdrawn).data, status=410)
        [shown] = displayed([passage])
        return Response(PassageSerializer(shown, context={"request": request}).data)


class BySlug(CursorPagination):
    """Pages in slug order; a cursor that is not one of ours is the first page, as on the site."""

    ordering = "slug"
    page_size = 50

    def decode_cursor(self, request: Request):
        try:
            return super().decode_cursor(request)
        except NotFound:
            return None


_NOT_FOUND = OpenApiResponse(description="Nothing has this slug.")


def _by_slug(serializer: type[serializers.Serializer]):
    """The schema of a slug lookup: the record, or 404."""
    return extend_schema_view(retrieve=extend_schema(responses={200: serializer, 404: _NOT_FOUND}))


@_by_slug(DocumentSerializer)
class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    """Documents: every imported source, with its metadata."""

    queryset = Document.objects.defer("text")
    serializer_class = DocumentSerializer
    lookup_field = "slug"
    pagination_class = BySlug


@_by_slug(SpeakerSerializer)
class SpeakerViewSet(viewsets.ReadOnlyModelViewSet):
    """Speakers, each with the slug the search's speaker parameter takes."""

    queryset = Speaker.objects.all()
    serializer_class = SpeakerSerializer
    lookup_field = "slug"
    pagination_class = BySlug


@_by_slug(TopicSerializer)
class TopicViewSet(viewsets.ReadOnlyModelViewSet):
    """Topics, each with the slug the search's topic parameter takes."""

    queryset = Topic.objects.all()
    serializer_class = TopicSerializer
    lookup_field = "slug"
    pagination_class = BySlug
