from importlib import import_module

from django.db import migrations

# The trigger functions of 0013 and 0014, checked by index lookups (BY_INDEX) instead of joins
# (BY_JOIN, the previous ones). Each subquery in a select list stays a per-row lookup (a
# SubPlan) through a primary key; OFFSET 0 keeps the planner from merging the checked rows
# into the outer query.
PASSAGES_BY_INDEX = """
CREATE OR REPLACE FUNCTION statements_passages_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    wrong record;
BEGIN
    FOR wrong IN
        SELECT id, kind FROM (
            SELECT a.id, a.document_kind,
                   (SELECT d.kind FROM statements_document d WHERE d.id = a.document_id) AS kind
            FROM added a OFFSET 0
        ) checked
        WHERE document_kind IS DISTINCT FROM kind
    LOOP
        UPDATE statements_passage SET document_kind = wrong.kind WHERE id = wrong.id;
    END LOOP;
    RETURN NULL;
END $$;
"""

# The topic rows' functions differ only in which passages a statement touched.
TOPICS_BY_INDEX = """
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    stale record;
BEGIN
    FOR stale IN
        SELECT passage_id, ids FROM (
            SELECT c.passage_id,
                   (SELECT p.topic_ids FROM statements_passage p WHERE p.id = c.passage_id) AS kept,
                   (SELECT coalesce(array_agg(pt.topic_id ORDER BY pt.topic_id), '{{}}')
                    FROM statements_passagetopic pt WHERE pt.passage_id = c.passage_id) AS ids
            FROM ({touched}) c OFFSET 0
        ) checked
        WHERE kept IS NOT NULL AND kept IS DISTINCT FROM ids
    LOOP
        UPDATE statements_passage SET topic_ids = stale.ids WHERE id = stale.passage_id;
    END LOOP;
    RETURN NULL;
END $$;
"""

BY_INDEX = (
    PASSAGES_BY_INDEX
    + TOPICS_BY_INDEX.format(
        name="statements_topics_added", touched="SELECT DISTINCT passage_id FROM changed"
    )
    + TOPICS_BY_INDEX.format(
        name="statements_topics_changed",
        touched="SELECT passage_id FROM before UNION SELECT passage_id FROM changed",
    )
)

# The functions replaced: 0014's for the kind, 0013's for the topic ids.
PASSAGES_BY_JOIN = """
CREATE OR REPLACE FUNCTION statements_passages_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE statements_passage p SET document_kind = d.kind
    FROM added a JOIN statements_document d ON d.id = a.document_id
    WHERE p.id = a.id AND p.document_kind IS DISTINCT FROM d.kind;
    RETURN NULL;
END $$;
"""

BY_JOIN = PASSAGES_BY_JOIN + import_module("statements.migrations.0013_fewer_writes_per_passage").SET_BASED


class Migration(migrations.Migration):
    """The statement-level triggers check each written row by index lookups, never by a planned join.

    Their UPDATE ... FROM joins were planned from the passages' statistics. After an ANALYZE
    of a table that held only dead rows (a rolled-back import), PostgreSQL takes the table for
    empty whatever its size, and planned the join as a nested loop over it: a 100,000-line
    import then ran for hours in one COPY. Each new row is now looked up through the primary
    keys in subqueries (which stay per-row lookups whatever the statistics say), and only the
    rows found wrong are updated, one by one by id.
    """

    dependencies = [
        ("statements", "0016_passage_speaker_and_date_indexes"),
    ]

    operations = [
        migrations.RunSQL(BY_INDEX, BY_JOIN),
    ]
