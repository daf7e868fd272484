import type { Db } from '../db/db.js';

/** One schema change, applied at most once per database and recorded in `livedoc_migrations`. */
export interface Migration {
  /** Position in the sequence; never reuse or reorder ids once released. */
  id: number;
  name: string;
  /** A script of one or more statements (no parameters). */
  sql: string;
}

/**
 * Key of the transaction-level advisory lock that serializes migrations (and seeding) of
 * instances starting at once against the same database.
 */
export const SCHEMA_LOCK_KEY = 4_712_030_517;

const schema = /* sql */ `
CREATE TABLE documents (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  tags text[] NOT NULL DEFAULT '{}',
  revision integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_tags_idx ON documents USING gin (tags);

CREATE TABLE sections (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  document_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  heading text NOT NULL,
  body text NOT NULL DEFAULT '',
  position integer NOT NULL DEFAULT 0
);
CREATE INDEX sections_document_position_idx ON sections (document_id, position);

CREATE TABLE datasets (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  name text NOT NULL
);

CREATE TABLE rows (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  dataset_id text NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  label text NOT NULL,
  value double precision NOT NULL CHECK (value NOT IN ('NaN', 'Infinity', '-Infinity'))
);
CREATE INDEX rows_dataset_seq_idx ON rows (dataset_id, seq);

-- Facts about the database itself, e.g. key 'seeded' once the sample data was inserted.
CREATE TABLE livedoc_meta (
  key text PRIMARY KEY,
  value text NOT NULL
);
`;

const revisions = /* sql */ `
-- Any real change to a document bumps its revision by exactly one and stamps updated_at,
-- whatever the writer sets (an UPDATE that changes nothing keeps both).
CREATE FUNCTION livedoc_documents_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW IS DISTINCT FROM OLD THEN
    NEW.revision := OLD.revision + 1;
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER documents_revision BEFORE UPDATE ON documents
  FOR EACH ROW EXECUTE FUNCTION livedoc_documents_revision();

-- A statement inserting or deleting sections bumps each owning document once.
CREATE FUNCTION livedoc_sections_inserted_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE documents SET revision = revision + 1 WHERE id IN (SELECT document_id FROM new_rows);
  RETURN NULL;
END $$;
CREATE FUNCTION livedoc_sections_deleted_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE documents SET revision = revision + 1 WHERE id IN (SELECT document_id FROM old_rows);
  RETURN NULL;
END $$;
-- A statement updating sections bumps each document whose sections changed content or owner, or
-- whose section order changed. Renumbering positions without changing the order (making room for
-- an insert, closing the gap of a delete) is not a change.
-- Transition tables are compared with EXCEPT (hashed or sorted, never a nested loop): PL/pgSQL caches
-- plans, and a plan made for a 1-row statement must not turn a 10,000-row one quadratic.
CREATE FUNCTION livedoc_sections_updated_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH repositioned AS (
    SELECT DISTINCT document_id FROM (
      SELECT id, document_id, position FROM new_rows
      EXCEPT SELECT id, document_id, position FROM old_rows) p
  )
  UPDATE documents SET revision = revision + 1 WHERE id IN (
    SELECT document_id FROM (
      SELECT id, document_id, heading, body FROM new_rows
      EXCEPT SELECT id, document_id, heading, body FROM old_rows) changed
    UNION
    SELECT document_id FROM (
      SELECT id, document_id FROM old_rows
      EXCEPT SELECT id, document_id FROM new_rows) left_behind
    UNION
    SELECT document_id FROM (
      SELECT document_id, array_agg(id ORDER BY position, id) AS ids
      FROM sections WHERE document_id IN (SELECT document_id FROM repositioned)
      GROUP BY document_id
      EXCEPT
      SELECT document_id, array_agg(id ORDER BY position, id) AS ids
      FROM (
        (SELECT id, document_id, position FROM sections
         WHERE document_id IN (SELECT document_id FROM repositioned)
         EXCEPT SELECT id, document_id, position FROM new_rows)
        UNION ALL
        SELECT id, document_id, position FROM old_rows
        WHERE document_id IN (SELECT document_id FROM repositioned)
      ) before
      GROUP BY document_id) reordered
  );
  RETURN NULL;
END $$;
CREATE TRIGGER sections_inserted_revision AFTER INSERT ON sections
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_sections_inserted_revision();
CREATE TRIGGER sections_updated_revision AFTER UPDATE ON sections
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_sections_updated_revision();
CREATE TRIGGER sections_deleted_revision AFTER DELETE ON sections
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_sections_deleted_revision();
`;

