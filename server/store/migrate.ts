/**
 * Schema migrations: the SQL files of server/store/migrations/, named `NNNN-name.sql`, applied in
 * order of NNNN, each at most once per database (recorded in `livedoc_migrations`), all pending ones
 * in one transaction under an advisory lock, so that instances starting at once against one database
 * migrate it once.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/db.js';
import { projectRoot } from '../runtime/projectRoot.js';

/** One schema change. */
export interface Migration {
  /** Position in the sequence (the file's number); never reuse or reorder once released. */
  id: number;
  name: string;
  /** A script of one or more statements (no parameters). */
  sql: string;
}

/**
 * Key of the transaction-level advisory lock that serializes migrations (and seeding) of
 * instances starting at once against the same database.
 */
export const SCHEMA_LOCK_KEY = 4_712_030_517;

/** The folder of the migration files (read from the sources, also when the server runs compiled). */
export const migrationsDir = path.join(projectRoot, 'server', 'store', 'migrations');

/**
 * The baseline: a new database gets the schema of releases 1 to 12 from this one file; a database
 * that recorded those migrations one by one already has it.
 */
const BASELINE_ID = 12;

/** Reads the migration files of `dir`, in order. Throws on a file whose name has no `NNNN-` number. */
export function readMigrations(dir = migrationsDir): Migration[] {
  const files = readdirSync(dir).filter((file) => file.endsWith('.sql'));
  return files
    .map((file) => {
      const match = /^(\d+)-(.+)\.sql$/.exec(file);
      if (!match) throw new Error(`migration file ${file} in ${dir}: expected a name like 0001-name.sql`);
      return { id: Number(match[1]), name: (match[2] as string).replace(/-/g, ' '), sql: readFileSync(path.join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.id - b.id);
}

/** The migrations of this release, in order. */
export const migrations: readonly Migration[] = readMigrations();

/**
 * Applies the migrations of `list` not yet recorded, in id order, in one transaction under the
 * advisory lock (a concurrent instance waits, then finds nothing to do). Returns the names of the
 * migrations applied (empty when the schema was up to date). Throws, changing nothing, for a database
 * part-way through releases 1 to 12, which the baseline cannot upgrade.
 */
export async function migrate(db: Db, list: readonly Migration[] = migrations): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [SCHEMA_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS livedoc_migrations (
      id integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ id: number }>('SELECT id FROM livedoc_migrations');
    const done = new Set(rows.map((r) => r.id));
    const partial = [...done].some((id) => id < BASELINE_ID);
    if (partial && !done.has(BASELINE_ID)) {
      throw new Error(
        `the database recorded migrations ${[...done].sort((a, b) => a - b).join(', ')}: expected none or all of 1 to ${BASELINE_ID}; ` +
          'start a release with migration 12 on it once, then this one',
      );
    }
    const applied: string[] = [];
    for (const migration of [...list].sort((a, b) => a.id - b.id)) {
      if (done.has(migration.id)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO livedoc_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
      applied.push(migration.name);
    }
    return applied;
  });
}
