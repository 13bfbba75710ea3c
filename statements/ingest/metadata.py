"""Document metadata from the head of a text: headline, byline, time stamp, dateline, links.

Dates are read only from lines that exist to carry them (a byline, a time stamp,
a "Published" line, a dateline such as "Moscow, May 23, 2025"), never from
prose, and never guessed: a text without them keeps empty dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from statements.ingest.paragraphs import Paragraph, sentences
from statements.ingest.records import DocumentFacts

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)\.?"
_DATE = re.compile(
    r"\b(?:"
    r"(?P<dmy_d>\d{1,2})\.(?P<dmy_m>\d{1,2})\.(?P<dmy_y>\d{4})"
    r"|(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})"
    r"|(?P<sl_a>\d{1,2})/(?P<sl_b>\d{1,2})/(?P<sl_y>\d{4}|\d{2})"
    r"|" + _MONTH + r"\s+(?P<mdy_d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>\d{4})"
    r"|(?P<dm_d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH.replace("month", "dm_m")
    + r",?\s+(?P<dm_y>\d{4})"
    r")\b",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|MSK|CET|EST|EDT|BST))?", re.IGNORECASE
)
_BYLINE = re.compile(
    r"^(?i:by|written\s+by|author:?)\s+(?P<author>[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,4})"
    r"(?P<rest>(?:\s*[,|•·–—-]\s*[^,|•·]{1,80}){0,3})\s*$",
)
_PUBLISHED = re.compile(
    r"^(?:published|posted|date|first\s+published|updated|last\s+updated)(?:\s+on)?\s*[:\-–]?\s*",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://[^\s<>\"“”’)\]]+")
#: "MOSCOW (Reuters) -", "KYIV, March 3, 2025 —": place (and agency) opening a news story.
_INLINE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z'’-]+(?:[ -][A-Z][A-Za-z'’-]+){0,2})\s*+(?:,[^()\n–—]{0,30})?"
    r"(?:\((?P<agency>[A-Za-z][\w .&-]{1,30})\))?\s*+[–—-]\s"
)
_PLACE = re.compile(r"^[A-Z][A-Za-z'’-]+(?:[ -][A-Z][A-Za-z'’-]+){0,3}$")
_TELEGRAM = re.compile(r"t\.me/(?P<name>[A-Za-z][\w]{2,60})")
_READING_AT = re.compile(r"\breading\s+(?:at|on)\s+(?P<site>[A-Z][^?!.\n]{2,60})\?")
_HEAD_PARAGRAPHS = 12
_DATELINE_MAX = 250


@dataclass
class Metadata(DocumentFacts):
    """What the head of a document says about it; ``claimed`` are paragraphs that are metadata, not text."""

    claimed: set[int] = field(default_factory=set)
    #: The paragraph that is the headline, when the text opens with one.
    title_index: int | None = None
    #: The date a page header gives: the date of the event it reports unless a dateline says otherwise.
    page_date: dt.date | None = None


def _to_date(year: int, month: int, day: int) -> dt.date | None:
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(match: re.Match) -> dt.date | None:
    """The date a ``_DATE`` match stands for; slashed dates read month first unless that is impossible."""
    g = match.groupdict()
    if g["dmy_d"]:
        return _to_date(int(g["dmy_y"]), int(g["dmy_m"]), int(g["dmy_d"]))
    if g["iso_y"]:
        return _to_date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
    if g["sl_a"]:
        a, b = int(g["sl_a"]), int(g["sl_b"])
        month, day = (b, a) if a > 12 else (a, b)
        return _to_date(int(g["sl_y"]), month, day)
    if g["month"]:
        return _to_date(int(g["mdy_y"]), _MONTHS[g["month"][:3].lower()], int(g["mdy_d"]))
    return _to_date(int(g["dm_y"]), _MONTHS[g["dm_m"][:3].lower()], int(g["dm_d"]))


def find_dates(line: str) -> list[tuple[int, int, dt.date]]:
    """Every well-formed date in ``line`` with its position."""
    out = []
    for match in _DATE.finditer(line):
        date = parse_date(match)
        if date is not None:
            out.append((match.start(), match.end(), date))
    return out


def _is_time_stamp(line: str, dates: list[tuple[int, int, dt.date]]) -> bool:
    """A line that is only a date, perhaps with a time and bullets: "23:34 24.05.2025 •"."""
    if len(dates) != 1 or len(line) > 60:
        return False
    rest = line[: dates[0][0]] + " " + line[dates[0][1] :]
    rest = _TIME.sub(" ", rest)
    return re.sub(r"[\s•·|,\-–—()]+", "", rest) == ""


def _stamp_kind(line: str) -> str:
    """What a line holding only a date says: "occasion", "page" or "stamp".

    "(January 30, 2022)" in brackets dates the occasion the text records; a date alone
    ("February 28, 2018", a page header) dates the page and what it reports; a date with a
    time ("23:34 24.05.2025 •") is the moment of publication only.
    """
    bare = line.strip(" •·|,-–—")
    if bare.startswith("(") and bare.endswith(")"):
        return "occasion"
    if _TIME.search(line):
        return "stamp"
    return "page"


def _dateline(line: str, dates: list[tuple[int, int, dt.date]]) -> tuple[dt.date, str | None] | None:
    """ "Moscow, May 23, 2025" or "..., March 2, 2025": a line that ends with the date of an event."""
    if not dates or len(line) > _DATELINE_MAX or (line.endswith(".") and len(line) > 60):
        return None
    start, end, date = dates[-1]
    if line[end:].strip(" .;,)•") != "":
        return None
    before = line[:start].rstrip(" ,–—-•(")
    place = before if _PLACE.match(before) else None
    return date, place


def read_metadata(
    text: str, paras: Sequence[Paragraph], is_label_line: Callable[[Paragraph], bool]
) -> Metadata:
    """Read headline, byline, dates, place and links; ``is_label_line`` tells a transcript's labels."""
    meta = Metadata()
    for para in paras:
        if para.end - para.start > _DATELINE_MAX:
            continue
        if para.index < _HEAD_PARAGRAPHS:
            _read_head_line(text, para, meta)
        elif meta.event_on is None and not is_label_line(para):
            line = text[para.start : para.end]
            found = _dateline(line, find_dates(line))
            if found:
                meta.event_on, place = found
                meta.location = meta.location or place
    _read_links(text, meta)
    _read_title(text, paras, meta, is_label_line)
    meta.event_on = meta.event_on or meta.page_date
    return meta


