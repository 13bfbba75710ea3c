"""What a reader does, end to end in Chromium: search, filter, page, cite, read in context."""

import re

import pytest
from playwright.sync_api import expect

from statements.models import Passage, Speaker, Topic

pytestmark = pytest.mark.django_db(transaction=True)


def total(page) -> str:
    return page.locator("h2.total").inner_text()


def test_a_phrase_search_shows_highlighted_results(page):
    page.goto("/search/")
    page.get_by_label("Words or phrases").fill('"Euro-Atlantic security"')
    page.get_by_role("button", name="Search").click()
    expect(page.locator("ol.results li").first).to_be_visible()
    assert "euro-atlantic security" in page.locator("ol.results mark").first.inner_text().lower() or (
        page.locator("ol.results mark").count() > 0
    )


def test_facet_filters_change_the_counts_and_can_be_removed(page):
    page.goto("/search/?q=Russia")
    before = total(page)
    speaker = page.locator(".facets section").filter(has_text="Speaker").locator("a").first
    name = speaker.inner_text()
    speaker.click()
    expect(page).to_have_url(re.compile(r"speaker="))
    after = total(page)
    assert after != before or "1–" in after
    page.locator(".facets a.selected").first.click()
    expect(page).not_to_have_url(re.compile(r"speaker="))
    assert total(page) == before, name


def test_date_filters_narrow_and_reset(page):
    page.goto("/search/?q=Russia")
    before = total(page)
    page.get_by_text("Filters and order").click()
    page.get_by_label("From").fill("2025-05-01")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"from=2025-05-01"))
    narrowed = total(page)
    assert narrowed != before
    page.get_by_label("From").fill("")
    page.get_by_role("button", name="Apply").click()
    assert total(page) == before


def test_paging_through_results(page):
    page.goto("/search/?q=Russia")
    first = page.locator("ol.results li").first.inner_text()
    page.get_by_role("link", name="Next").click()
    expect(page.locator(".pagination")).to_contain_text("Page 2")
    assert page.locator("ol.results li").first.inner_text() != first


def test_copy_link_puts_the_permalink_on_the_clipboard(page, live_server):
    passage = Passage.objects.statements().order_by("pk").first()
    page.goto(passage.get_absolute_url())
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator(".copy-status")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == f"{live_server.url}/q/{passage.public_id}/"


def test_the_permalink_leads_to_the_place_in_the_document(page):
    passage = Passage.objects.filter(kind="turn").order_by("pk")[5]
    page.goto(passage.get_absolute_url())
    page.get_by_role("link", name="Read it in the whole document").click()
    expect(page).to_have_url(re.compile(f"#p-{passage.public_id}$"))
    expect(page.locator(f"#p-{passage.public_id}")).to_be_in_viewport()


def test_speaker_and_topic_pages_and_the_month_chart(page):
    speaker = Speaker.objects.with_counts().order_by("-passage_count").first()
    page.goto(speaker.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(speaker.name)
    bar = page.locator(".chart svg a").first
    label = bar.get_attribute("aria-label")
    bar.click()
    expect(page).to_have_url(re.compile(r"/search/\?.*from=\d{4}-\d\d-01&to=\d{4}-\d\d-\d\d"))
    assert label.split(": ")[1].split(" ")[0] in total(page).replace(",", "")
    topic = Topic.objects.filter(passages__isnull=False).first()
    page.goto(topic.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(topic.name)


def test_the_search_page_works_from_the_keyboard_alone(page):
    page.goto("/search/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_q":
            break
    expect(page.get_by_label("Words or phrases")).to_be_focused()
    page.keyboard.type("sanctions")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=sanctions"))
    outline = page.evaluate(
        "() => { const a = document.querySelector('ol.results a'); a.focus();"
        " return getComputedStyle(a).outlineStyle; }"
    )
    assert outline != "none", "focus is visible"
