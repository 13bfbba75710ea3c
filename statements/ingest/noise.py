"""What is nobody's statement: boilerplate, transcript marks ("END", a time, "<…>"), pleas, comments.

The phrases are the ones website templates add around an article; they are
matched on short paragraphs only, so a long paragraph that happens to contain
"subscribe" is never thrown away.
"""

from __future__ import annotations

import re

_SHORT = 400

_LINE_PATTERNS = re.compile(
    r"""^(?:
        (?:photo|photos|image|images|picture|pictures|credit|credits|illustration|video|watch|source|caption)
            \s*(?::|\||by\b|credit\b)
      | like\s+this:?
      | like\s+loading\.*…?
      | loading\.*…?
      | (?:read|see|watch|listen)\s+(?:also|more)\b
      | also\s+(?:read|see|watch)\b
      | related(?:\s+(?:articles?|posts?|stories|news|reading|content))?\s*:?$
      | more\s+(?:on|from|about)\s+this\b
      | share(?:\s+this)?(?:\s+(?:article|post|story))?\s*:?$
      | share\s+(?:on|via)\b
      | (?:click|tap)\s+to\b
      | (?:follow|join)\s+(?:us|our)\b
      | subscribe\b
      | (?:please\s+)?consider\s+subscribing\b
      | (?:tags?|filed\s+under|categor(?:y|ies)|topics?|keywords?)\s*:
      | leave\s+a\s+(?:comment|reply)\b
      | \d+\s+(?:comments?|replies|responses|likes?|shares?)\b
      | comments?\s*(?:\(\d+\))?:?$
      | discussion\s+about\s+this\s+post
      | reply$
      | (?:advertisement|sponsored|ad)$
      | (?:copyright|©|\(c\))
      | all\s+rights\s+reserved
      | print(?:\s+this)?(?:\s+(?:article|page|post))?$
      | tweet$|email$|whatsapp$|telegram$|facebook$|pocket$|reddit$|linkedin$
      | (?:discover|get)\s+more\s+from\b
      | type\s+your\s+email\b
      | thanks?\s+(?:you\s+)?for\s+reading\b
      | posted\s+in\b
      | bookmark\s+the\s+permalink
      | (?:previous|next)\s+(?:article|post|story)\b
      | read\s+(?:more\s+)?(?:in|on)\s+our\b
      | (?:https?://|www\.)\S+$
      | end(?:[\s\u00a0]+\d{1,2}:\d{2}\b.*)?$
      | \d{1,2}:\d{2}(?::\d{2})?[\s\u00a0]*(?:[ap]\.?\s?m\.?)?[\s\u00a0]*(?:[a-z]{2,4})?\.?$
      | [<\[(](?:…|\.{3})[>\])]$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
#: Words without one of which nothing is a plea: a quick test before the full pattern.
_PLEA_WORD = re.compile(r"subscri|donat|pledge|patreon|support|coffee|becom", re.IGNORECASE)
#: A request addressed to the reader, not a sentence that mentions subscribing or giving.
_PLEA = re.compile(
    r"""\b(?:
        (?:please\s+)?consider\s+(?:subscribing|becoming\s+a|a\s+(?:paid\s+)?subscription|donating|supporting)
      | subscribe\s+(?:now|today|here|for\s+free|to\s+(?:my|our|this)\b)
      | become\s+a\s+(?:paid\s+|free\s+)?(?:subscriber|member|supporter|patron)
      | (?:paid|free)\s+subscri\w*
      | donate\s+(?:now|today|here|to\s+(?:my|our|this)\b)
      | make\s+a\s+(?:\w+\s+){0,2}(?:donation|pledge)
      | patreon
      | support\s+(?:my|our|this)\s+(?:work|blog|channel|site|substack|efforts)
      | buy\s+me\s+a\s+coffee
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_COMMENTS_HEADER = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses|replies|discussion(?:\s+about\s+this\s+post)?|leave\s+a\s+(?:comment|reply))"
    r"(?:\s*\(\d+\))?\s*:?$",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"^[\s*•·\-–—_=~#+.]+$")
_LINK_ALONE = re.compile(r"^[^\s]*\s*+(?::\s*+)?(?:https?://|www\.)\S+$|^t\.me/\S+$", re.IGNORECASE)


def is_noise(text: str, start: int, end: int) -> bool:
    """Whether the paragraph ``text[start:end]`` is website boilerplate rather than anyone's words."""
    if end - start > _SHORT:
        return False
    line = text[start:end]
    if _SEPARATOR.match(line) or _LINK_ALONE.match(line):
        return True
    if _LINE_PATTERNS.match(line):
        return True
    return is_plea(text, start, end)


def is_plea(text: str, start: int, end: int) -> bool:
    """A short request to the reader to subscribe, donate or pledge: it closes an article."""
    if end - start > _SHORT or _PLEA_WORD.search(text, start, end) is None:
        return False
    return _PLEA.search(text, start, end) is not None


def is_comments_header(text: str, start: int, end: int) -> bool:
    """ "Comments", "12 comments", "Leave a reply": what follows is readers' comments."""
    return end - start <= 60 and _COMMENTS_HEADER.match(text[start:end]) is not None


def is_separator(text: str, start: int, end: int) -> bool:
    """A line of stars, dashes or dots that separates parts of a post."""
    return end - start <= 40 and is_rule(text[start:end])


def is_rule(line: str) -> bool:
    """A line of separator marks however long: a rule drawn across a page converted to text."""
    return _SEPARATOR.match(line) is not None


def continues_link_title(text: str, start: int, end: int) -> bool:
    """A short line without end punctuation right after "Also read": the rest of the link's title."""
    line = text[start:end]
    return len(line) <= 80 and not line.rstrip().endswith((".", "!", "?", ":", "”", '"'))
