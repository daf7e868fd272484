/**
 * Migrations: a fresh database and one upgraded in place from the released migrations 1 to 12 both
 * end at the schema of server/store/current-schema.sql, with data kept; the SQL key functions spell
 * keys as server/keys/resourceKeys.ts does.
 */
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.js';
import { openPgliteDb } from '../../server/db/pgliteDb.js';
import { fieldKey, objectKey, orderedFieldKey, rootFieldArgsKey, rootFieldKey } from '../../server/keys/resourceKeys.js';
import { describeSchema, SNAPSHOT_FILE } from '../../server/store/describeSchema.js';
import { migrate, migrations, readMigrations } from '../../server/store/migrate.js';
import { projectRoot } from '../../server/runtime/projectRoot.js';
import { releasedMigrations } from './fixtures/releasedMigrations.js';

const open: Db[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

async function memoryDb(): Promise<Db> {
  const db = await openPgliteDb('memory://');
  open.push(db);
  return db;
}

/** A database as release 12 left it: its migrations applied and recorded one by one. */
async function releasedDb(): Promise<Db> {
  const db = await memoryDb();
  await db.exec('CREATE TABLE livedoc_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const migration of releasedMigrations) {
    await db.exec(migration.sql);
    await db.query('INSERT INTO livedoc_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
  }
  return db;
}

const snapshot = () => readFile(path.join(projectRoot, SNAPSHOT_FILE), 'utf8');

describe('migrations', () => {
  it('bring a fresh database to the snapshot of the current schema (npm run schema:snapshot when this fails)', async () => {
    const db = await memoryDb();
    expect(await migrate(db)).toEqual(migrations.map((m) => m.name));
    expect(await describeSchema(db)).toBe(await snapshot());
    expect(await migrate(db)).toEqual([]);
  }, 60_000);

  it('upgrade a database of release 12 in place to the same schema, keeping its data and announcing changes', async () => {
    const db = await releasedDb();
    await db.exec(`INSERT INTO documents (id, title, tags) VALUES ('kept', 'Kept', '{a}');
      INSERT INTO sections (id, document_id, heading) VALUES ('kept-1', 'kept', 'One');
      INSERT INTO datasets (id, name) VALUES ('ds', 'Kept rows');
      INSERT INTO rows (id, dataset_id, label, value) VALUES ('r1', 'ds', 'one', 1.5)`);
    expect(await migrate(db)).toEqual(migrations.filter((m) => m.id > 12).map((m) => m.name));
    expect(await describeSchema(db)).toBe(await snapshot());
    expect(await db.query('SELECT id, title, revision FROM documents')).toEqual([{ id: 'kept', title: 'Kept', revision: 2 }]);
    // Items of earlier releases stay readable by everyone.
    expect(await db.query('SELECT owner, visibility FROM documents UNION ALL SELECT owner, visibility FROM datasets')).toEqual([
      { owner: 'system', visibility: 'PUBLIC' },
      { owner: 'system', visibility: 'PUBLIC' },
    ]);
    expect(await db.query('SELECT row_count::int AS n FROM dataset_totals')).toEqual([{ n: 1 }]);

    const payloads: string[] = [];
    const unlisten = await db.listen('livedoc_changes', (payload) => payloads.push(payload));
    await db.query(`UPDATE documents SET tags = '{b}' WHERE id = 'kept'`);
    await db.query(`INSERT INTO comments (document_id, author, body) VALUES ('kept', 'ann', 'hi')`);
    await expect.poll(() => payloads.length).toBe(2);
    expect(JSON.parse(payloads[0] as string)).toMatchObject({ keys: expect.arrayContaining(['Document:kept', 'Query.documents']) });
    expect(JSON.parse(payloads[1] as string)).toEqual(expect.arrayContaining(['Document:kept', 'Document:kept.comments']));
    await unlisten();
  }, 60_000);

  it('refuse a database part-way through releases 1 to 12, changing nothing', async () => {
    const db = await memoryDb();
    await db.exec('CREATE TABLE livedoc_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    for (const migration of releasedMigrations.slice(0, 8)) {
      await db.exec(migration.sql);
      await db.query('INSERT INTO livedoc_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
    }
    await expect(migrate(db)).rejects.toThrow(/recorded migrations 1, 2, 3, 4, 5, 6, 7, 8: expected none or all of 1 to 12/);
    expect(await db.query('SELECT count(*)::int AS n FROM livedoc_migrations')).toEqual([{ n: 8 }]);
  }, 60_000);

  it('are read from files named NNNN-name.sql, in order, and refuse any other .sql name', async () => {
    expect(migrations.map((m) => m.id)).toEqual([...migrations.map((m) => m.id)].sort((a, b) => a - b));
    expect(migrations.find((m) => m.id === 14)?.name).toBe('comments');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'livedoc-migrations-'));
    try {
      await writeFile(path.join(dir, 'schema.sql'), 'SELECT 1');
      expect(() => readMigrations(dir)).toThrow(/schema\.sql .*expected a name like 0001-name\.sql/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('spell resource keys in SQL exactly as the key vocabulary does in TypeScript', async () => {
    const db = await memoryDb();
    await migrate(db);
    for (const id of ['d1', 'with "quotes" and \\ backslash', 'ünïcødé', 'a:b.c']) {
      const [row] = await db.query<Record<string, string>>(
        `SELECT livedoc_object_key('Document', $1) AS object, livedoc_field_key('Dataset', $1, 'summary') AS field,
                livedoc_root_field_key('Query', 'documents') AS root, livedoc_root_id_key('Query', 'document', $1) AS root_id,
                livedoc_ordered_field_key('Dataset', $1, 'rows', 'value') AS ordered`,
        [id],
      );
      expect(row).toEqual({
        object: objectKey('Document', id),
        field: fieldKey('Dataset', id, 'summary'),
        root: rootFieldKey('Query', 'documents'),
        root_id: rootFieldArgsKey('Query', 'document', { id }),
        ordered: orderedFieldKey('Dataset', id, 'rows', 'value'),
      });
    }
  }, 60_000);
});
