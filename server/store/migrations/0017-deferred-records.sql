-- A writer that carries its keys itself (over the Redis bus, livedoc.defer_keys) carries the committed
-- records too, so that no instance reads back what the change already holds: they are collected in
-- the transaction-local livedoc.pending_records ({"<key>": {<row>}}), a later statement's row
-- replacing an earlier one's and a later statement announcing a key without its record dropping it
-- (what is left is the committed state). New rows go too: there a change without a record leaves its
-- object's later records unplaceable for a while (server/invalidation/recentRecords.ts), and an insert
-- is no such change. Past 500 rows the keys go alone, as on NOTIFY; the writer bounds what it sends.
CREATE OR REPLACE FUNCTION livedoc_announce(t livedoc_live_types, changes livedoc_row_change[]) RETURNS void
LANGUAGE plpgsql AS $$
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
END $$;
