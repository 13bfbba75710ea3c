from django.db import migrations


def create_group(apps, schema_editor):
    from statements.editors import ensure_editors_group

    ensure_editors_group(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
