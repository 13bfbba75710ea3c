"""A permalink in the forms other programs read: JSON (``/q/<id>.json``) and oEmbed (``/oembed``).

Both answer a merged passage with a permanent redirect to its successor and a
withdrawn one with 410 and the editors' reason, as the page does: a shared link
never ends in a bare 404.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse

from statements.api.serializers import PassageSerializer
from statements.models import Passage, RetiredPassage

#: The card's size when the consumer sets no maximum (oEmbed's rich type must give one).
CARD_WIDTH, CARD_HEIGHT = 560, 240
MIN_CARD_WIDTH = 200


def _found(public_id: str) -> Passage | RetiredPassage | None:
    passage = Passage.objects.for_record().filter(public_id=public_id).first()
    if passage is not None:
        return passage
    return RetiredPassage.objects.select_related("successor").filter(public_id=public_id).first()


def _retired(retired: RetiredPassage) -> JsonResponse:
    return JsonResponse(
        {
            "public_id": retired.public_id,
            "status": "withdrawn",
            "reason": retired.reason,
            "withdrawn_at": retired.retired_at.isoformat(),
        },
        status=410,
    )


def passage_json(request: HttpRequest, public_id: str) -> HttpResponse:
    """One statement, the API's record of it; a merged one redirects, a withdrawn one says so."""
    found = _found(public_id)
    if found is None:
        return JsonResponse({"error": "No passage has this link."}, status=404)
    if isinstance(found, RetiredPassage):
        if found.successor is not None:
            successor = reverse("statements:passage_json", args=[found.successor.public_id])
            return HttpResponsePermanentRedirect(successor)
        return _retired(found)
    record = PassageSerializer(found, context={"request": request}).data
    return JsonResponse(record, json_dumps_params={"ensure_ascii": False})


def _size(raw: str | None, default: int, least: int) -> int:
    try:
        return max(least, min(default, int(raw))) if raw else default
    except ValueError:
        return default


def oembed(request: HttpRequest) -> HttpResponse:
    """The oEmbed answer for a permalink: a quote card that keeps verbatim words and paraphrase apart.

    Only JSON is served (the spec lets a provider answer 501 for XML); a URL that is not one
    of this archive's permalinks is 404.
    """
    if request.GET.get("format", "json") != "json":
        return HttpResponse("Only format=json is served.", status=501, content_type="text/plain")
    url = request.GET.get("url", "")
    parts = urlsplit(url)
    try:
        match = resolve(parts.path) if parts.netloc in ("", request.get_host()) else None
    except Resolver404:
        match = None
    if match is None or match.view_name != "statements:passage":
        return JsonResponse({"error": "Not a permalink of this archive."}, status=404)
    found = _found(match.kwargs["public_id"])
    if found is None:
        return JsonResponse({"error": "No passage has this link."}, status=404)
    if isinstance(found, RetiredPassage):
        if found.successor is not None:
            target = request.build_absolute_uri(found.successor.get_absolute_url())
            return HttpResponsePermanentRedirect(
                f"{reverse('statements:oembed')}?{urlencode({'url': target})}"
            )
        return _retired(found)
    width = _size(request.GET.get("maxwidth"), CARD_WIDTH, MIN_CARD_WIDTH)
    height = _size(request.GET.get("maxheight"), CARD_HEIGHT, 100)
    permalink = request.build_absolute_uri(found.get_absolute_url())
    speaker = found.speaker.name if found.speaker else "Unknown speaker"
    card = render_to_string("statements/embed_card.html", {"passage": found, "permalink": permalink})
    return JsonResponse(
        {
            "version": "1.0",
            "type": "rich",
            "provider_name": "Statement archive",
            "provider_url": request.build_absolute_uri("/"),
            "title": f"{speaker}{', ' + found.said_on.isoformat() if found.said_on else ''}"
            f"{' (paraphrase)' if not found.is_verbatim else ''}",
            "author_name": speaker,
            "author_url": request.build_absolute_uri(found.speaker.get_absolute_url())
            if found.speaker
            else "",
            "html": card,
            "width": width,
            "height": height,
            "cache_age": 86400,
        },
        json_dumps_params={"ensure_ascii": False},
    )
