-- A writer that carries its keys itself (over the Redis bus, livedoc.defer_keys) carries the committed
-- records too, so that no instance reads back what the change already holds: they are collected in
-- the transaction-local livedoc.pending_records ({"<key>": {<row>}}), a later statement's row
-- replacing an earlier one's and a later statement without a key's record dropping it (what is left is
-- the committed state). Past 500 keys the keys go alone, as on NOTIFY; the writer bounds what it sends.
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
  IF current_setting('livedoc.defer_keys', true) IS NOT DISTINCT FROM 'on' THEN
    -- A key announced without its record drops any record an earlier statement collected for it.
    PERFORM set_config('livedoc.pending_records',
      ((coalesce(nullif(current_setting('livedoc.pending_records', true), ''), '{}')::jsonb - keys)
        || CASE WHEN coalesce(array_length(keys, 1), 0) <= 500 THEN coalesce(records::jsonb, '{}') ELSE '{}' END)::text,
      true);
    PERFORM livedoc_notify(keys);
    RETURN;
  END IF;
  IF records IS NULL OR coalesce(array_length(keys, 1), 0) > 500 THEN
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

-- Where the keys go over another bus, a new row's record goes with them too: there a change without a
-- record leaves its object's later records unplaceable for a while (server/invalidation/recentRecords.ts),
-- and an insert is no such change.
CREATE OR REPLACE FUNCTION livedoc_announce(t livedoc_live_types, changes livedoc_row_change[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  records json;
  with_new boolean := current_setting('livedoc.defer_keys', true) IS NOT DISTINCT FROM 'on';
BEGIN
  IF coalesce(cardinality(changes), 0) = 0 THEN
    RETURN;
  END IF;
  -- Records serve re-reading objects that live results already hold: changed ones, not new ones.
  IF t.carries_records AND cardinality(changes) <= 500 THEN
    records := (SELECT json_object_agg(livedoc_object_key(t.type_name, c.after->>'id'), c.after)
                FROM unnest(changes) c
                WHERE c.before->'id' = c.after->'id' OR (with_new AND c.before IS NULL AND c.after IS NOT NULL));
  END IF;
  PERFORM livedoc_notify_records(livedoc_change_keys(t, changes) || livedoc_ordered_keys(t, changes), records);
END $$;
