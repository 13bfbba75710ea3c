"""Post Django admin change forms the way a browser would: what the page shows, plus changes."""

from __future__ import annotations

import datetime as dt

from django.test import Client


def _encode(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def _form_fields(form, data: dict) -> None:
    for bound in form:
        if bound.field.disabled:
            continue
        value = bound.value()
        if isinstance(value, bool) or bound.widget_type == "checkbox":
            if value:
                data[bound.html_name] = "on"
            continue
        data[bound.html_name] = _encode(value)


def change_form_data(client: Client, url: str) -> dict:
    """The data a browser would post back from the admin page at ``url``, unchanged."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data: dict = {}
    _form_fields(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound in formset.management_form:
            data[bound.html_name] = bound.value()
        for form in formset.forms:
            _form_fields(form, data)
    return data


def add_inline_form(data: dict, prefix: str, **fields: object) -> dict:
    """Add one more form to an inline formset in ``data``, as the 'Add another' link does."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    return data
