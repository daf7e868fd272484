-- Live windows over lists (issue 15): `documents(first, after, tag)` and `Dataset.rows(first, after,
-- orderBy)` read one window with LIMIT over an index, so their cost follows the window, not the list.

-- Rows by value, ties in insertion order: the index a window ordered by value (either way) walks.
-- It also serves min and max of the summary, as the index it replaces did.
DROP INDEX IF EXISTS rows_dataset_value_idx;
CREATE INDEX rows_dataset_value_seq_idx ON rows (dataset_id, value, seq);
-- A window by position walks (dataset_id, seq). The unique index on seq alone (an identity, unique
-- anyway) tempted generic plans of prepared statements into walking every dataset's rows in seq
-- order, filtering out other datasets' rows: a small dataset after a large one read the large one.
ALTER TABLE rows DROP CONSTRAINT IF EXISTS rows_seq_key;

-- Columns of a list's rows that windows of the parent's list may be ordered by, besides the list's
-- own order: a change to one within the list announces `Parent:<id>.field(column)`
-- (livedoc_ordered_field_key), which only windows ordered by that column read.
ALTER TABLE livedoc_live_types ADD COLUMN sort_columns text[] NOT NULL DEFAULT '{}';

CREATE FUNCTION livedoc_ordered_field_key(type_name text, id text, field_name text, column_name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT type_name || ':' || id || '.' || field_name || '(' || column_name || ')' $$;

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
    UNION ALL
    -- A change to a column that windows of the parent's list may be ordered by, within the list:
    -- those windows hear it (the row may enter, leave or move in them), windows in the list's own order do not.
    SELECT livedoc_ordered_field_key(t.parent_type, c.after->>t.parent_column, t.parent_field, col) FROM c, unnest(t.sort_columns) col
    WHERE t.parent_column IS NOT NULL AND NOT c.membership AND c.before->t.parent_column = c.after->t.parent_column
      AND c.before->col IS DISTINCT FROM c.after->col
  ) keys (k) WHERE k IS NOT NULL)
$$;

UPDATE livedoc_live_types SET sort_columns = '{value}' WHERE table_name = 'rows';

-- The change trigger plans without nested loops (0013), which prices every plan that needs one (the
-- LATERAL joins of livedoc_change_keys) at the planner's "disabled" cost: far over jit_above_cost,
-- so on a PostgreSQL built with JIT every write compiled its trigger's queries, about a second of
-- CPU per statement. Its queries are small: never worth compiling.
ALTER FUNCTION livedoc_changed() SET jit = off;