const notifications = /* sql */ `
-- Sends the distinct keys as JSON arrays on channel livedoc_changes, split so that no payload
-- reaches 7,500 bytes (NOTIFY's limit is 8,000). A key too long to fit is replaced by "*".
CREATE FUNCTION livedoc_notify(keys text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  key text;
  item text;
  chunk text := '';
BEGIN
  -- A writer that carries its keys itself (over the Redis bus) collects them in the transaction
  -- instead (transaction-local setting) and publishes them after commit; nothing is NOTIFYed.
  IF current_setting('livedoc.defer_keys', true) = 'on' THEN
    PERFORM set_config('livedoc.pending_keys',
      (coalesce(nullif(current_setting('livedoc.pending_keys', true), ''), '[]')::jsonb || to_jsonb(keys))::text,
      true);
    RETURN;
  END IF;
  FOR key IN SELECT DISTINCT k FROM unnest(keys) AS k WHERE k IS NOT NULL ORDER BY 1 LOOP
    item := to_json(key)::text;
    IF octet_length(item) > 7000 THEN
      item := '"*"';
    END IF;
    IF chunk <> '' AND octet_length(chunk) + octet_length(item) + 3 >= 7500 THEN
      PERFORM pg_notify('livedoc_changes', '[' || chunk || ']');
      chunk := '';
    END IF;
    chunk := CASE WHEN chunk = '' THEN item ELSE chunk || ',' || item END;
  END LOOP;
  IF chunk <> '' THEN
    PERFORM pg_notify('livedoc_changes', '[' || chunk || ']');
  END IF;
END $$;

-- TRUNCATE names no rows: tell listeners that anything may have changed.
CREATE FUNCTION livedoc_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM livedoc_notify(ARRAY['*']);
  RETURN NULL;
END $$;

CREATE FUNCTION livedoc_documents_inserted_or_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM livedoc_notify(ARRAY(
      SELECT k FROM new_rows r, LATERAL (VALUES
        ('Document:' || r.id), ('Query.document(id:' || to_json(r.id)::text || ')'), ('Query.documents')) v (k)));
  ELSE
    PERFORM livedoc_notify(ARRAY(
      SELECT k FROM old_rows r, LATERAL (VALUES
        ('Document:' || r.id), ('Query.document(id:' || to_json(r.id)::text || ')'), ('Query.documents')) v (k)));
  END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION livedoc_documents_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM livedoc_notify(ARRAY(
    SELECT 'Document:' || id FROM (
      (SELECT * FROM new_rows EXCEPT SELECT * FROM old_rows)
      UNION ALL
      (SELECT * FROM old_rows EXCEPT SELECT * FROM new_rows)) changed
    UNION ALL
    SELECT k FROM (
      (SELECT id FROM new_rows EXCEPT SELECT id FROM old_rows)
      UNION ALL
      (SELECT id FROM old_rows EXCEPT SELECT id FROM new_rows)) renamed, LATERAL (VALUES
        ('Query.document(id:' || to_json(renamed.id)::text || ')'), ('Query.documents')) v (k)
    UNION ALL
    SELECT 'Query.documents' WHERE EXISTS (SELECT id, tags FROM new_rows EXCEPT SELECT id, tags FROM old_rows)
  ));
  RETURN NULL;
END $$;
CREATE TRIGGER documents_inserted AFTER INSERT ON documents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_documents_inserted_or_deleted();
CREATE TRIGGER documents_updated AFTER UPDATE ON documents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_documents_updated();
CREATE TRIGGER documents_deleted AFTER DELETE ON documents REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_documents_inserted_or_deleted();
CREATE TRIGGER documents_truncated AFTER TRUNCATE ON documents
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_truncated();

CREATE FUNCTION livedoc_sections_inserted_or_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM livedoc_notify(ARRAY(
      SELECT 'Section:' || id FROM new_rows UNION ALL SELECT 'Document:' || document_id FROM new_rows));
  ELSE
    PERFORM livedoc_notify(ARRAY(
      SELECT 'Section:' || id FROM old_rows UNION ALL SELECT 'Document:' || document_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
-- A position-only change (reorder) is announced on the document, which owns the order.
CREATE FUNCTION livedoc_sections_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM livedoc_notify(ARRAY(
    SELECT 'Section:' || id FROM (
      (SELECT id, document_id, heading, body FROM new_rows
       EXCEPT SELECT id, document_id, heading, body FROM old_rows)
      UNION ALL
      (SELECT id, document_id, heading, body FROM old_rows
       EXCEPT SELECT id, document_id, heading, body FROM new_rows)) changed
    UNION ALL
    SELECT 'Document:' || document_id FROM (
      (SELECT * FROM new_rows EXCEPT SELECT * FROM old_rows)
      UNION ALL
      (SELECT * FROM old_rows EXCEPT SELECT * FROM new_rows)) touched
  ));
  RETURN NULL;
END $$;
CREATE TRIGGER sections_inserted AFTER INSERT ON sections REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_sections_inserted_or_deleted();
CREATE TRIGGER sections_updated AFTER UPDATE ON sections REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_sections_updated();
CREATE TRIGGER sections_deleted AFTER DELETE ON sections REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_sections_inserted_or_deleted();
CREATE TRIGGER sections_truncated AFTER TRUNCATE ON sections
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_truncated();

CREATE FUNCTION livedoc_datasets_inserted_or_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM livedoc_notify(ARRAY(
      SELECT k FROM new_rows r, LATERAL (VALUES
        ('Dataset:' || r.id), ('Query.dataset(id:' || to_json(r.id)::text || ')'), ('Query.datasets')) v (k)));
  ELSE
    PERFORM livedoc_notify(ARRAY(
      SELECT k FROM old_rows r, LATERAL (VALUES
        ('Dataset:' || r.id), ('Query.dataset(id:' || to_json(r.id)::text || ')'), ('Query.datasets')) v (k)));
  END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION livedoc_datasets_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM livedoc_notify(ARRAY(
    SELECT 'Dataset:' || id FROM (
      (SELECT * FROM new_rows EXCEPT SELECT * FROM old_rows)
      UNION ALL
      (SELECT * FROM old_rows EXCEPT SELECT * FROM new_rows)) changed
    UNION ALL
    SELECT k FROM (
      (SELECT id FROM new_rows EXCEPT SELECT id FROM old_rows)
      UNION ALL
      (SELECT id FROM old_rows EXCEPT SELECT id FROM new_rows)) renamed, LATERAL (VALUES
        ('Query.dataset(id:' || to_json(renamed.id)::text || ')'), ('Query.datasets')) v (k)
  ));
  RETURN NULL;
END $$;
CREATE TRIGGER datasets_inserted AFTER INSERT ON datasets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_datasets_inserted_or_deleted();
CREATE TRIGGER datasets_updated AFTER UPDATE ON datasets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_datasets_updated();
CREATE TRIGGER datasets_deleted AFTER DELETE ON datasets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_datasets_inserted_or_deleted();
CREATE TRIGGER datasets_truncated AFTER TRUNCATE ON datasets
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_truncated();

CREATE FUNCTION livedoc_rows_inserted_or_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM livedoc_notify(ARRAY(
      SELECT 'Row:' || id FROM new_rows UNION ALL SELECT 'Dataset:' || dataset_id FROM new_rows));
  ELSE
    PERFORM livedoc_notify(ARRAY(
      SELECT 'Row:' || id FROM old_rows UNION ALL SELECT 'Dataset:' || dataset_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
-- A changed value or label changes the row and its dataset's summary, not the dataset's list of
-- rows ('Dataset:<id>.summary', a field-level key, so live queries re-resolve only that field); a
-- row moved to another dataset changes both datasets.
CREATE FUNCTION livedoc_rows_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM livedoc_notify(ARRAY(
    SELECT k FROM (
      (SELECT * FROM new_rows EXCEPT SELECT * FROM old_rows)
      UNION ALL
      (SELECT * FROM old_rows EXCEPT SELECT * FROM new_rows)) changed, LATERAL (VALUES
        ('Row:' || changed.id), ('Dataset:' || changed.dataset_id || '.summary')) v (k)
    UNION ALL
    SELECT 'Dataset:' || moved.dataset_id FROM (
      (SELECT id, dataset_id FROM new_rows EXCEPT SELECT id, dataset_id FROM old_rows)
      UNION ALL
      (SELECT id, dataset_id FROM old_rows EXCEPT SELECT id, dataset_id FROM new_rows)) moved
  ));
  RETURN NULL;
END $$;
CREATE TRIGGER rows_inserted AFTER INSERT ON rows REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_rows_inserted_or_deleted();
CREATE TRIGGER rows_updated AFTER UPDATE ON rows REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_rows_updated();
CREATE TRIGGER rows_deleted AFTER DELETE ON rows REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_rows_inserted_or_deleted();
CREATE TRIGGER rows_truncated AFTER TRUNCATE ON rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_truncated();
`;

