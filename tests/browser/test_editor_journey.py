"""An editor annotates a passage in admin; a reader then sees the note on the permalink."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from statements.editors import ensure_editors_group
from statements.models import Passage
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_publishes_an_annotation_that_readers_see(page):
    editor = get_user_model().objects.create_user("ed", password="a-long-editor-password", is_staff=True)
    editor.groups.add(ensure_editors_group())
    passage = Passage.objects.filter(kind="turn").order_by("pk").first()

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("ed")
    page.get_by_label("Password").fill("a-long-editor-password")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/admin/statements/passage/{passage.pk}/change/")
    page.locator("#annotations-group .add-row a").click()
    page.locator("textarea[name='annotations-0-body']").fill("Said after the Istanbul talks stalled.")
    page.locator("input[name='annotations-0-published']").check()
    screenshot(page, "admin-passage-desktop")
    page.locator("input[name='_save']").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    reader = page.context.browser.new_context(base_url=page.url.split("/admin")[0]).new_page()
    reader.goto(passage.get_absolute_url())
    expect(reader.locator(".annotations")).to_contain_text("Said after the Istanbul talks stalled.")
