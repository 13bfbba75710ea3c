"""Annotation bodies: plain text or Markdown, made into HTML that cannot run anything.

Markdown lets editors write links, emphasis and lists; nh3 (a whitelist sanitizer) then
drops every tag, attribute and URL scheme not listed here, so a body holding ``<script>``,
an ``onclick`` or a ``javascript:`` link renders as harmless text.
"""

from __future__ import annotations

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"


def render_markdown(text: str) -> SafeString:
    """``text`` as sanitized HTML, safe to put in a page unescaped."""
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
    )
    # Safe to mark: nh3 has just removed everything not whitelisted.
    return mark_safe(cleaned)