const notifyOnce = /* sql */ `
-- Nearly every write's keys fit one payload: send them as they come, in one NOTIFY, without the
-- per-key loop (listeners drop duplicates). Only oversized lists take the splitting path of migration 3.
CREATE OR REPLACE FUNCTION livedoc_notify(keys text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  payload text;
  key text;
  item text;
  chunk text := '';
BEGIN
  IF current_setting('livedoc.defer_keys', true) = 'on' THEN
    PERFORM set_config('livedoc.pending_keys',
      (coalesce(nullif(current_setting('livedoc.pending_keys', true), ''), '[]')::jsonb || to_jsonb(keys))::text,
      true);
    RETURN;
  END IF;
  payload := array_to_json(array_remove(keys, NULL))::text;
  IF octet_length(payload) < 7500 THEN
    IF payload <> '[]' THEN
      PERFORM pg_notify('livedoc_changes', payload);
    END IF;
    RETURN;
  END IF;
  FOR key IN SELECT DISTINCT k FROM unnest(keys) AS k WHERE k IS NOT NULL ORDER BY 1 LOOP
    item := to_json(key)::text;
    IF octet_length(item) > 7000 THEN
      item := '"*"';
    END IF;
    IF chunk <> '' AND octet_length(chunk) + octet_length(item) + 3 >= 7500 THEN
      PERFORM pg_notify('livedoc_changes', '[' || chunk || ']');
      chunk := '';
    END IF;
    chunk := CASE WHEN chunk = '' THEN item ELSE chunk || ',' || item END;
  END LOOP;
  IF chunk <> '' THEN
    PERFORM pg_notify('livedoc_changes', '[' || chunk || ']');
  END IF;
END $$;
`;

