-- The schema as released through migration 12, for a new database. A database that recorded
-- migrations 1 to 12 has all of this already and skips the file; the change-feed triggers of those
-- releases are replaced by 0013.

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

-- Any real change to a document bumps its revision by exactly one and stamps updated_at, whatever
-- the writer sets (an UPDATE that changes nothing keeps both). The store sets both itself when it
-- changes content (one trigger call less per row), so the trigger runs only for other writers.
CREATE FUNCTION livedoc_documents_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW IS DISTINCT FROM OLD THEN
    NEW.revision := OLD.revision + 1;
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER documents_revision BEFORE UPDATE ON documents FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.* AND NOT (NEW.revision = OLD.revision + 1 AND NEW.updated_at = now()))
  EXECUTE FUNCTION livedoc_documents_revision();

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

-- A dataset's summary at the cost of its change, not of its size: row count and value sum kept per
-- dataset by the row triggers (exact numeric, so adding and removing values never drifts), min and
-- max read from an index.
CREATE TABLE dataset_totals (
  dataset_id text PRIMARY KEY,
  row_count bigint NOT NULL,
  value_sum numeric NOT NULL
);
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
