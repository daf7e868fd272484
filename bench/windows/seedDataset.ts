/**
 * The benchmark's big dataset, written straight into the database before the server starts: rows
 * inserted with the triggers off and the row indexes built afterwards (minutes faster than through the
 * API on a million rows), then the totals the triggers would have kept. PGlite folders are seeded
 * once per row count and schema and copied for each run.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../server/db/db.js';
import { openPgDb } from '../../server/db/pgDb.js';
import { openPgliteDb } from '../../server/db/pgliteDb.js';
import { migrate, migrations } from '../../server/store/migrate.js';
import { createTempDatabase, type TempDatabase } from '../../test/support/postgres.js';

/** The seeded dataset's id. */
export const BIG_DATASET_ID = 'big';

/** Row `i` (1-based) has id `r<i>` and value `((i * 7919) mod 1,000,003) / 100`: spread over [0, 10,000], few ties. */
export function seededValue(i: number): number {
  return ((i * 7919) % 1_000_003) / 100;
}

/** Where a server reads the seeded data: a PGlite folder or a PostgreSQL database, and how to drop it. */
export interface SeededStorage {
  env: Record<string, string>;
  description: string;
  dispose(): Promise<void>;
}

/** Inserts the dataset (PUBLIC, owned by `owner`) and `rows` rows on a migrated `db`. */
async function seed(db: Db, rows: number, owner: string): Promise<void> {
  await db.query(`INSERT INTO datasets (id, name, owner, visibility) VALUES ($1, $2, $3, 'PUBLIC')`, [BIG_DATASET_ID, `${rows} rows`, owner]);
  await db.exec('DROP INDEX rows_dataset_seq_idx; DROP INDEX rows_dataset_value_seq_idx');
  await db.transaction(async (tx) => {
    await tx.exec(`SET LOCAL session_replication_role = replica`);
    await tx.query(
      `INSERT INTO rows (id, dataset_id, label, value)
       SELECT 'r' || g, $1, 'row ' || g, ((g::bigint * 7919) % 1000003) / 100.0 FROM generate_series(1, $2::int) g ORDER BY g`,
      [BIG_DATASET_ID, rows],
    );
  });
  await db.exec(`CREATE INDEX rows_dataset_seq_idx ON rows (dataset_id, seq);
    CREATE INDEX rows_dataset_value_seq_idx ON rows (dataset_id, value, seq);
    ANALYZE rows`);
  await db.query(
    `INSERT INTO dataset_totals (dataset_id, row_count, value_sum) SELECT dataset_id, count(*), sum(value::numeric) FROM rows WHERE dataset_id = $1 GROUP BY dataset_id`,
    [BIG_DATASET_ID],
  );
}

/** A PostgreSQL database of its own, seeded. */
export async function seedPostgres(rows: number, owner: string): Promise<SeededStorage> {
  const database: TempDatabase = await createTempDatabase();
  const db = await openPgDb(database.url);
  try {
    await migrate(db);
    await seed(db, rows, owner);
  } finally {
    await db.close();
  }
  return { env: { DATABASE_URL: database.url }, description: 'PostgreSQL (a temporary database)', dispose: () => database.drop() };
}

/** A copy of a PGlite folder seeded with `rows` rows (seeded into the cache first when missing). */
export async function seedPglite(rows: number, owner: string, log: (message: string) => void): Promise<SeededStorage> {
  const cache = path.join(os.tmpdir(), `livedoc-bench-windows-${rows}-m${migrations.length}`);
  if (!existsSync(path.join(cache, 'seeded'))) {
    log(`seeding ${rows} rows into ${cache} (once; later runs copy it)`);
    await rm(cache, { recursive: true, force: true });
    await mkdir(cache, { recursive: true });
    const db = await openPgliteDb(path.join(cache, 'data'));
    try {
      await migrate(db);
      await seed(db, rows, owner);
    } finally {
      await db.close();
    }
    await mkdir(path.join(cache, 'seeded'));
  }
  const copy = path.join(os.tmpdir(), `livedoc-bench-windows-run-${process.pid}`);
  await rm(copy, { recursive: true, force: true });
  await cp(path.join(cache, 'data'), copy, { recursive: true });
  return { env: { DATA_DIR: copy }, description: 'PGlite (a copy of a seeded folder)', dispose: () => rm(copy, { recursive: true, force: true }) };
}
