-- Access (issue 12): every document and dataset has an owner (a viewer id, the `sub` of a token)
-- and a visibility; share rows give other viewers READER or EDITOR on one item. Items of earlier
-- releases stay readable by everyone: PUBLIC, owned by `system`; new items are PRIVATE.
ALTER TABLE documents
  ADD COLUMN owner text NOT NULL DEFAULT 'system',
  ADD COLUMN visibility text NOT NULL DEFAULT 'PUBLIC' CONSTRAINT documents_visibility_check CHECK (visibility IN ('PRIVATE', 'PUBLIC'));
ALTER TABLE documents ALTER COLUMN owner DROP DEFAULT, ALTER COLUMN visibility SET DEFAULT 'PRIVATE';
ALTER TABLE datasets
  ADD COLUMN owner text NOT NULL DEFAULT 'system',
  ADD COLUMN visibility text NOT NULL DEFAULT 'PUBLIC' CONSTRAINT datasets_visibility_check CHECK (visibility IN ('PRIVATE', 'PUBLIC'));
ALTER TABLE datasets ALTER COLUMN owner DROP DEFAULT, ALTER COLUMN visibility SET DEFAULT 'PRIVATE';

-- Shares. `id` exists because every live table has one (the change trigger pairs updated rows by
-- it); the length prefix keeps it unique whatever the ids contain.
CREATE TABLE document_shares (
  document_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  viewer_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('READER', 'EDITOR')),
  id text GENERATED ALWAYS AS (length(document_id)::text || ':' || document_id || ':' || viewer_id) STORED,
  PRIMARY KEY (document_id, viewer_id)
);
CREATE INDEX document_shares_viewer_idx ON document_shares (viewer_id);

CREATE TABLE dataset_shares (
  dataset_id text NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  viewer_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('READER', 'EDITOR')),
  id text GENERATED ALWAYS AS (length(dataset_id)::text || ':' || dataset_id || ':' || viewer_id) STORED,
  PRIMARY KEY (dataset_id, viewer_id)
);
CREATE INDEX dataset_shares_viewer_idx ON dataset_shares (viewer_id);

-- Columns that decide who may read an item: of the row itself when the type has no parent (an
-- item's owner and visibility), of its parent otherwise (a share row grants access to its item, so
-- its insert and delete count too). Who may read what changed: every live query that read the item
-- re-runs from its root, through the item's root id key and its type's root list key (never a
-- re-resolve of the object alone, which would skip the access check at the root).
ALTER TABLE livedoc_live_types ADD COLUMN access_columns text[] NOT NULL DEFAULT '{}';

CREATE OR REPLACE FUNCTION livedoc_change_keys(t livedoc_live_types, changes livedoc_row_change[]) RETURNS text[]
LANGUAGE sql STABLE AS $$
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
$$;

UPDATE livedoc_live_types SET access_columns = '{owner,visibility}' WHERE table_name IN ('documents', 'datasets');
INSERT INTO livedoc_live_types (table_name, type_name, parent_column, parent_type, parent_field, access_columns)
VALUES
  ('document_shares', 'Share', 'document_id', 'Document', 'shares', '{viewer_id,role}'),
  ('dataset_shares', 'Share', 'dataset_id', 'Dataset', 'shares', '{viewer_id,role}');
SELECT livedoc_make_live('document_shares');
SELECT livedoc_make_live('dataset_shares');
