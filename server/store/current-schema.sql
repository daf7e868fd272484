-- The current schema, as the migrations leave it (generated: npm run schema:snapshot; a test compares).

-- Tables
CREATE TABLE comments (
  id text NOT NULL DEFAULT (gen_random_uuid())::text,
  seq bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  document_id text NOT NULL,
  author text NOT NULL,
  body text NOT NULL,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  edited_at timestamp with time zone
);
CREATE TABLE dataset_shares (
  dataset_id text NOT NULL,
  viewer_id text NOT NULL,
  role text NOT NULL,
  id text DEFAULT (((((length(dataset_id))::text || ':'::text) || dataset_id) || ':'::text) || viewer_id)
);
CREATE TABLE dataset_totals (
  dataset_id text NOT NULL,
  row_count bigint NOT NULL,
  value_sum numeric NOT NULL
);
CREATE TABLE datasets (
  id text NOT NULL DEFAULT (gen_random_uuid())::text,
  seq bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  owner text NOT NULL,
  visibility text NOT NULL DEFAULT 'PRIVATE'::text
);
CREATE TABLE document_shares (
  document_id text NOT NULL,
  viewer_id text NOT NULL,
  role text NOT NULL,
  id text DEFAULT (((((length(document_id))::text || ':'::text) || document_id) || ':'::text) || viewer_id)
);
CREATE TABLE documents (
  id text NOT NULL DEFAULT (gen_random_uuid())::text,
  seq bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  title text NOT NULL,
  body text NOT NULL DEFAULT ''::text,
  tags text[] NOT NULL DEFAULT '{}'::text[],
  revision integer NOT NULL DEFAULT 1,
  updated_at timestamp with time zone NOT NULL DEFAULT now(),
  owner text NOT NULL,
  visibility text NOT NULL DEFAULT 'PRIVATE'::text
);
CREATE TABLE livedoc_live_types (
  table_name text NOT NULL,
  type_name text NOT NULL,
  root_field text,
  root_list text,
  list_columns text[] NOT NULL DEFAULT '{}'::text[],
  parent_column text,
  parent_type text,
  parent_field text,
  order_columns text[] NOT NULL DEFAULT '{}'::text[],
  aggregate_fields text[] NOT NULL DEFAULT '{}'::text[],
  carries_records boolean NOT NULL DEFAULT false,
  access_columns text[] NOT NULL DEFAULT '{}'::text[],
  sort_columns text[] NOT NULL DEFAULT '{}'::text[]
);
CREATE TABLE livedoc_meta (
  key text NOT NULL,
  value text NOT NULL
);
CREATE TABLE livedoc_migrations (
  id integer NOT NULL,
  name text NOT NULL,
  applied_at timestamp with time zone NOT NULL DEFAULT now()
);
CREATE TABLE rows (
  id text NOT NULL DEFAULT (gen_random_uuid())::text,
  seq bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  dataset_id text NOT NULL,
  label text NOT NULL,
  value double precision NOT NULL
);
CREATE TABLE sections (
  id text NOT NULL DEFAULT (gen_random_uuid())::text,
  document_id text NOT NULL,
  heading text NOT NULL,
  body text NOT NULL DEFAULT ''::text,
  "position" integer NOT NULL DEFAULT 0
);

