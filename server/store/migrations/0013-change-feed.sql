-- The change feed: one generic trigger function, attached to every live table, announces each
-- committed change as resource keys (docs/protocol.md, "Resource keys") on NOTIFY livedoc_changes.
-- What a table's changes mean comes from its row in livedoc_live_types, not from per-table code, so
-- a new live type is a table, a row here and livedoc_make_live(table).

-- Per-table change functions of earlier releases; dropping them drops their triggers.
DROP FUNCTION IF EXISTS livedoc_documents_inserted_or_deleted() CASCADE;
DROP FUNCTION IF EXISTS livedoc_documents_updated() CASCADE;
DROP FUNCTION IF EXISTS livedoc_document_change_keys(text[], text, text[]);
DROP FUNCTION IF EXISTS livedoc_sections_inserted_or_deleted() CASCADE;
DROP FUNCTION IF EXISTS livedoc_sections_updated() CASCADE;
DROP FUNCTION IF EXISTS livedoc_datasets_inserted_or_deleted() CASCADE;
DROP FUNCTION IF EXISTS livedoc_datasets_updated() CASCADE;
DROP FUNCTION IF EXISTS livedoc_rows_inserted_or_deleted() CASCADE;
DROP FUNCTION IF EXISTS livedoc_rows_updated() CASCADE;
DROP FUNCTION IF EXISTS livedoc_truncated() CASCADE;
DROP FUNCTION IF EXISTS livedoc_notify_records(text[], json);
DROP FUNCTION IF EXISTS livedoc_notify(text[]);

-- How the rows of one table appear in the GraphQL schema, and so which keys a change announces.
CREATE TABLE livedoc_live_types (
  -- The table, and the GraphQL type of its rows: a row changes `Type:<id>`.
  table_name text PRIMARY KEY,
  type_name text NOT NULL,
  -- A root field reading one row by id: inserting, deleting or renaming a row changes `Query.field(id:"<id>")`.
  root_field text,
  -- A root field listing the rows: it changes with every insert, delete, rename, and with a change
  -- to one of list_columns (what it filters or orders by).
  root_list text,
  list_columns text[] NOT NULL DEFAULT '{}',
  -- The row's parent (column holding its id, and its type) and the parent's list field of these rows:
  -- joining, leaving or moving within the list (order_columns) changes `Parent:<id>` and `Parent:<id>.field`.
  parent_column text,
  parent_type text,
  parent_field text,
  order_columns text[] NOT NULL DEFAULT '{}',
  -- Parent fields computed from the rows' values (an aggregate): any change changes `Parent:<id>.field`.
  aggregate_fields text[] NOT NULL DEFAULT '{}',
  -- Changes carry the committed row, so that listeners need not read it back.
  carries_records boolean NOT NULL DEFAULT false,
  CHECK ((parent_column IS NULL) = (parent_type IS NULL) AND (parent_type IS NULL) = (parent_field IS NULL))
);

