import type pg from 'pg';
import type { Queryable } from './db.js';

/** Wraps a `pg` pool or a checked-out client as a {@link Queryable}; returns rows as the driver gives them. */
export function pgQueryable(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await target.query(sql, [...params]);
      return result.rows as T[];
    },
    async exec(sql: string): Promise<void> {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await target.query(sql);
    },
  };
}
