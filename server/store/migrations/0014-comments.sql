-- Comments on documents, live: their changes announce `Comment:<id>`, and joining or leaving a
-- document's list `Document:<id>` and `Document:<id>.comments` (see livedoc_live_types).
CREATE TABLE comments (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  document_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  author text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz
);
CREATE INDEX comments_document_seq_idx ON comments (document_id, seq);

INSERT INTO livedoc_live_types (table_name, type_name, parent_column, parent_type, parent_field, carries_records)
VALUES ('comments', 'Comment', 'document_id', 'Document', 'comments', true);
SELECT livedoc_make_live('comments');