const sectionListKeys = /* sql */ `
-- Changes to a document's list of sections (which sections, in which order) are also announced on
-- the field key 'Document:<id>.sections', so a live query re-reads the list only when it changed:
-- a title change ('Document:<id>' alone) leaves the sections as they were.
CREATE OR REPLACE FUNCTION livedoc_sections_inserted_or_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM livedoc_notify(ARRAY(
      SELECT k FROM new_rows r, LATERAL (VALUES
        ('Section:' || r.id), ('Document:' || r.document_id), ('Document:' || r.document_id || '.sections')) v (k)));
  ELSE
    PERFORM livedoc_notify(ARRAY(
      SELECT k FROM old_rows r, LATERAL (VALUES
        ('Section:' || r.id), ('Document:' || r.document_id), ('Document:' || r.document_id || '.sections')) v (k)));
  END IF;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION livedoc_sections_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM livedoc_notify(ARRAY(
    SELECT 'Section:' || id FROM (
      (SELECT id, document_id, heading, body FROM new_rows
       EXCEPT SELECT id, document_id, heading, body FROM old_rows)
      UNION ALL
      (SELECT id, document_id, heading, body FROM old_rows
       EXCEPT SELECT id, document_id, heading, body FROM new_rows)) changed
    UNION ALL
    SELECT k FROM (
      (SELECT * FROM new_rows EXCEPT SELECT * FROM old_rows)
      UNION ALL
      (SELECT * FROM old_rows EXCEPT SELECT * FROM new_rows)) touched, LATERAL (VALUES
        ('Document:' || touched.document_id), ('Document:' || touched.document_id || '.sections')) v (k)
  ));
  RETURN NULL;
END $$;
`;

