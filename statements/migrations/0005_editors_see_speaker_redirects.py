from django.db import migrations


def reset_group(apps, schema_editor):
    from statements.editors import ensure_editors_group

    ensure_editors_group(apps)


class Migration(migrations.Migration):
    dependencies = [("statements", "0004_editorial_history")]

    operations = [migrations.RunPython(reset_group, migrations.RunPython.noop)]