-- Constraints
ALTER TABLE comments ADD FOREIGN KEY (document_id) REFERENCES documents(id) ON DELETE CASCADE;
ALTER TABLE comments ADD NOT NULL author;
ALTER TABLE comments ADD NOT NULL body;
ALTER TABLE comments ADD NOT NULL created_at;
ALTER TABLE comments ADD NOT NULL document_id;
ALTER TABLE comments ADD NOT NULL id;
ALTER TABLE comments ADD NOT NULL seq;
ALTER TABLE comments ADD PRIMARY KEY (id);
ALTER TABLE comments ADD UNIQUE (seq);
ALTER TABLE dataset_shares ADD CHECK ((role = ANY (ARRAY['READER'::text, 'EDITOR'::text])));
ALTER TABLE dataset_shares ADD FOREIGN KEY (dataset_id) REFERENCES datasets(id) ON DELETE CASCADE;
ALTER TABLE dataset_shares ADD NOT NULL dataset_id;
ALTER TABLE dataset_shares ADD NOT NULL role;
ALTER TABLE dataset_shares ADD NOT NULL viewer_id;
ALTER TABLE dataset_shares ADD PRIMARY KEY (dataset_id, viewer_id);
ALTER TABLE dataset_totals ADD NOT NULL dataset_id;
ALTER TABLE dataset_totals ADD NOT NULL row_count;
ALTER TABLE dataset_totals ADD NOT NULL value_sum;
ALTER TABLE dataset_totals ADD PRIMARY KEY (dataset_id);
ALTER TABLE datasets ADD CHECK ((visibility = ANY (ARRAY['PRIVATE'::text, 'PUBLIC'::text])));
ALTER TABLE datasets ADD NOT NULL id;
ALTER TABLE datasets ADD NOT NULL name;
ALTER TABLE datasets ADD NOT NULL owner;
ALTER TABLE datasets ADD NOT NULL seq;
ALTER TABLE datasets ADD NOT NULL visibility;
ALTER TABLE datasets ADD PRIMARY KEY (id);
ALTER TABLE datasets ADD UNIQUE (seq);
ALTER TABLE document_shares ADD CHECK ((role = ANY (ARRAY['READER'::text, 'EDITOR'::text])));
ALTER TABLE document_shares ADD FOREIGN KEY (document_id) REFERENCES documents(id) ON DELETE CASCADE;
ALTER TABLE document_shares ADD NOT NULL document_id;
ALTER TABLE document_shares ADD NOT NULL role;
ALTER TABLE document_shares ADD NOT NULL viewer_id;
ALTER TABLE document_shares ADD PRIMARY KEY (document_id, viewer_id);
ALTER TABLE documents ADD CHECK ((visibility = ANY (ARRAY['PRIVATE'::text, 'PUBLIC'::text])));
ALTER TABLE documents ADD NOT NULL body;
ALTER TABLE documents ADD NOT NULL id;
ALTER TABLE documents ADD NOT NULL owner;
ALTER TABLE documents ADD NOT NULL revision;
ALTER TABLE documents ADD NOT NULL seq;
ALTER TABLE documents ADD NOT NULL tags;
ALTER TABLE documents ADD NOT NULL title;
ALTER TABLE documents ADD NOT NULL updated_at;
ALTER TABLE documents ADD NOT NULL visibility;
ALTER TABLE documents ADD PRIMARY KEY (id);
ALTER TABLE documents ADD UNIQUE (seq);
ALTER TABLE livedoc_live_types ADD CHECK ((((parent_column IS NULL) = (parent_type IS NULL)) AND ((parent_type IS NULL) = (parent_field IS NULL))));
ALTER TABLE livedoc_live_types ADD NOT NULL access_columns;
ALTER TABLE livedoc_live_types ADD NOT NULL aggregate_fields;
ALTER TABLE livedoc_live_types ADD NOT NULL carries_records;
ALTER TABLE livedoc_live_types ADD NOT NULL list_columns;
ALTER TABLE livedoc_live_types ADD NOT NULL order_columns;
ALTER TABLE livedoc_live_types ADD NOT NULL sort_columns;
ALTER TABLE livedoc_live_types ADD NOT NULL table_name;
ALTER TABLE livedoc_live_types ADD NOT NULL type_name;
ALTER TABLE livedoc_live_types ADD PRIMARY KEY (table_name);
ALTER TABLE livedoc_meta ADD NOT NULL key;
ALTER TABLE livedoc_meta ADD NOT NULL value;
ALTER TABLE livedoc_meta ADD PRIMARY KEY (key);
ALTER TABLE livedoc_migrations ADD NOT NULL applied_at;
ALTER TABLE livedoc_migrations ADD NOT NULL id;
ALTER TABLE livedoc_migrations ADD NOT NULL name;
ALTER TABLE livedoc_migrations ADD PRIMARY KEY (id);
ALTER TABLE rows ADD CHECK ((value <> ALL (ARRAY['NaN'::double precision, 'Infinity'::double precision, '-Infinity'::double precision])));
ALTER TABLE rows ADD FOREIGN KEY (dataset_id) REFERENCES datasets(id) ON DELETE CASCADE;
ALTER TABLE rows ADD NOT NULL dataset_id;
ALTER TABLE rows ADD NOT NULL id;
ALTER TABLE rows ADD NOT NULL label;
ALTER TABLE rows ADD NOT NULL seq;
ALTER TABLE rows ADD NOT NULL value;
ALTER TABLE rows ADD PRIMARY KEY (id);
ALTER TABLE sections ADD FOREIGN KEY (document_id) REFERENCES documents(id) ON DELETE CASCADE;
ALTER TABLE sections ADD NOT NULL "position";
ALTER TABLE sections ADD NOT NULL body;
ALTER TABLE sections ADD NOT NULL document_id;
ALTER TABLE sections ADD NOT NULL heading;
ALTER TABLE sections ADD NOT NULL id;
ALTER TABLE sections ADD PRIMARY KEY (id);