const datasetTotals = /* sql */ `
-- A dataset's summary at the cost of its change, not of its size: row count and value sum kept per
-- dataset by the row triggers (exact numeric, so adding and removing values never drifts), min and
-- max read from an index. A one-value change in 10,000 rows no longer re-aggregates 10,000 rows.
CREATE TABLE dataset_totals (
  dataset_id text PRIMARY KEY,
  row_count bigint NOT NULL,
  value_sum numeric NOT NULL
);
INSERT INTO dataset_totals (dataset_id, row_count, value_sum)
  SELECT dataset_id, count(*), sum(value::numeric) FROM rows GROUP BY dataset_id;
CREATE INDEX rows_dataset_value_idx ON rows (dataset_id, value);

CREATE FUNCTION livedoc_rows_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dataset_totals AS t (dataset_id, row_count, value_sum)
      SELECT dataset_id, count(*), sum(value::numeric) FROM new_rows GROUP BY dataset_id
      ON CONFLICT (dataset_id) DO UPDATE
      SET row_count = t.row_count + excluded.row_count, value_sum = t.value_sum + excluded.value_sum;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE dataset_totals t SET row_count = t.row_count - d.n, value_sum = t.value_sum - d.s
      FROM (SELECT dataset_id, count(*) AS n, sum(value::numeric) AS s FROM old_rows GROUP BY dataset_id) d
      WHERE t.dataset_id = d.dataset_id;
  ELSE
    INSERT INTO dataset_totals AS t (dataset_id, row_count, value_sum)
      SELECT dataset_id, sum(n), sum(s) FROM (
        SELECT dataset_id, 1 AS n, value::numeric AS s FROM new_rows
        UNION ALL
        SELECT dataset_id, -1, -(value::numeric) FROM old_rows) c
      GROUP BY dataset_id
      ON CONFLICT (dataset_id) DO UPDATE
      SET row_count = t.row_count + excluded.row_count, value_sum = t.value_sum + excluded.value_sum;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER rows_totals_inserted AFTER INSERT ON rows REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_rows_totals();
CREATE TRIGGER rows_totals_updated AFTER UPDATE ON rows REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_rows_totals();
CREATE TRIGGER rows_totals_deleted AFTER DELETE ON rows REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_rows_totals();

CREATE FUNCTION livedoc_rows_totals_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dataset_totals;
  RETURN NULL;
END $$;
CREATE TRIGGER rows_totals_truncated AFTER TRUNCATE ON rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_rows_totals_truncated();
-- No foreign key (a cascade's row triggers may run after the dataset is gone): totals go with their dataset.
CREATE FUNCTION livedoc_datasets_totals_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dataset_totals WHERE dataset_id IN (SELECT id FROM old_rows);
  RETURN NULL;
END $$;
CREATE TRIGGER datasets_totals_deleted AFTER DELETE ON datasets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION livedoc_datasets_totals_deleted();
`;

const changedRecords = /* sql */ `
-- A changed document or row travels with its keys: the payload becomes
-- {"keys": [...], "records": {"Document:<id>": {...}}} when it fits, so every listening instance can
-- re-resolve the object without reading it back (notifications arrive in commit order: the record of
-- the latest one about a key is the committed state). Too large, or keys collected for another bus:
-- the keys alone, as before.
CREATE FUNCTION livedoc_notify_records(keys text[], records json) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  payload text;
BEGIN
  IF records IS NOT NULL AND current_setting('livedoc.defer_keys', true) IS DISTINCT FROM 'on' THEN
    payload := json_build_object('keys', array_to_json(array_remove(keys, NULL)), 'records', records)::text;
    IF octet_length(payload) < 7500 THEN
      PERFORM pg_notify('livedoc_changes', payload);
      RETURN;
    END IF;
  END IF;
  PERFORM livedoc_notify(keys);
END $$;

CREATE OR REPLACE FUNCTION livedoc_documents_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM livedoc_notify_records(
    ARRAY(
      SELECT 'Document:' || id FROM (
        (SELECT * FROM new_rows EXCEPT SELECT * FROM old_rows)
        UNION ALL
        (SELECT * FROM old_rows EXCEPT SELECT * FROM new_rows)) changed
      UNION ALL
      SELECT k FROM (
        (SELECT id FROM new_rows EXCEPT SELECT id FROM old_rows)
        UNION ALL
        (SELECT id FROM old_rows EXCEPT SELECT id FROM new_rows)) renamed, LATERAL (VALUES
          ('Query.document(id:' || to_json(renamed.id)::text || ')'), ('Query.documents')) v (k)
      UNION ALL
      SELECT 'Query.documents' WHERE EXISTS (SELECT id, tags FROM new_rows EXCEPT SELECT id, tags FROM old_rows)
    ),
    (SELECT json_object_agg('Document:' || n.id, json_build_object(
        'id', n.id, 'title', n.title, 'body', n.body, 'tags', to_json(n.tags), 'revision', n.revision,
        'updatedAt', to_char(n.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
     FROM new_rows n));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION livedoc_rows_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM livedoc_notify_records(
    ARRAY(
      SELECT k FROM (
        (SELECT * FROM new_rows EXCEPT SELECT * FROM old_rows)
        UNION ALL
        (SELECT * FROM old_rows EXCEPT SELECT * FROM new_rows)) changed, LATERAL (VALUES
          ('Row:' || changed.id), ('Dataset:' || changed.dataset_id || '.summary')) v (k)
      UNION ALL
      SELECT 'Dataset:' || moved.dataset_id FROM (
        (SELECT id, dataset_id FROM new_rows EXCEPT SELECT id, dataset_id FROM old_rows)
        UNION ALL
        (SELECT id, dataset_id FROM old_rows EXCEPT SELECT id, dataset_id FROM new_rows)) moved
    ),
    (SELECT json_object_agg('Row:' || n.id, json_build_object(
        'id', n.id, 'datasetId', n.dataset_id, 'label', n.label, 'value', n.value))
     FROM new_rows n));
  RETURN NULL;
END $$;
`;

