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

-- The keys a statement's changes announce for windows ordered by a sort column (a row's value).
CREATE FUNCTION livedoc_ordered_keys(t livedoc_live_types, changes livedoc_row_change[]) RETURNS text[]
LANGUAGE sql STABLE AS $$
  SELECT ARRAY(
    SELECT DISTINCT livedoc_ordered_field_key(t.parent_type, ch.after->>t.parent_column, t.parent_field, col)
    FROM unnest(changes) ch, unnest(t.sort_columns) col
    -- Within the list: the same row, still in the same parent (joining or leaving announces the list itself).
    WHERE t.parent_column IS NOT NULL AND ch.before->'id' = ch.after->'id'
      AND ch.before->t.parent_column = ch.after->t.parent_column AND ch.before->col IS DISTINCT FROM ch.after->col)
$$;

CREATE OR REPLACE FUNCTION livedoc_announce(t livedoc_live_types, changes livedoc_row_change[]) RETURNS void
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
  PERFORM livedoc_notify_records(livedoc_change_keys(t, changes) || livedoc_ordered_keys(t, changes), records);
END $$;

UPDATE livedoc_live_types SET sort_columns = '{value}' WHERE table_name = 'rows';

-- The change trigger plans without nested loops (0013), which prices every plan that needs one (the
-- LATERAL joins of livedoc_change_keys) at the planner's "disabled" cost: far over jit_above_cost,
-- so on a PostgreSQL built with JIT every write compiled its trigger's queries, about a second of
-- CPU per statement. Its queries are small: never worth compiling.
ALTER FUNCTION livedoc_changed() SET jit = off;