-- Indexes
CREATE INDEX comments_document_seq_idx ON public.comments USING btree (document_id, seq);
CREATE INDEX dataset_shares_viewer_idx ON public.dataset_shares USING btree (viewer_id);
CREATE INDEX document_shares_viewer_idx ON public.document_shares USING btree (viewer_id);
CREATE INDEX documents_tags_idx ON public.documents USING gin (tags);
CREATE INDEX rows_dataset_seq_idx ON public.rows USING btree (dataset_id, seq);
CREATE INDEX rows_dataset_value_seq_idx ON public.rows USING btree (dataset_id, value, seq);
CREATE INDEX sections_document_position_idx ON public.sections USING btree (document_id, "position");

-- Types
CREATE TYPE livedoc_row_change AS (before jsonb, after jsonb);

-- Functions
CREATE OR REPLACE FUNCTION public.livedoc_announce(t livedoc_live_types, changes livedoc_row_change[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE
  records json;
  keys text[];
  deferred boolean := current_setting('livedoc.defer_keys', true) IS NOT DISTINCT FROM 'on';
BEGIN
  IF coalesce(cardinality(changes), 0) = 0 THEN
    RETURN;
  END IF;
  -- Records serve re-reading objects that live results already hold: changed ones, not new ones.
  IF t.carries_records AND cardinality(changes) <= 500 THEN
    records := (SELECT json_object_agg(livedoc_object_key(t.type_name, c.after->>'id'), c.after)
                FROM unnest(changes) c
                WHERE c.before->'id' = c.after->'id' OR (deferred AND c.before IS NULL AND c.after IS NOT NULL));
  END IF;
  keys := livedoc_change_keys(t, changes) || livedoc_ordered_keys(t, changes);
  IF deferred THEN
    PERFORM set_config('livedoc.pending_records',
      ((coalesce(nullif(current_setting('livedoc.pending_records', true), ''), '{}')::jsonb - keys)
        || coalesce(records::jsonb, '{}'))::text,
      true);
  END IF;
  PERFORM livedoc_notify_records(keys, records);
END $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_change_keys(t livedoc_live_types, changes livedoc_row_change[])
 RETURNS text[]
 LANGUAGE sql
 STABLE
AS $function$
  WITH c AS (
    SELECT ch.before, ch.after,
           -- Joins or leaves the table under an id (insert, delete, or a changed id).
           ch.before IS NULL OR ch.after IS NULL OR ch.before->'id' <> ch.after->'id' AS membership,
           t.list_columns <> '{}' AND EXISTS (
             SELECT 1 FROM unnest(t.list_columns) col WHERE ch.before->col IS DISTINCT FROM ch.after->col) AS listed,
           t.order_columns <> '{}' AND EXISTS (
             SELECT 1 FROM unnest(t.order_columns) col WHERE ch.before->col IS DISTINCT FROM ch.after->col) AS reordered,
           -- Changes who may read the row (no parent) or its parent (a share).
           t.access_columns <> '{}' AND (ch.before IS NULL OR ch.after IS NULL OR EXISTS (
             SELECT 1 FROM unnest(t.access_columns || CASE WHEN t.parent_column IS NULL THEN '{}'::text[] ELSE ARRAY[t.parent_column] END) col
             WHERE ch.before->col IS DISTINCT FROM ch.after->col)) AS access,
           -- A change of order alone is the parent's list's (it owns the order), not the row's.
           ch.before - t.order_columns IS DISTINCT FROM ch.after - t.order_columns AS changed
    FROM unnest(changes) ch
  ), side AS (
    SELECT c.membership, c.changed, c.access,
           c.before->t.parent_column IS DISTINCT FROM c.after->t.parent_column OR c.reordered AS moved,
           s.row, s.is_after
    FROM c, LATERAL (VALUES (c.before, false), (c.after, true)) s (row, is_after)
    WHERE s.row IS NOT NULL
  ), parent AS (
    SELECT p.root_field, p.root_list FROM livedoc_live_types p WHERE p.type_name = t.parent_type
  )
  SELECT ARRAY(SELECT DISTINCT k FROM (
    SELECT livedoc_object_key(t.type_name, row->>'id') FROM side WHERE membership OR (is_after AND changed)
    UNION ALL
    SELECT livedoc_root_id_key('Query', t.root_field, row->>'id') FROM side
    WHERE (membership OR (access AND t.parent_column IS NULL)) AND t.root_field IS NOT NULL
    UNION ALL
    SELECT livedoc_root_field_key('Query', t.root_list) FROM c
    WHERE t.root_list IS NOT NULL AND (membership OR listed OR (access AND t.parent_column IS NULL))
    UNION ALL
    -- The parent's own key re-reads its aggregates too; a change within the list changes them alone.
    SELECT k FROM side, LATERAL (VALUES (livedoc_object_key(t.parent_type, row->>t.parent_column)),
                                        (livedoc_field_key(t.parent_type, row->>t.parent_column, t.parent_field))) p (k)
    WHERE t.parent_column IS NOT NULL AND (membership OR moved OR access)
    UNION ALL
    SELECT livedoc_field_key(t.parent_type, row->>t.parent_column, f) FROM side, unnest(t.aggregate_fields) f
    WHERE t.parent_column IS NOT NULL AND changed AND NOT (membership OR moved)
    UNION ALL
    -- A row granting access to its parent: the parent's root keys, as for a change of its own access.
    SELECT k FROM side, parent, LATERAL (VALUES (livedoc_root_id_key('Query', parent.root_field, row->>t.parent_column)),
                                                (livedoc_root_field_key('Query', parent.root_list))) p (k)
    WHERE t.parent_column IS NOT NULL AND access
  ) keys (k) WHERE k IS NOT NULL)
$function$
;
CREATE OR REPLACE FUNCTION public.livedoc_changed()
 RETURNS trigger
 LANGUAGE plpgsql
 SET enable_nestloop TO 'off'
 SET jit TO 'off'
AS $function$
DECLARE
  t livedoc_live_types;
  changes livedoc_row_change[];
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('livedoc.announced', true) IS NOT DISTINCT FROM 'on' THEN
    RETURN NULL;
  END IF;
  SELECT * INTO STRICT t FROM livedoc_live_types WHERE table_name = TG_TABLE_NAME;
  IF TG_OP = 'INSERT' THEN
    changes := ARRAY(SELECT ROW(NULL, to_jsonb(n))::livedoc_row_change FROM new_rows n);
  ELSIF TG_OP = 'DELETE' THEN
    changes := ARRAY(SELECT ROW(to_jsonb(o), NULL)::livedoc_row_change FROM old_rows o);
  ELSE
    -- Every live table has an `id` column (its rows' keys are `Type:<id>`).
    changes := ARRAY(
      SELECT ROW(CASE WHEN o.id IS NOT NULL THEN to_jsonb(o) END, CASE WHEN n.id IS NOT NULL THEN to_jsonb(n) END)::livedoc_row_change
      FROM old_rows o FULL JOIN new_rows n ON o.id = n.id
      WHERE o IS DISTINCT FROM n);
  END IF;
  PERFORM livedoc_announce(t, changes);
  RETURN NULL;
END $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_datasets_totals_deleted()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM dataset_totals WHERE dataset_id IN (SELECT id FROM old_rows);
  RETURN NULL;
END $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_documents_revision()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF NEW IS DISTINCT FROM OLD THEN
    NEW.revision := OLD.revision + 1;
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_field_key(type_name text, id text, field_name text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$ SELECT type_name || ':' || id || '.' || field_name $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_make_live(live_table regclass)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
  EXECUTE format('CREATE TRIGGER livedoc_inserted AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed()', live_table);
  EXECUTE format('CREATE TRIGGER livedoc_updated AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed()', live_table);
  EXECUTE format('CREATE TRIGGER livedoc_deleted AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed()', live_table);
  EXECUTE format('CREATE TRIGGER livedoc_truncated AFTER TRUNCATE ON %s
    FOR EACH STATEMENT EXECUTE FUNCTION livedoc_truncated()', live_table);
END $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_notify(keys text[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
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
END $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_notify_records(keys text[], records json)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
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
END $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_object_key(type_name text, id text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$ SELECT type_name || ':' || id $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_ordered_field_key(type_name text, id text, field_name text, column_name text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$ SELECT type_name || ':' || id || '.' || field_name || '(' || column_name || ')' $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_ordered_keys(t livedoc_live_types, changes livedoc_row_change[])
 RETURNS text[]
 LANGUAGE sql
 STABLE
AS $function$
  SELECT ARRAY(
    SELECT DISTINCT livedoc_ordered_field_key(t.parent_type, ch.after->>t.parent_column, t.parent_field, col)
    FROM unnest(changes) ch, unnest(t.sort_columns) col
    -- Within the list: the same row, still in the same parent (joining or leaving announces the list itself).
    WHERE t.parent_column IS NOT NULL AND ch.before->'id' = ch.after->'id'
      AND ch.before->t.parent_column = ch.after->t.parent_column AND ch.before->col IS DISTINCT FROM ch.after->col)
$function$
;
CREATE OR REPLACE FUNCTION public.livedoc_root_field_key(type_name text, field_name text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$ SELECT type_name || '.' || field_name $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_root_id_key(type_name text, field_name text, id text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$ SELECT type_name || '.' || field_name || '(id:' || to_json(id)::text || ')' $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_rows_totals()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
END $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_rows_totals_truncated()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM dataset_totals;
  RETURN NULL;
END $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_sections_deleted_revision()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  UPDATE documents SET revision = revision + 1 WHERE id IN (SELECT document_id FROM old_rows);
  RETURN NULL;
END $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_sections_inserted_revision()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  UPDATE documents SET revision = revision + 1 WHERE id IN (SELECT document_id FROM new_rows);
  RETURN NULL;
END $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_sections_updated_revision()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
END $function$
;
CREATE OR REPLACE FUNCTION public.livedoc_truncated()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM livedoc_notify(ARRAY['*']);
  RETURN NULL;
END $function$
;

-- Triggers
CREATE TRIGGER livedoc_deleted AFTER DELETE ON public.comments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_inserted AFTER INSERT ON public.comments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_truncated AFTER TRUNCATE ON public.comments FOR EACH STATEMENT EXECUTE FUNCTION livedoc_truncated();
CREATE TRIGGER livedoc_updated AFTER UPDATE ON public.comments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_deleted AFTER DELETE ON public.dataset_shares REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_inserted AFTER INSERT ON public.dataset_shares REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_truncated AFTER TRUNCATE ON public.dataset_shares FOR EACH STATEMENT EXECUTE FUNCTION livedoc_truncated();
CREATE TRIGGER livedoc_updated AFTER UPDATE ON public.dataset_shares REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER datasets_totals_deleted AFTER DELETE ON public.datasets REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_datasets_totals_deleted();
CREATE TRIGGER livedoc_deleted AFTER DELETE ON public.datasets REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_inserted AFTER INSERT ON public.datasets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_truncated AFTER TRUNCATE ON public.datasets FOR EACH STATEMENT EXECUTE FUNCTION livedoc_truncated();
CREATE TRIGGER livedoc_updated AFTER UPDATE ON public.datasets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_deleted AFTER DELETE ON public.document_shares REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_inserted AFTER INSERT ON public.document_shares REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_truncated AFTER TRUNCATE ON public.document_shares FOR EACH STATEMENT EXECUTE FUNCTION livedoc_truncated();
CREATE TRIGGER livedoc_updated AFTER UPDATE ON public.document_shares REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER documents_revision BEFORE UPDATE ON public.documents FOR EACH ROW WHEN (((old.* IS DISTINCT FROM new.*) AND (NOT ((new.revision = (old.revision + 1)) AND (new.updated_at = now()))))) EXECUTE FUNCTION livedoc_documents_revision();
CREATE TRIGGER livedoc_deleted AFTER DELETE ON public.documents REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_inserted AFTER INSERT ON public.documents REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_truncated AFTER TRUNCATE ON public.documents FOR EACH STATEMENT EXECUTE FUNCTION livedoc_truncated();
CREATE TRIGGER livedoc_updated AFTER UPDATE ON public.documents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_deleted AFTER DELETE ON public.rows REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_inserted AFTER INSERT ON public.rows REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_truncated AFTER TRUNCATE ON public.rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_truncated();
CREATE TRIGGER livedoc_updated AFTER UPDATE ON public.rows REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER rows_totals_deleted AFTER DELETE ON public.rows REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_rows_totals();
CREATE TRIGGER rows_totals_inserted AFTER INSERT ON public.rows REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_rows_totals();
CREATE TRIGGER rows_totals_truncated AFTER TRUNCATE ON public.rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_rows_totals_truncated();
CREATE TRIGGER rows_totals_updated AFTER UPDATE ON public.rows REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_rows_totals();
CREATE TRIGGER livedoc_deleted AFTER DELETE ON public.sections REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_inserted AFTER INSERT ON public.sections REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER livedoc_truncated AFTER TRUNCATE ON public.sections FOR EACH STATEMENT EXECUTE FUNCTION livedoc_truncated();
CREATE TRIGGER livedoc_updated AFTER UPDATE ON public.sections REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed();
CREATE TRIGGER sections_deleted_revision AFTER DELETE ON public.sections REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_sections_deleted_revision();
CREATE TRIGGER sections_inserted_revision AFTER INSERT ON public.sections REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_sections_inserted_revision();
CREATE TRIGGER sections_updated_revision AFTER UPDATE ON public.sections REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION livedoc_sections_updated_revision();

-- Live types (livedoc_live_types)
('comments', 'Comment', NULL, NULL, '{}', 'document_id', 'Document', 'comments', '{}', '{}', 't')
('dataset_shares', 'Share', NULL, NULL, '{}', 'dataset_id', 'Dataset', 'shares', '{}', '{}', 'f')
('datasets', 'Dataset', 'dataset', 'datasets', '{}', NULL, NULL, NULL, '{}', '{}', 'f')
('document_shares', 'Share', NULL, NULL, '{}', 'document_id', 'Document', 'shares', '{}', '{}', 'f')
('documents', 'Document', 'document', 'documents', '{tags}', NULL, NULL, NULL, '{}', '{}', 't')
('rows', 'Row', NULL, NULL, '{}', 'dataset_id', 'Dataset', 'rows', '{}', '{summary}', 't')
('sections', 'Section', NULL, NULL, '{}', 'document_id', 'Document', 'sections', '{position}', '{}', 'f')