const chunkedRecords = /* sql */ `
-- Changes too large for one notification (a statement updating many documents, as a burst of
-- concurrent updates becomes) still carry their records: as many keys and records as fit go in each
-- notification. A key whose record alone would not fit goes without it; past 500 keys (bulk row
-- writes) the keys go alone, as in migration 4.
CREATE OR REPLACE FUNCTION livedoc_notify_records(keys text[], records json) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  payload text;
  key text;
  item text;
  record text;
  chunk_keys text := '';
  chunk_records text := '';
  by_key jsonb;
BEGIN
  IF records IS NULL OR current_setting('livedoc.defer_keys', true) IS NOT DISTINCT FROM 'on'
     OR coalesce(array_length(keys, 1), 0) > 500 THEN
    PERFORM livedoc_notify(keys);
    RETURN;
  END IF;
  payload := json_build_object('keys', array_to_json(array_remove(keys, NULL)), 'records', records)::text;
  IF octet_length(payload) < 7500 THEN
    PERFORM pg_notify('livedoc_changes', payload);
    RETURN;
  END IF;
  -- jsonb: a lookup by key does not scan the whole text, as one in json does.
  by_key := records::jsonb;
  FOREACH key IN ARRAY array_remove(keys, NULL) LOOP
    item := to_json(key)::text;
    record := (by_key -> key)::text;
    IF octet_length(item) > 7000 THEN
      item := '"*"';
      record := NULL;
    ELSIF record IS NOT NULL AND octet_length(item) * 2 + octet_length(record) > 7000 THEN
      record := NULL;
    END IF;
    IF chunk_keys <> '' AND octet_length(chunk_keys) + octet_length(chunk_records) + octet_length(item) * 2
        + coalesce(octet_length(record), 0) + 40 >= 7500 THEN
      PERFORM pg_notify('livedoc_changes', '{"keys":[' || chunk_keys || '],"records":{' || chunk_records || '}}');
      chunk_keys := '';
      chunk_records := '';
    END IF;
    chunk_keys := CASE WHEN chunk_keys = '' THEN item ELSE chunk_keys || ',' || item END;
    IF record IS NOT NULL THEN
      chunk_records := CASE WHEN chunk_records = '' THEN '' ELSE chunk_records || ',' END || item || ':' || record;
    END IF;
  END LOOP;
  IF chunk_keys <> '' THEN
    PERFORM pg_notify('livedoc_changes', '{"keys":[' || chunk_keys || '],"records":{' || chunk_records || '}}');
  END IF;
END $$;
`;

