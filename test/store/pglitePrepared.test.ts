import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreparedRunner, type PreparedRunner } from '../../server/db/pglitePrepared.js';

describe('prepared statements on PGlite', () => {
  let pglite: PGlite;
  let run: PreparedRunner;
  const prepared = async () => (await pglite.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name')).rows.map((r) => r.name);

  beforeAll(async () => {
    pglite = await PGlite.create('memory://');
    await pglite.exec('CREATE TABLE t (id int PRIMARY KEY, label text)');
    run = createPreparedRunner(pglite);
  });
  afterAll(() => pglite.close());

  it('prepares a text once and binds it on every later run', async () => {
    await run('INSERT INTO t (id, label) VALUES ($1, $2)', [1, 'one']);
    await run('INSERT INTO t (id, label) VALUES ($1, $2)', [2, null]);
    expect(await run('SELECT id, label FROM t WHERE id = ANY($1::int[]) ORDER BY id', [[1, 2]])).toEqual([
      { id: 1, label: 'one' },
      { id: 2, label: null },
    ]);
    expect(await prepared()).toHaveLength(2);
  });

  it('reports a failing statement and runs on, leaving no statement behind', async () => {
    const before = await prepared();
    await expect(run('INSERT INTO t (id, label) VALUES ($1, $2)', [1, 'again'])).rejects.toThrow(/duplicate key/);
    await expect(run('SELECT nope FROM t', [])).rejects.toThrow(/nope/);
    expect(await run('SELECT count(*)::int AS n FROM t', [])).toEqual([{ n: 2 }]);
    // The known text stays prepared, the one that failed to parse was let go; the new count is prepared.
    expect((await prepared()).length).toBe(before.length + 1);
  });

  it('prepares a statement anew when the table changed the shape of its rows', async () => {
    const sql = 'SELECT * FROM t WHERE id = $1';
    expect(await run(sql, [1])).toEqual([{ id: 1, label: 'one' }]);
    await pglite.exec('ALTER TABLE t ADD COLUMN extra text');
    expect(await run(sql, [1])).toEqual([{ id: 1, label: 'one', extra: null }]);
  });

  it('keeps a bounded number of statements prepared', async () => {
    for (let i = 0; i < 100; i++) await run(`SELECT $1::int + ${i} AS v`, [i]);
    expect((await prepared()).length).toBeLessThanOrEqual(64);
    expect(await run('SELECT $1::int + 7 AS v', [1])).toEqual([{ v: 8 }]);
  });
});
