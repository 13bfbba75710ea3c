"""Every model is in admin, and its list pages work for a superuser."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_archive_model_is_registered_in_admin():
    models = {
        m for m in apps.get_app_config("statements").get_models() if not m.__name__.startswith("Historical")
    }
    missing = {m.__name__ for m in models if m not in admin.site._registry and m.__name__ != "PassageTopic"}
    assert not missing


@pytest.mark.parametrize(
    "model", ["document", "speaker", "passage", "topic", "annotation", "retiredpassage", "speakerredirect"]
)
def test_admin_changelist_loads(admin_client, model, write_text, import_files):
    from tests.conftest import TRANSCRIPT

    import_files(write_text("briefing.txt", TRANSCRIPT))
    response = admin_client.get(reverse(f"admin:statements_{model}_changelist"))
    assert response.status_code == 200
