"""Hostile requests to every public URL: never a server error, never input echoed unescaped."""

import datetime as dt
import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from statements.search.filters import MAX_QUERY_LENGTH
from tests import factories as make

pytestmark = pytest.mark.django_db

MARKER = '<x-probe onmouseover="alert(1)">'
NASTY = [
    "\x00",
    "<script>",
    '"',
    "'",
    "&",
    "|",
    "!",
    ":*",
    "<->",
    "(",
    ")",
    "-",
    "OR",
    "\\",
    "%",
    "\u202e",
    "😀",
]
text = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(NASTY + ["nato", "grain", '"unbalanced', "a b"]), max_size=12).map("".join),
    st.just("x" * 10_000),
)
page = st.one_of(st.integers(min_value=-(10**12), max_value=10**12).map(str), text)
date = st.one_of(st.dates(min_value=dt.date(1, 1, 1)).map(str), text, st.just("2024-02-30"))
PARAMS = ["q", "speaker", "topic", "from", "to", "kind", "sort", "page"]


@pytest.fixture
def archive():
    make.passage(
        "Grain exports through the harbour will resume.",
        by=make.speaker("Ana Ruiz"),
        topics=[make.topic("Grain")],
        said_on=dt.date(2024, 5, 1),
    )


XML_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);")


def assert_safe(response, *inputs: str) -> None:
    assert response.status_code < 500
    body = response.content.decode("utf-8", "replace")
    for value in inputs:
        if any(c in value for c in "<>\"'") and len(value) > 3:
            assert value not in body, "input echoed without escaping"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(PARAMS), st.one_of(text, page, date), max_size=6))
def test_search_never_fails_whatever_the_parameters(client, archive, params):
    assert_safe(client.get("/search/", params), *params.values())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(text, min_size=2, max_size=4))
def test_repeated_parameters_do_not_break_search(client, archive, values):
    query = "&".join(f"{k}={quote(v)}" for v in values for k in ("q", "speaker", "page", "from"))
    assert_safe(client.get(f"/search/?{query}"), *values)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(slug=text, prefix=st.sampled_from(["/q/", "/documents/", "/speakers/", "/topics/"]))
def test_unknown_or_hostile_slugs_are_not_found_not_errors(client, archive, slug, prefix):
    response = client.get(prefix + quote(slug, safe="") + "/")
    assert_safe(response, slug)
    assert response.status_code in (200, 301, 404, 410)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(PARAMS), text, max_size=4))
def test_the_search_feed_never_fails(client, archive, params):
    response = client.get("/search/feed/", params)
    assert response.status_code < 500
    body = response.content.decode("utf-8", "replace")
    # XML text may hold quotes as they are; only markup (< and &) must arrive escaped. Entities are
    # blanked first: "x&" escaped is "x&amp;", which holds "x&" without echoing it unescaped.
    unescaped = XML_ENTITY.sub("\x00", body)
    for value in params.values():
        if any(c in value for c in "<&") and len(value) > 3:
            assert value not in unescaped, "input echoed without escaping"


def test_a_query_string_is_escaped_where_it_is_shown(client, archive):
    response = client.get("/search/", {"q": MARKER, "speaker": MARKER, "from": MARKER})
    assert response.status_code == 200
    assert MARKER not in response.text
    assert "&lt;x-probe" in response.text


def test_overlong_queries_are_refused_with_a_clear_message(client, archive):
    response = client.get("/search/", {"q": "grain " * 2000})
    assert response.status_code == 200
    assert f"limited to {MAX_QUERY_LENGTH} characters" in response.text


@pytest.mark.parametrize(
    "q", ['"unbalanced', "nato & | ! grain", "grain:*", "a <-> b", "!!!", "((", "-", "OR"]
)
def test_tsquery_operators_are_read_as_words(client, archive, q):
    assert client.get("/search/", {"q": q}).status_code == 200


@pytest.mark.parametrize("value", ["-1", "0", str(10**9), str(10**20), "1e9", "two", ""])
def test_any_page_number_gets_a_page(client, archive, value):
    assert client.get("/search/", {"q": "grain", "page": value}).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/q/a%00b/",
        "/documents/a%00/",
        "/speakers/%00/",
        "/topics/x%00/",
        "/search/?speaker=%00",
        "/search/?topic=a%00b",
        "/search/?q=%00",
        "/search/?from=%00",
        "/search/feed/?q=%00",
    ],
)
def test_nul_bytes_anywhere_get_a_page(client, archive, url):
    assert client.get(url).status_code in (200, 404)
