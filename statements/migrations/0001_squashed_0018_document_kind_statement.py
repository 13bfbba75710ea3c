"""The archive's schema in one step: the models' tables and indexes, the copies the database
keeps consistent by itself (statements/sql/copies.sql), and the Editors group.

It replaces the eighteen migrations the archive grew through; a database that applied all of
them takes it as applied (see README.md, "Upgrading").
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
import django.db.models.expressions
import django.db.models.functions.comparison
import django.db.models.functions.math
import simple_history.models
import statements.models
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

SQL = Path(__file__).resolve().parent.parent / "sql"


def create_editors_group(apps, schema_editor):
    from statements.editors import ensure_editors_group

    ensure_editors_group(apps)


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ("statements", "0001_initial"),
        ("statements", "0002_editors_group"),
        ("statements", "0003_listing_order_indexes"),
        ("statements", "0004_editorial_history"),
        ("statements", "0005_editors_see_speaker_redirects"),
        ("statements", "0006_passage_topic_ids"),
        ("statements", "0007_passage_document_kind_and_sample"),
        ("statements", "0008_fewer_passage_indexes"),
        ("statements", "0009_finer_said_on_statistics"),
        ("statements", "0010_document_kind_whatever_the_order"),
        ("statements", "0011_passage_sample_3_percent"),
        ("statements", "0012_passage_sample_0_3_percent"),
        ("statements", "0013_fewer_writes_per_passage"),
        ("statements", "0014_fewer_writes_per_new_passage"),
        ("statements", "0015_passage_sample_facets"),
        ("statements", "0016_passage_speaker_and_date_indexes"),
        ("statements", "0017_triggers_checked_row_by_row_by_index"),
        ("statements", "0018_document_kind_statement"),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name='Speaker',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, unique=True)),
                ('slug', models.SlugField(max_length=90, unique=True)),
                ('role', models.CharField(blank=True, max_length=200)),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Topic',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, unique=True)),
                ('slug', models.SlugField(max_length=100, unique=True)),
                ('keywords', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=100), blank=True, default=list)),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Document',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=300)),
                ('slug', models.SlugField(max_length=90, unique=True)),
                ('kind', models.CharField(choices=[('transcript', 'Transcript'), ('report', 'News report'), ('commentary', 'Commentary'), ('speech', 'Speech'), ('statement', 'Statement')], default='report', max_length=20)),
                ('publisher', models.CharField(blank=True, max_length=200)),
                ('author', models.CharField(blank=True, max_length=200)),
                ('source_url', models.URLField(blank=True, max_length=1000)),
                ('published_on', models.DateField(blank=True, null=True)),
                ('event_on', models.DateField(blank=True, null=True)),
                ('location', models.CharField(blank=True, max_length=200)),
                ('text', models.TextField()),
                ('content_hash', models.CharField(help_text='SHA-256 of the text as imported.', max_length=64, unique=True)),
                ('file_name', models.CharField(max_length=255, unique=True)),
                ('imported_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('edited_fields', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=40), blank=True, default=list)),
            ],
            options={
                'ordering': ['-published_on', 'title'],
                'indexes': [models.Index(fields=['published_on'], name='statements__publish_156044_idx')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalDocument',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=300)),
                ('slug', models.SlugField(max_length=90)),
                ('kind', models.CharField(choices=[('transcript', 'Transcript'), ('report', 'News report'), ('commentary', 'Commentary'), ('speech', 'Speech'), ('statement', 'Statement')], default='report', max_length=20)),
                ('publisher', models.CharField(blank=True, max_length=200)),
                ('author', models.CharField(blank=True, max_length=200)),
                ('source_url', models.URLField(blank=True, max_length=1000)),
                ('published_on', models.DateField(blank=True, null=True)),
                ('event_on', models.DateField(blank=True, null=True)),
                ('location', models.CharField(blank=True, max_length=200)),
                ('file_name', models.CharField(db_index=True, max_length=255)),
                ('edited_fields', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=40), blank=True, default=list)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical document',
                'verbose_name_plural': 'historical documents',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalSpeaker',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(db_index=True, max_length=200)),
                ('slug', models.SlugField(max_length=90)),
                ('role', models.CharField(blank=True, max_length=200)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical speaker',
                'verbose_name_plural': 'historical speakers',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Passage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.CharField(default=statements.models.new_public_id, editable=False, max_length=16)),
                ('position', models.PositiveIntegerField(help_text='Order of the passage in its document.')),
                ('group', models.PositiveIntegerField(blank=True, help_text='Paragraphs of one turn share it.', null=True)),
                ('kind', models.CharField(choices=[('turn', 'Turn (verbatim)'), ('remarks', 'Remarks (verbatim)'), ('question', 'Question'), ('quote', 'Quote (verbatim)'), ('reported', 'Reported speech (paraphrase)')], max_length=10)),
                ('start', models.PositiveIntegerField()),
                ('end', models.PositiveIntegerField()),
                ('text', models.TextField()),
                ('said_on', models.DateField(blank=True, null=True)),
                ('verified', models.BooleanField(default=False, help_text='An editor has checked speaker, kind and date.')),
                ('doubts', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=100), blank=True, default=list)),
                ('topics_by_editor', models.BooleanField(default=False, editable=False)),
                ('topic_ids', django.contrib.postgres.fields.ArrayField(base_field=models.BigIntegerField(), db_default=[], default=list, editable=False)),
                ('document_kind', models.CharField(db_default='', editable=False, max_length=20)),
                ('sample_bucket', models.PositiveSmallIntegerField(db_default=django.db.models.functions.comparison.Cast(django.db.models.functions.math.Floor(django.db.models.expressions.CombinedExpression(django.db.models.functions.math.Random(), '*', models.Value(1000))), models.PositiveSmallIntegerField()), editable=False)),
                ('speaker_name', models.CharField(blank=True, editable=False, max_length=200)),
                ('document_title', models.CharField(blank=True, editable=False, max_length=300)),
                ('search_vector', models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('speaker_name', config='english', weight='A'), '||', django.contrib.postgres.search.SearchVector('document_title', config='english', weight='B'), django.contrib.postgres.search.SearchConfig('english')), '||', django.contrib.postgres.search.SearchVector('text', config='english', weight='C'), django.contrib.postgres.search.SearchConfig('english')), output_field=django.contrib.postgres.search.SearchVectorField())),
                ('document', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='passages', to='statements.document')),
                ('speaker', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='passages', to='statements.speaker')),
            ],
            options={
                'ordering': ['document', 'position'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalAnnotation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('context', 'Context'), ('fact_check', 'Fact check'), ('correction', 'Correction'), ('translation', 'Translation note')], default='context', max_length=20)),
                ('body', models.TextField(help_text='Plain text or Markdown.')),
                ('published', models.BooleanField(default=False)),
                ('created_at', models.DateTimeField(blank=True, editable=False)),
                ('updated_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('author', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('passage', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='statements.passage')),
            ],
            options={
                'verbose_name': 'historical annotation',
                'verbose_name_plural': 'historical annotations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Annotation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('context', 'Context'), ('fact_check', 'Fact check'), ('correction', 'Correction'), ('translation', 'Translation note')], default='context', max_length=20)),
                ('body', models.TextField(help_text='Plain text or Markdown.')),
                ('published', models.BooleanField(default=False)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('author', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
                ('passage', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='annotations', to='statements.passage')),
            ],
            options={
                'ordering': ['created_at'],
            },
        ),
        migrations.CreateModel(
            name='RetiredPassage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.CharField(max_length=16, unique=True)),
                ('reason', models.CharField(blank=True, max_length=300)),
                ('retired_at', models.DateTimeField(auto_now_add=True)),
                ('successor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='statements.passage')),
            ],
        ),
        migrations.CreateModel(
            name='HistoricalPassage',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('public_id', models.CharField(default=statements.models.new_public_id, editable=False, max_length=16)),
                ('position', models.PositiveIntegerField(help_text='Order of the passage in its document.')),
                ('group', models.PositiveIntegerField(blank=True, help_text='Paragraphs of one turn share it.', null=True)),
                ('kind', models.CharField(choices=[('turn', 'Turn (verbatim)'), ('remarks', 'Remarks (verbatim)'), ('question', 'Question'), ('quote', 'Quote (verbatim)'), ('reported', 'Reported speech (paraphrase)')], max_length=10)),
                ('start', models.PositiveIntegerField()),
                ('end', models.PositiveIntegerField()),
                ('text', models.TextField()),
                ('said_on', models.DateField(blank=True, null=True)),
                ('verified', models.BooleanField(default=False, help_text='An editor has checked speaker, kind and date.')),
                ('doubts', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=100), blank=True, default=list)),
                ('topics_by_editor', models.BooleanField(default=False, editable=False)),
                ('speaker_name', models.CharField(blank=True, editable=False, max_length=200)),
                ('document_title', models.CharField(blank=True, editable=False, max_length=300)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('document', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='statements.document')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('speaker', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='statements.speaker')),
            ],
            options={
                'verbose_name': 'historical passage',
                'verbose_name_plural': 'historical passages',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='SpeakerAlias',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, unique=True)),
                ('speaker', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='aliases', to='statements.speaker')),
            ],
            options={
                'verbose_name_plural': 'speaker aliases',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='SpeakerRedirect',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('old_slug', models.SlugField(max_length=90, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('speaker', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='redirects', to='statements.speaker')),
            ],
            options={
                'ordering': ['old_slug'],
            },
        ),
        migrations.CreateModel(
            name='PassageTopic',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('by_editor', models.BooleanField(default=False)),
                ('passage', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, to='statements.passage')),
                ('topic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='statements.topic')),
            ],
        ),
        migrations.AddField(
            model_name='passage',
            name='topics',
            field=models.ManyToManyField(blank=True, related_name='passages', through='statements.PassageTopic', to='statements.topic'),
        ),
        migrations.AddConstraint(
            model_name='passagetopic',
            constraint=models.UniqueConstraint(fields=('passage', 'topic'), name='passage_topic_unique'),
        ),
        migrations.AddIndex(
            model_name='passage',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='passage_search_gin'),
        ),
        migrations.AddIndex(
            model_name='passage',
            index=django.contrib.postgres.indexes.GinIndex(fields=['topic_ids'], name='passage_topic_ids_gin'),
        ),
        migrations.AddIndex(
            model_name='passage',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(('sample_bucket__lt', 1)), fields=['search_vector'], name='passage_sample_1_gin'),
        ),
        migrations.AddIndex(
            model_name='passage',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(('sample_bucket__lt', 3)), fields=['search_vector'], name='passage_sample_3_gin'),
        ),
        migrations.AddIndex(
            model_name='passage',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(('sample_bucket__lt', 10)), fields=['search_vector'], name='passage_sample_10_gin'),
        ),
        migrations.AddIndex(
            model_name='passage',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(('sample_bucket__lt', 30)), fields=['search_vector'], name='passage_sample_30_gin'),
        ),
        migrations.AddIndex(
            model_name='passage',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(('sample_bucket__lt', 100)), fields=['search_vector'], name='passage_sample_100_gin'),
        ),
        migrations.AddIndex(
            model_name='passage',
            index=models.Index(condition=models.Q(('sample_bucket__lt', 100)), fields=['sample_bucket'], include=('kind', 'document_kind', 'speaker', 'said_on', 'topic_ids'), name='passage_sample_facets'),
        ),
        migrations.AddIndex(
            model_name='passage',
            index=models.Index(models.OrderBy(models.F('said_on'), descending=True, nulls_last=True), models.F('document_id'), models.F('position'), name='passage_newest'),
        ),
        migrations.AddIndex(
            model_name='passage',
            index=models.Index(models.OrderBy(models.F('said_on'), nulls_last=True), models.F('document_id'), models.F('position'), name='passage_oldest'),
        ),
        migrations.AddIndex(
            model_name='passage',
            index=models.Index(models.F('speaker_id'), models.OrderBy(models.F('said_on'), descending=True, nulls_last=True), models.F('document_id'), models.F('position'), name='passage_speaker_newest'),
        ),
        migrations.AddIndex(
            model_name='passage',
            index=models.Index(fields=['speaker'], name='passage_speaker'),
        ),
        migrations.AddIndex(
            model_name='passage',
            index=models.Index(fields=['said_on'], name='passage_said_on'),
        ),
        migrations.AddConstraint(
            model_name='passage',
            constraint=models.UniqueConstraint(fields=('public_id',), name='passage_public_id_unique'),
        ),
        migrations.AddConstraint(
            model_name='passage',
            constraint=models.UniqueConstraint(fields=('document', 'position'), name='passage_position_unique'),
        ),
        migrations.AddConstraint(
            model_name='passage',
            constraint=models.CheckConstraint(condition=models.Q(('end__gt', models.F('start'))), name='passage_offsets_ordered'),
        ),
        migrations.RunSQL(
            (SQL / "copies.sql").read_text(encoding="utf-8"),
            (SQL / "copies_undo.sql").read_text(encoding="utf-8"),
        ),
        migrations.RunPython(create_editors_group, migrations.RunPython.noop),
    ]
