-- What the database keeps consistent by itself: the copies a passage carries of its
-- topics (topic_ids) and of its document's kind (document_kind), so that search filters
-- and counts read the passage alone, without joins. Applied by the initial migration.
--
-- Writes may come from the loader (COPY, many rows a statement), from the admin (one row)
-- or from SQL by hand; each is caught here. The statement-level triggers check every row
-- they are given by index lookups through the primary keys (subqueries in a select list
-- stay per-row lookups whatever the statistics say; OFFSET 0 keeps the planner from
-- merging them into a join), and update only the rows found wrong. A join planned from
-- stale statistics (a table analyzed while it held only dead rows) once made a large
-- import run for hours.

-- A passage's topic ids: its topic rows' ids, sorted.
CREATE FUNCTION statements_topic_ids_of(passage bigint) RETURNS bigint[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(topic_id ORDER BY topic_id), '{}') FROM statements_passagetopic
    WHERE passage_id = passage
$$;

-- An update that sets a passage's topic ids takes them again from its topic rows.
CREATE FUNCTION statements_passage_keep_topic_ids() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.topic_ids := statements_topic_ids_of(NEW.id);
    RETURN NEW;
END $$;

CREATE TRIGGER passage_keep_topic_ids BEFORE UPDATE OF topic_ids ON statements_passage
    FOR EACH ROW EXECUTE FUNCTION statements_passage_keep_topic_ids();

-- Topic rows written, changed or deleted: the passages they belong to get their ids again.
CREATE FUNCTION statements_refresh_topic_ids(passages bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    stale record;
BEGIN
    FOR stale IN
        SELECT passage_id, ids FROM (
            SELECT c.passage_id,
                   (SELECT p.topic_ids FROM statements_passage p WHERE p.id = c.passage_id) AS kept,
                   (SELECT coalesce(array_agg(pt.topic_id ORDER BY pt.topic_id), '{}')
                    FROM statements_passagetopic pt WHERE pt.passage_id = c.passage_id) AS ids
            FROM unnest(passages) AS c(passage_id) OFFSET 0
        ) checked
        WHERE kept IS NOT NULL AND kept IS DISTINCT FROM ids
    LOOP
        UPDATE statements_passage SET topic_ids = stale.ids WHERE id = stale.passage_id;
    END LOOP;
END $$;

CREATE FUNCTION statements_topics_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM statements_refresh_topic_ids(ARRAY(SELECT DISTINCT passage_id FROM changed));
    RETURN NULL;
END $$;

CREATE FUNCTION statements_topics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM statements_refresh_topic_ids(
        ARRAY(SELECT passage_id FROM before UNION SELECT passage_id FROM changed));
    RETURN NULL;
END $$;

CREATE TRIGGER passagetopic_inserted AFTER INSERT ON statements_passagetopic
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION statements_topics_added();

CREATE TRIGGER passagetopic_deleted AFTER DELETE ON statements_passagetopic
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION statements_topics_added();

CREATE TRIGGER passagetopic_updated AFTER UPDATE ON statements_passagetopic
    REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT
    EXECUTE FUNCTION statements_topics_changed();

-- A passage moved to another document, or given another kind by hand, takes its document's kind.
CREATE FUNCTION statements_passage_keep_document_kind() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.document_kind := coalesce((SELECT kind FROM statements_document WHERE id = NEW.document_id), '');
    RETURN NEW;
END $$;

CREATE TRIGGER passage_keep_document_kind BEFORE UPDATE OF document_id, document_kind ON statements_passage
    FOR EACH ROW WHEN (NEW.document_id IS DISTINCT FROM OLD.document_id
                       OR NEW.document_kind IS DISTINCT FROM OLD.document_kind)
    EXECUTE FUNCTION statements_passage_keep_document_kind();

-- New passages: the loader writes their document's kind itself; the ones a statement wrote
-- with another kind are corrected together.
CREATE FUNCTION statements_passages_added() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER passage_kind_added AFTER INSERT ON statements_passage
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION statements_passages_added();

-- A document's kind, set or changed, is copied to its passages.
CREATE FUNCTION statements_document_kind_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE statements_passage SET document_kind = NEW.kind WHERE document_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER document_kind_added AFTER INSERT ON statements_document
    FOR EACH ROW EXECUTE FUNCTION statements_document_kind_changed();

CREATE TRIGGER document_kind_changed AFTER UPDATE OF kind ON statements_document
    FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind)
    EXECUTE FUNCTION statements_document_kind_changed();

-- The search ranks very common words among the most recent matches only, cutting the dates
-- where the planner's histogram of said_on puts the wanted share of rows: a finer histogram
-- (1,000 buckets instead of 100) cuts closer (see statements/search/plans.py, rank_window).
ALTER TABLE statements_passage ALTER COLUMN said_on SET STATISTICS 1000;