-- The key vocabulary, as server/keys/resourceKeys.ts spells it (a store test holds both to the same
-- strings).
CREATE FUNCTION livedoc_object_key(type_name text, id text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT type_name || ':' || id $$;
CREATE FUNCTION livedoc_field_key(type_name text, id text, field_name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT type_name || ':' || id || '.' || field_name $$;
CREATE FUNCTION livedoc_root_field_key(type_name text, field_name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT type_name || '.' || field_name $$;
CREATE FUNCTION livedoc_root_id_key(type_name text, field_name text, id text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT type_name || '.' || field_name || '(id:' || to_json(id)::text || ')' $$;

-- Sends keys as JSON arrays on channel livedoc_changes: in one NOTIFY when they fit (nearly every
-- write), else split so that no payload reaches 7,500 bytes (NOTIFY's limit is 8,000); a key too long
-- to fit is replaced by "*". A writer that carries its keys itself (over the Redis bus) sets
-- livedoc.defer_keys: the keys are collected in the transaction-local livedoc.pending_keys instead.
CREATE FUNCTION livedoc_notify(keys text[]) RETURNS void LANGUAGE plpgsql AS $$
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

-- Keys with the committed records of some of them: {"keys": [...], "records": {"<key>": {...}}}.
-- Notifications arrive in commit order, so the record of the latest one about a key is the committed
-- state. Too large for one payload: as many keys and records as fit go in each; a key whose record
-- alone would not fit goes without it; past 500 keys (bulk writes), or with keys collected for
-- another bus, the keys go alone.
CREATE FUNCTION livedoc_notify_records(keys text[], records json) RETURNS void LANGUAGE plpgsql AS $$
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

-- One changed row: its state before (NULL for an insert) and after (NULL for a delete), as JSON.
CREATE TYPE livedoc_row_change AS (before jsonb, after jsonb);

-- The keys a statement's changes announce, by their table's livedoc_live_types entry, set-based.
CREATE FUNCTION livedoc_change_keys(t livedoc_live_types, changes livedoc_row_change[]) RETURNS text[]
LANGUAGE sql STABLE AS $$
  WITH c AS (
    SELECT ch.before, ch.after,
           -- Joins or leaves the table under an id (insert, delete, or a changed id).
           ch.before IS NULL OR ch.after IS NULL OR ch.before->'id' <> ch.after->'id' AS membership,
           t.list_columns <> '{}' AND EXISTS (
             SELECT 1 FROM unnest(t.list_columns) col WHERE ch.before->col IS DISTINCT FROM ch.after->col) AS listed,
           t.order_columns <> '{}' AND EXISTS (
             SELECT 1 FROM unnest(t.order_columns) col WHERE ch.before->col IS DISTINCT FROM ch.after->col) AS reordered,
           -- A change of order alone is the parent's list's (it owns the order), not the row's.
           ch.before - t.order_columns IS DISTINCT FROM ch.after - t.order_columns AS changed
    FROM unnest(changes) ch
  ), side AS (
    SELECT c.membership, c.changed, c.before->t.parent_column IS DISTINCT FROM c.after->t.parent_column OR c.reordered AS moved,
           s.row, s.is_after
    FROM c, LATERAL (VALUES (c.before, false), (c.after, true)) s (row, is_after)
    WHERE s.row IS NOT NULL
  )
  SELECT ARRAY(SELECT DISTINCT k FROM (
    SELECT livedoc_object_key(t.type_name, row->>'id') FROM side WHERE membership OR (is_after AND changed)
    UNION ALL
    SELECT livedoc_root_id_key('Query', t.root_field, row->>'id') FROM side WHERE membership AND t.root_field IS NOT NULL
    UNION ALL
    SELECT livedoc_root_field_key('Query', t.root_list) FROM c WHERE t.root_list IS NOT NULL AND (membership OR listed)
    UNION ALL
    -- The parent's own key re-reads its aggregates too; a change within the list changes them alone.
    SELECT k FROM side, LATERAL (VALUES (livedoc_object_key(t.parent_type, row->>t.parent_column)),
                                        (livedoc_field_key(t.parent_type, row->>t.parent_column, t.parent_field))) p (k)
    WHERE t.parent_column IS NOT NULL AND (membership OR moved)
    UNION ALL
    SELECT livedoc_field_key(t.parent_type, row->>t.parent_column, f) FROM side, unnest(t.aggregate_fields) f
    WHERE t.parent_column IS NOT NULL AND changed AND NOT (membership OR moved)
  ) keys (k))
$$;

-- Announces a statement's changes: their keys, with the changed rows when the type carries records.
CREATE FUNCTION livedoc_announce(t livedoc_live_types, changes livedoc_row_change[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  records json;
BEGIN
  IF coalesce(cardinality(changes), 0) = 0 THEN
    RETURN;
  END IF;
  -- Records serve re-reading objects that live results already hold: changed ones, not new ones.
  IF t.carries_records AND cardinality(changes) <= 500 THEN
    records := (SELECT json_object_agg(livedoc_object_key(t.type_name, c.after->>'id'), c.after)
                FROM unnest(changes) c WHERE c.before->'id' = c.after->'id');
  END IF;
  PERFORM livedoc_notify_records(livedoc_change_keys(t, changes), records);
END $$;

-- The one change trigger of every live table (AFTER INSERT, UPDATE, DELETE; FOR EACH STATEMENT).
-- An UPDATE that sets the transaction-local flag livedoc.announced is announced by its writer itself
-- (the embedded store, the database's only user, hands the committed rows to its listeners).
-- Planned without nested loops: PL/pgSQL keeps the plan of a trigger's first call, and a join of the
-- transition tables planned for a 1-row statement must not turn a 10,000-row one quadratic.
CREATE FUNCTION livedoc_changed() RETURNS trigger LANGUAGE plpgsql SET enable_nestloop = off AS $$
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
END $$;

-- TRUNCATE names no rows: tell listeners that anything may have changed.
CREATE FUNCTION livedoc_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM livedoc_notify(ARRAY['*']);
  RETURN NULL;
END $$;

-- Attaches the change triggers to a table listed in livedoc_live_types.
CREATE FUNCTION livedoc_make_live(live_table regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER livedoc_inserted AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed()', live_table);
  EXECUTE format('CREATE TRIGGER livedoc_updated AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed()', live_table);
  EXECUTE format('CREATE TRIGGER livedoc_deleted AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION livedoc_changed()', live_table);
  EXECUTE format('CREATE TRIGGER livedoc_truncated AFTER TRUNCATE ON %s
    FOR EACH STATEMENT EXECUTE FUNCTION livedoc_truncated()', live_table);
END $$;

INSERT INTO livedoc_live_types
  (table_name, type_name, root_field, root_list, list_columns, parent_column, parent_type, parent_field, order_columns, aggregate_fields, carries_records)
VALUES
  ('documents', 'Document', 'document', 'documents', '{tags}', NULL, NULL, NULL, '{}', '{}', true),
  ('sections', 'Section', NULL, NULL, '{}', 'document_id', 'Document', 'sections', '{position}', '{}', false),
  ('datasets', 'Dataset', 'dataset', 'datasets', '{}', NULL, NULL, NULL, '{}', '{}', false),
  ('rows', 'Row', NULL, NULL, '{}', 'dataset_id', 'Dataset', 'rows', '{}', '{summary}', true);
SELECT livedoc_make_live(table_name::regclass) FROM livedoc_live_types ORDER BY table_name;