const cheaperDocumentUpdates = /* sql */ `
-- Document updates at the cost of the update (measured: a 100-document statement spent two thirds of
-- its time in these triggers).
-- The revision trigger runs only where the statement has not already done what it would do: the store
-- sets revision = revision + 1 and updated_at = now() itself when content changes; any other write
-- (psql, the section triggers) still gets them from the trigger, exactly as before.
DROP TRIGGER documents_revision ON documents;
CREATE TRIGGER documents_revision BEFORE UPDATE ON documents FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.* AND NOT (NEW.revision = OLD.revision + 1 AND NEW.updated_at = now()))
  EXECUTE FUNCTION livedoc_documents_revision();

-- One notification per changed document, with its record, from one statement (no set operations
-- over whole rows, no loop); ids that changed (rare) are announced as before.
CREATE FUNCTION livedoc_document_change_keys(old_tags text[], new_id text, new_tags text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN new_tags IS DISTINCT FROM old_tags THEN ARRAY['Document:' || new_id, 'Query.documents']
              ELSE ARRAY['Document:' || new_id] END
$$;
CREATE OR REPLACE FUNCTION livedoc_documents_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  renamed_keys text[] := '{}';
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)) THEN
    renamed_keys := ARRAY(
      SELECT k FROM (
        (SELECT id FROM new_rows EXCEPT SELECT id FROM old_rows)
        UNION ALL
        (SELECT id FROM old_rows EXCEPT SELECT id FROM new_rows)) renamed, LATERAL (VALUES
          ('Document:' || renamed.id), ('Query.document(id:' || to_json(renamed.id)::text || ')'), ('Query.documents')) v (k));
  END IF;
  IF current_setting('livedoc.defer_keys', true) IS NOT DISTINCT FROM 'on' THEN
    PERFORM livedoc_notify(ARRAY(
      SELECT unnest(livedoc_document_change_keys(o.tags, n.id, n.tags))
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.* IS DISTINCT FROM n.*) || renamed_keys);
    RETURN NULL;
  END IF;
  PERFORM pg_notify('livedoc_changes', CASE WHEN octet_length(c.full_payload) < 7500 THEN c.full_payload ELSE c.keys_payload END)
  FROM (
    SELECT json_build_object('keys', to_json(k.keys), 'records', json_build_object('Document:' || n.id, json_build_object(
             'id', n.id, 'title', n.title, 'body', n.body, 'tags', to_json(n.tags), 'revision', n.revision,
             'updatedAt', to_char(n.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))::text AS full_payload,
           to_json(k.keys)::text AS keys_payload
    FROM old_rows o JOIN new_rows n ON n.id = o.id,
         LATERAL (SELECT livedoc_document_change_keys(o.tags, n.id, n.tags) AS keys) k
    WHERE o.* IS DISTINCT FROM n.*) c;
  IF cardinality(renamed_keys) > 0 THEN
    PERFORM livedoc_notify(renamed_keys);
  END IF;
  RETURN NULL;
END $$;
`;

const transitionJoinsWithoutNestedLoops = /* sql */ `
-- PL/pgSQL plans a trigger's queries once per session, for the transition tables of its first call.
-- Migration 9 joins old_rows with new_rows: planned first for a 1-row statement (a lone update), the
-- join stayed a nested loop for every later statement, quadratic in its rows (a 100-document
-- statement's trigger took 18 ms instead of 4, and 10,000 rows would take minutes). Planned without
-- nested loops, the join is hashed whatever the first statement was.
ALTER FUNCTION livedoc_documents_updated() SET enable_nestloop = off;
`;

const announcedDocumentUpdates = /* sql */ `
-- A statement that sets the transaction-local flag livedoc.announced is announced by its writer
-- itself (the embedded store, the database's only user, hands the committed rows to its listeners):
-- the update trigger sends nothing for it. Otherwise as in migration 9, still planned without nested
-- loops (migration 10; CREATE OR REPLACE resets a function's settings, so it is restated here).
CREATE OR REPLACE FUNCTION livedoc_documents_updated() RETURNS trigger LANGUAGE plpgsql
SET enable_nestloop = off AS $$
DECLARE
  renamed_keys text[] := '{}';
BEGIN
  IF current_setting('livedoc.announced', true) IS NOT DISTINCT FROM 'on' THEN
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)) THEN
    renamed_keys := ARRAY(
      SELECT k FROM (
        (SELECT id FROM new_rows EXCEPT SELECT id FROM old_rows)
        UNION ALL
        (SELECT id FROM old_rows EXCEPT SELECT id FROM new_rows)) renamed, LATERAL (VALUES
          ('Document:' || renamed.id), ('Query.document(id:' || to_json(renamed.id)::text || ')'), ('Query.documents')) v (k));
  END IF;
  IF current_setting('livedoc.defer_keys', true) IS NOT DISTINCT FROM 'on' THEN
    PERFORM livedoc_notify(ARRAY(
      SELECT unnest(livedoc_document_change_keys(o.tags, n.id, n.tags))
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.* IS DISTINCT FROM n.*) || renamed_keys);
    RETURN NULL;
  END IF;
  PERFORM pg_notify('livedoc_changes', CASE WHEN octet_length(c.full_payload) < 7500 THEN c.full_payload ELSE c.keys_payload END)
  FROM (
    SELECT json_build_object('keys', to_json(k.keys), 'records', json_build_object('Document:' || n.id, json_build_object(
             'id', n.id, 'title', n.title, 'body', n.body, 'tags', to_json(n.tags), 'revision', n.revision,
             'updatedAt', to_char(n.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))::text AS full_payload,
           to_json(k.keys)::text AS keys_payload
    FROM old_rows o JOIN new_rows n ON n.id = o.id,
         LATERAL (SELECT livedoc_document_change_keys(o.tags, n.id, n.tags) AS keys) k
    WHERE o.* IS DISTINCT FROM n.*) c;
  IF cardinality(renamed_keys) > 0 THEN
    PERFORM livedoc_notify(renamed_keys);
  END IF;
  RETURN NULL;
END $$;
`;

