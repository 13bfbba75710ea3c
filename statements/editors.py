"""The Editors group: exactly the permissions that editing the archive needs."""

from __future__ import annotations

EDITORS_GROUP = "Editors"

#: (model, actions) in the statements app. No user management, no deleting documents.
EDITOR_PERMISSIONS = {
    "passage": ("view", "change"),
    "speaker": ("view", "change"),
    "speakeralias": ("view", "add", "change", "delete"),
    "topic": ("view", "add", "change"),
    "passagetopic": ("view", "add", "change", "delete"),
    "document": ("view", "change"),
    "annotation": ("view", "add", "change", "delete"),
    "retiredpassage": ("view",),
    "speakerredirect": ("view",),
}


def ensure_editors_group(apps=None):
    """Create or reset the Editors group; works in migrations (``apps``) and at run time."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or global_apps
    config = apps.get_app_config("statements")
    stub = getattr(config, "models_module", None) is None  # migrations hand us a stub app config
    if stub:
        config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    if stub:
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    codenames = [f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions]
    perms = Permission.objects.filter(content_type__app_label="statements", codename__in=codenames)
    group.permissions.set(perms)
    return group
