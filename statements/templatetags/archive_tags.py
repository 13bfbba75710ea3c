"""Template helpers for links that keep the reader's other search parameters."""

from __future__ import annotations

from django import template
from django.http import QueryDict

from statements.markup import render_markdown

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, *pairs, **changes) -> str:
    """The current query string with some parameters set, or removed when None or "".

    Names come as keywords or, when the name is itself a variable, as (name, value)
    pairs: ``{% query_with facet_name value %}``. The page resets unless it is changed.
    """
    changes.update(zip(pairs[::2], pairs[1::2], strict=True))
    params: QueryDict = context["request"].GET.copy()
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        key = {"date_from": "from", "date_to": "to"}.get(key, key)
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    """An annotation body as sanitized HTML (see statements.markup)."""
    return render_markdown(text)
