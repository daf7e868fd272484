/**
 * A readable description of a database's current schema, from the catalog: tables with their columns
 * and constraints, indexes, functions, triggers, and the live types' registry. Compared with
 * server/store/current-schema.sql by a test (a fresh database and an upgraded one must both match
 * it); `npm run schema:snapshot` rewrites that file.
 */
import type { Queryable } from '../db/db.js';

/** Where the snapshot of the current schema is kept. */
export const SNAPSHOT_FILE = 'server/store/current-schema.sql';

const TABLES = `
  SELECT c.relname AS name,
         string_agg(format('  %I %s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),
           CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END,
           CASE WHEN a.attidentity <> '' THEN ' GENERATED ' || CASE a.attidentity WHEN 'a' THEN 'ALWAYS' ELSE 'BY DEFAULT' END || ' AS IDENTITY'
                WHEN d.adbin IS NOT NULL THEN ' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid) ELSE '' END), E',\\n' ORDER BY a.attnum) AS body
  FROM pg_class c
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
  WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
  GROUP BY c.relname ORDER BY c.relname`;

const CONSTRAINTS = `
  SELECT format('ALTER TABLE %I ADD %s;', c.conrelid::regclass::text, pg_get_constraintdef(c.oid)) AS line
  FROM pg_constraint c
  WHERE c.connamespace = 'public'::regnamespace AND c.conrelid <> 0
  ORDER BY c.conrelid::regclass::text, pg_get_constraintdef(c.oid)`;

const INDEXES = `
  SELECT indexdef || ';' AS line FROM pg_indexes WHERE schemaname = 'public'
    AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace)
  ORDER BY tablename, indexdef`;

const TYPES = `
  SELECT format('CREATE TYPE %I AS (%s);', t.typname,
           string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum)) AS line
  FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
  WHERE t.typnamespace = 'public'::regnamespace
  GROUP BY t.typname ORDER BY t.typname`;

const FUNCTIONS = `
  SELECT trim(pg_get_functiondef(p.oid)) || ';' AS line FROM pg_proc p
  WHERE p.pronamespace = 'public'::regnamespace ORDER BY p.proname, pg_get_function_identity_arguments(p.oid)`;

const TRIGGERS = `
  SELECT pg_get_triggerdef(t.oid) || ';' AS line FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
  WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace ORDER BY c.relname, t.tgname`;

const LIVE_TYPES = `
  SELECT format('(%L, %L, %L, %L, %L, %L, %L, %L, %L, %L, %L)', table_name, type_name, root_field, root_list, list_columns,
           parent_column, parent_type, parent_field, order_columns, aggregate_fields, carries_records) AS line
  FROM livedoc_live_types ORDER BY table_name`;

async function lines(q: Queryable, sql: string): Promise<string[]> {
  return (await q.query<{ line: string }>(sql)).map((row) => row.line);
}

/** Describes the schema of `q`'s database as SQL-like text, in a stable order. */
export async function describeSchema(q: Queryable): Promise<string> {
  const tables = await q.query<{ name: string; body: string }>(TABLES);
  const sections = [
    '-- The current schema, as the migrations leave it (generated: npm run schema:snapshot; a test compares).',
    '\n-- Tables',
    ...tables.map((t) => `CREATE TABLE ${t.name} (\n${t.body}\n);`),
    '\n-- Constraints',
    ...(await lines(q, CONSTRAINTS)),
    '\n-- Indexes',
    ...(await lines(q, INDEXES)),
    '\n-- Types',
    ...(await lines(q, TYPES)),
    '\n-- Functions',
    ...(await lines(q, FUNCTIONS)),
    '\n-- Triggers',
    ...(await lines(q, TRIGGERS)),
    '\n-- Live types (livedoc_live_types)',
    ...(await lines(q, LIVE_TYPES)),
  ];
  return `${sections.join('\n')}\n`;
}