def _read_head_line(text: str, para: Paragraph, meta: Metadata) -> None:
    """One short line near the top: a byline, a "Published" line, a time stamp or a dateline."""
    line = text[para.start : para.end]
    dates = find_dates(line)
    byline = _BYLINE.match(line)
    if byline and len(line) <= 200:
        meta.author = meta.author or byline.group("author").strip(" ,.")
        for part in re.split(r"[,|•·–—]", byline.group("rest")):
            part = part.strip()
            if part and not find_dates(part) and not _TIME.fullmatch(part) and meta.publisher is None:
                meta.publisher = part
        if dates and meta.published_on is None:
            meta.published_on = dates[0][2]
        meta.claimed.add(para.index)
        return
    published = _PUBLISHED.match(line)
    if published and dates and len(line) <= 120:
        if meta.published_on is None and not line.lower().startswith(("updated", "last")):
            meta.published_on = dates[0][2]
        meta.claimed.add(para.index)
        return
    if _is_time_stamp(line, dates):
        kind = _stamp_kind(line)
        if kind == "occasion":
            meta.event_on = meta.event_on or dates[0][2]
        else:
            meta.published_on = meta.published_on or dates[0][2]
            if kind == "page":
                meta.page_date = meta.page_date or dates[0][2]
        meta.claimed.add(para.index)
        return
    found = _dateline(line, dates)
    if found and (
        meta.event_on is None or (meta.location is None and found[1] and found[0] == meta.event_on)
    ):
        meta.event_on, place = found
        meta.location = meta.location or place
        if place is not None or len(line) <= 80:
            meta.claimed.add(para.index)
        return
    inline = _INLINE_DATELINE.match(line)
    if inline and (
        inline.group("agency") or inline.group("place").isupper() or (dates and dates[0][0] < inline.end())
    ):
        meta.location = meta.location or inline.group("place").strip().title()
        meta.publisher = meta.publisher or (inline.group("agency") or "").strip() or None
        if dates and dates[0][0] < inline.end() and meta.published_on is None:
            meta.published_on = dates[0][2]


def _read_links(text: str, meta: Metadata) -> None:
    url = _URL.search(text)
    if url:
        meta.source_url = url.group().rstrip(".,;:")
    if meta.publisher is None:
        tail = text[-2000:]
        site = _READING_AT.search(tail) or _READING_AT.search(text[:2000])
        channel = _TELEGRAM.search(tail)
        if site:
            meta.publisher = site.group("site").strip()
        elif channel:
            meta.publisher = channel.group("name").replace("_", " ")


def _read_title(
    text: str, paras: Sequence[Paragraph], meta: Metadata, is_label_line: Callable[[Paragraph], bool]
) -> None:
    """The headline when the text opens with one, else a short title cut from the first sentence."""
    first = next((p for p in paras[:_HEAD_PARAGRAPHS] if p.index not in meta.claimed), None)
    if first is None:
        return
    line = text[first.start : first.end]
    following = next((p for p in paras[first.index + 1 : first.index + 2]), None)
    followed_by_meta = following is not None and following.index in meta.claimed
    bare = line.rstrip("”\"’'»)] ")
    short = len(line) <= 300 and len(paras) > 1 and not bare.endswith((".", ":", ";", ",", "!", "?", "…"))
    if followed_by_meta or (short and not is_label_line(first)):
        meta.title = _shorten(line, 200)
        meta.claimed.add(first.index)
        meta.title_index = first.index
        dated = _dateline(line, find_dates(line))
        if dated is not None and meta.event_on is None:
            meta.event_on = dated[0]
        return
    s, e = next(sentences(text, first.start, first.end), (first.start, first.end))
    meta.title = _shorten(text[s:e], 120)


def _shorten(line: str, limit: int) -> str:
    line = " ".join(line.split())
    if len(line) <= limit:
        return line
    cut = line.rfind(" ", 0, limit - 1)
    return line[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:–—-") + "…"
