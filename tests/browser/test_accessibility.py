"""axe-core on every page kind, at phone and desktop widths; screenshots for README.md."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from statements.models import Document, Passage, RetiredPassage, Speaker, Topic
from tests.browser.conftest import SCREENSHOTS, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

BLOCKING = {"serious", "critical"}


def page_kinds() -> dict[str, str]:
    passage = Passage.objects.filter(kind="turn").order_by("pk").first()
    reported = Passage.objects.filter(kind="reported").order_by("pk").first() or passage
    RetiredPassage.objects.get_or_create(public_id="withdrawn1", defaults={"reason": "a duplicate"})
    return {
        "home": "/",
        "search": "/search/?q=security",
        "search-empty": "/search/?q=zzzzqqq",
        "permalink": passage.get_absolute_url(),
        "permalink-reported": reported.get_absolute_url(),
        "document": Document.objects.order_by("pk").first().get_absolute_url(),
        "speakers": "/speakers/",
        "speaker": Speaker.objects.with_counts().order_by("-passage_count").first().get_absolute_url(),
        "topics": "/topics/",
        "topic": Topic.objects.filter(passages__isnull=False).first().get_absolute_url(),
        "withdrawn": "/q/withdrawn1/",
    }


def serious(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} node(s)"
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING
    ]


def test_every_page_kind_has_no_serious_accessibility_violations(page, phone_page):
    report = {}
    for name, url in page_kinds().items():
        for width, tab in (("desktop", page), ("phone", phone_page)):
            tab.goto(url)
            report[f"{name} ({width})"] = serious(tab)
            screenshot(tab, f"{name}-{width}")
    failures = {k: v for k, v in report.items() if v}
    summary = "\n".join(f"{k}: {len(v)} serious/critical" for k, v in report.items())
    (SCREENSHOTS / "axe-summary.txt").write_text(summary + "\n")
    print("axe summary:\n" + summary)
    assert not failures, failures