const announcedRowUpdates = /* sql */ `
-- Row updates flagged livedoc.announced (a value set by the embedded store) are announced by their
-- writer, as document updates are (migration 11); otherwise as in migration 7. The totals trigger
-- runs for every write, announced or not.
CREATE OR REPLACE FUNCTION livedoc_rows_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('livedoc.announced', true) IS NOT DISTINCT FROM 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM livedoc_notify_records(
    ARRAY(
      SELECT k FROM (
        (SELECT * FROM new_rows EXCEPT SELECT * FROM old_rows)
        UNION ALL
        (SELECT * FROM old_rows EXCEPT SELECT * FROM new_rows)) changed, LATERAL (VALUES
          ('Row:' || changed.id), ('Dataset:' || changed.dataset_id || '.summary')) v (k)
      UNION ALL
      SELECT 'Dataset:' || moved.dataset_id FROM (
        (SELECT id, dataset_id FROM new_rows EXCEPT SELECT id, dataset_id FROM old_rows)
        UNION ALL
        (SELECT id, dataset_id FROM old_rows EXCEPT SELECT id, dataset_id FROM new_rows)) moved
    ),
    (SELECT json_object_agg('Row:' || n.id, json_build_object(
        'id', n.id, 'datasetId', n.dataset_id, 'label', n.label, 'value', n.value))
     FROM new_rows n));
  RETURN NULL;
END $$;
`;

/** The schema, in order. Append new migrations; never edit a released one. */
export const migrations: readonly Migration[] = [
  { id: 1, name: 'tables', sql: schema },
  { id: 2, name: 'revision triggers', sql: revisions },
  { id: 3, name: 'change notifications', sql: notifications },
  { id: 4, name: 'one notification per write', sql: notifyOnce },
  { id: 5, name: 'section list keys', sql: sectionListKeys },
  { id: 6, name: 'dataset totals', sql: datasetTotals },
  { id: 7, name: 'changed records in notifications', sql: changedRecords },
  { id: 8, name: 'records in split notifications', sql: chunkedRecords },
  { id: 9, name: 'cheaper document updates', sql: cheaperDocumentUpdates },
  { id: 10, name: 'transition joins without nested loops', sql: transitionJoinsWithoutNestedLoops },
  { id: 11, name: 'document updates announced by their writer', sql: announcedDocumentUpdates },
  { id: 12, name: 'row updates announced by their writer', sql: announcedRowUpdates },
];

/**
 * Applies the migrations of `list` not yet recorded in `livedoc_migrations`, in id order, all in one
 * transaction under an advisory lock (a concurrent instance waits, then finds nothing to do).
 * Returns the names of the migrations applied (empty when the schema was up to date).
 */
export async function migrate(db: Db, list: readonly Migration[] = migrations): Promise<string[]> {
  const ordered = [...list].sort((a, b) => a.id - b.id);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [SCHEMA_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS livedoc_migrations (
      id integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ id: number }>('SELECT id FROM livedoc_migrations');
    const done = new Set(rows.map((r) => r.id));
    const applied: string[] = [];
    for (const migration of ordered) {
      if (done.has(migration.id)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO livedoc_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
      applied.push(migration.name);
    }
    return applied;
  });
}
