-- Undoes copies.sql (the initial migration's reverse).
ALTER TABLE statements_passage ALTER COLUMN said_on SET STATISTICS -1;
DROP TRIGGER document_kind_changed ON statements_document;
DROP TRIGGER document_kind_added ON statements_document;
DROP FUNCTION statements_document_kind_changed();
DROP TRIGGER passage_kind_added ON statements_passage;
DROP FUNCTION statements_passages_added();
DROP TRIGGER passage_keep_document_kind ON statements_passage;
DROP FUNCTION statements_passage_keep_document_kind();
DROP TRIGGER passagetopic_updated ON statements_passagetopic;
DROP TRIGGER passagetopic_deleted ON statements_passagetopic;
DROP TRIGGER passagetopic_inserted ON statements_passagetopic;
DROP FUNCTION statements_topics_changed();
DROP FUNCTION statements_topics_added();
DROP FUNCTION statements_refresh_topic_ids(bigint[]);
DROP TRIGGER passage_keep_topic_ids ON statements_passage;
DROP FUNCTION statements_passage_keep_topic_ids();
DROP FUNCTION statements_topic_ids_of(bigint);
