import { randomUUID } from 'node:crypto';
import { ALL_KEYS, parseKeyList } from '../keys/resourceKeys.js';
import { parseChangePayload } from './changeFeed/changePayload.js';
import { consoleLogger, type Db, type Queryable, type StoreLogger } from '../db/db.js';
import { createDocumentUpdates, documentColumns } from './documents/documentUpdates.js';
import { createOwnWrite } from './ownWrites.js';
import {
  StoreError,
  type ChangeListener,
  type CreateDocumentFields,
  type DatasetRecord,
  type DocumentRecord,
  type RowFields,
  type RowRecord,
  type SectionFields,
  type SectionRecord,
  type Store,
  type SummaryRecord,
  type UpdateDocumentFields,
} from './types.js';

/** The NOTIFY channel the triggers of `migrations.ts` publish invalidation keys on. */
export const CHANGES_CHANNEL = 'livedoc_changes';

/** Options of {@link createSqlStore}. */
export interface SqlStoreOptions {
  logger?: StoreLogger;
  /**
   * When set, this store's own writes send no NOTIFY: the triggers collect their keys in the
   * transaction and this is called with them after commit (to publish them on another bus, e.g.
   * Redis). Writes made by others still arrive through the change feed.
   */
  onWriteKeys?: (keys: string[]) => void;
}

/** A {@link Store} on a {@link Db}; `listening` settles once the change feed is subscribed. */
export interface SqlStore extends Store {
  /** The database underneath, for maintenance and tests (plain SQL, extra LISTENs). Closed by `close()`. */
  readonly db: Db;
  /** Resolves when LISTEN is active (changes before that are not reported); rejects if it failed. */
  readonly listening: Promise<void>;
}

const DOCUMENT_COLUMNS = documentColumns();
const SECTION_COLUMNS = `id, document_id AS "documentId", heading, body, position`;
const ROW_COLUMNS = `id, dataset_id AS "datasetId", label, value`;


function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

/** Locks the document owning section `sectionId` (serializing structural changes); null if none. */
async function lockDocumentOfSection(tx: Queryable, sectionId: string): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    `SELECT d.id FROM documents d JOIN sections s ON s.document_id = d.id WHERE s.id = $1 FOR UPDATE OF d`,
    [sectionId],
  );
  return row?.id ?? null;
}

async function countSections(tx: Queryable, documentId: string): Promise<number> {
  const [row] = await tx.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM sections WHERE document_id = $1',
    [documentId],
  );
  return row?.count ?? 0;
}

/**
 * Renumbers a document's sections to 0…n-1 in their current order, leaving a hole at `gapAt` when
 * given. One statement, touching only rows whose position changes; the order is unchanged, so the
 * triggers do not count it as a revision.
 */
async function renumberSections(tx: Queryable, documentId: string, gapAt: number | null): Promise<void> {
  await tx.query(
    `UPDATE sections s SET position = o.target
     FROM (
       SELECT id, (idx + CASE WHEN $2::int IS NOT NULL AND idx >= $2::int THEN 1 ELSE 0 END)::int AS target
       FROM (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS idx FROM sections WHERE document_id = $1) r
     ) o
     WHERE s.id = o.id AND s.position <> o.target`,
    [documentId, gapAt],
  );
}

async function selectDocument(q: Queryable, id: string): Promise<DocumentRecord | null> {
  const [row] = await q.query<DocumentRecord>(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = $1`, [id]);
  return row ?? null;
}

/** The records of `ids`, in that order; null where none came back. */
function inOrder<T extends { id: string }>(ids: readonly string[], records: readonly T[]): (T | null)[] {
  const byId = new Map(records.map((record) => [record.id, record]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Inserts rows (with their ids) into a dataset in one statement, keeping their order. */
export async function insertRows(
  q: Queryable,
  datasetId: string,
  rows: readonly { id: string; label: string; value: number }[],
): Promise<void> {
  await q.query(
    `INSERT INTO rows (id, dataset_id, label, value)
     SELECT u.id, $1, u.label, u.value
     FROM unnest($2::text[], $3::text[], $4::float8[]) WITH ORDINALITY AS u (id, label, value, ord)
     ORDER BY u.ord`,
    [datasetId, rows.map((r) => r.id), rows.map((r) => r.label), rows.map((r) => r.value)],
  );
}

/**
 * Implements {@link Store} with SQL that runs unchanged on PGlite and PostgreSQL. Revisions, timestamps
 * and change notifications come from the database triggers, so writes made directly in SQL behave the
 * same. Multi-statement mutations run in a transaction; single statements are atomic on their own.
 * Starts LISTEN at once (see {@link SqlStore.listening}); `close()` also closes `db`.
 */
export function createSqlStore(db: Db, options: SqlStoreOptions = {}): SqlStore {
  const logger = options.logger ?? consoleLogger;
  const listeners = new Set<ChangeListener>();
  let closed = false;
  let subscribed = false;
  let closing: Promise<void> | null = null;
  const onWriteKeys = options.onWriteKeys;

  /** Runs a write in a transaction; with `onWriteKeys`, collects the keys instead of notifying. */
  async function writeTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    if (!onWriteKeys) return db.transaction(fn);
    let keys: string[] = [];
    const result = await db.transaction(async (tx) => {
      await tx.query(`SELECT set_config('livedoc.defer_keys', 'on', true)`);
      const value = await fn(tx);
      const [row] = await tx.query<{ keys: string | null }>(
        `SELECT current_setting('livedoc.pending_keys', true) AS keys`,
      );
      keys = row?.keys ? [...new Set(parseKeyList(row.keys) ?? [ALL_KEYS])] : [];
      return value;
    });
    if (keys.length > 0) onWriteKeys(keys);
    return result;
  }

  /** Runs a single-statement write: on its own, or in a transaction when keys are collected. */
  function writeStatement<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    return onWriteKeys ? writeTransaction(fn) : fn(db);
  }
  const emit = (keys: string[], records?: ReadonlyMap<string, DocumentRecord | RowRecord>) => {
    if (closed || keys.length === 0) return;
    for (const listener of [...listeners]) {
      try {
        listener(keys, records);
      } catch (err) {
        logger.error({ err: err instanceof Error ? err.message : String(err) }, 'change listener threw');
      }
    }
  };

  // Where this process is the database's only user, its document updates and row values are announced
  // by the store itself, with their committed rows, instead of NOTIFYed to itself through the database.
  const ownWrite = createOwnWrite(db, writeStatement, onWriteKeys !== undefined);
  const updateDocuments = createDocumentUpdates(ownWrite, (rows, tagsGiven) => {
    const records = new Map<string, DocumentRecord>();
    for (const row of rows) records.set(`Document:${row.id}`, row);
    const keys = [...records.keys()];
    if (tagsGiven && keys.length > 0) keys.push('Query.documents');
    emit(keys, records);
  });

  const onPayload = (payload: string) => {
    const change = parseChangePayload(payload);
    if (change === null) {
      logger.warn({ payload: payload.slice(0, 200) }, `ignored a malformed ${CHANGES_CHANNEL} payload`);
      return;
    }
    emit(change.keys, change.records);
  };

  const stopConnectionWatch = db.onConnectionChange((ready) => {
    if (ready) emit([ALL_KEYS]);
  });
  const listening = db.listen(CHANGES_CHANNEL, onPayload).then((unlisten) => {
    subscribed = true;
    return unlisten;
  });
  // openStore awaits `listening`; this only keeps an unobserved failure from being unhandled.
  listening.catch((err: unknown) => {
    logger.error({ err: err instanceof Error ? err.message : String(err) }, `LISTEN ${CHANGES_CHANNEL} failed`);
  });

  return {
    db,
    listening: listening.then(() => undefined),

    getDocument(id) {
      return selectDocument(db, id);
    },

    async getDocuments(ids) {
      const rows = await db.query<DocumentRecord>(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = ANY($1::text[])`, [[...ids]]);
      return inOrder(ids, rows);
    },

    listDocuments(tag) {
      return db.query<DocumentRecord>(
        `SELECT ${DOCUMENT_COLUMNS} FROM documents
         WHERE $1::text IS NULL OR tags @> ARRAY[$1::text]
         ORDER BY seq DESC`,
        [tag ?? null],
      );
    },

    async sectionsOf(documentIds) {
      const result = new Map<string, SectionRecord[]>(documentIds.map((id) => [id, []]));
      if (documentIds.length === 0) return result;
      const rows = await db.query<SectionRecord>(
        `SELECT id, document_id AS "documentId", heading, body,
                (row_number() OVER (PARTITION BY document_id ORDER BY position, id) - 1)::int AS position
         FROM sections WHERE document_id = ANY($1::text[])
         ORDER BY 2, 5`,
        [[...new Set(documentIds)]],
      );
      for (const row of rows) result.get(row.documentId)?.push(row);
      return result;
    },

    async getSection(id) {
      const [row] = await db.query<SectionRecord>(
        `SELECT s.id, s.document_id AS "documentId", s.heading, s.body,
                (SELECT count(*) FROM sections o
                 WHERE o.document_id = s.document_id AND (o.position, o.id) < (s.position, s.id))::int AS position
         FROM sections s WHERE s.id = $1`,
        [id],
      );
      return row ?? null;
    },

    async getRow(id) {
      const [row] = await db.query<RowRecord>(`SELECT ${ROW_COLUMNS} FROM rows WHERE id = $1`, [id]);
      return row ?? null;
    },

    async getRows(ids) {
      const rows = await db.query<RowRecord>(`SELECT ${ROW_COLUMNS} FROM rows WHERE id = ANY($1::text[])`, [[...ids]]);
      return inOrder(ids, rows);
    },

    async getDataset(id) {
      const [row] = await db.query<DatasetRecord>('SELECT id, name FROM datasets WHERE id = $1', [id]);
      return row ?? null;
    },

    listDatasets() {
      return db.query<DatasetRecord>('SELECT id, name FROM datasets ORDER BY seq');
    },

    rowsOf(datasetId) {
      return db.query<RowRecord>(`SELECT ${ROW_COLUMNS} FROM rows WHERE dataset_id = $1 ORDER BY seq`, [datasetId]);
    },

    async summaryOf(datasetId) {
      // Count and sum are kept by the row triggers; min and max come from an index (migration 6).
      const [row] = await db.query<SummaryRecord>(
        `SELECT coalesce(t.row_count, 0)::int AS count, coalesce(t.value_sum, 0)::float8 AS sum,
                (SELECT min(value) FROM rows WHERE dataset_id = $1) AS min,
                (SELECT max(value) FROM rows WHERE dataset_id = $1) AS max,
                CASE WHEN t.row_count > 0 THEN (t.value_sum / t.row_count)::float8 END AS mean
         FROM (SELECT $1::text AS id) d LEFT JOIN dataset_totals t ON t.dataset_id = d.id`,
        [datasetId],
      );
      return row ?? { count: 0, sum: 0, min: null, max: null, mean: null };
    },

    async createDocument(fields: CreateDocumentFields) {
      const [row] = await writeStatement((q) =>
        q.query<DocumentRecord>(
          `INSERT INTO documents (title, body, tags) VALUES ($1, $2, $3::text[]) RETURNING ${DOCUMENT_COLUMNS}`,
          [fields.title, fields.body ?? '', fields.tags ?? []],
        ),
      );
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return row;
    },

    async updateDocument(id, fields: UpdateDocumentFields, expectedRevision) {
      // One statement, shared with the other updates of this turn (documentUpdates.ts).
      const row = await updateDocuments({ id, fields, expectedRevision });
      if (row) return row;
      // Nothing was written; the revision read here only explains the refusal.
      const current = await selectDocument(db, id);
      if (!current) throw new StoreError('NOT_FOUND', `document ${id} not found`);
      throw new StoreError('CONFLICT', `document ${id} is at revision ${current.revision}, not ${String(expectedRevision)}`);
    },

    async deleteDocument(id) {
      const rows = await writeStatement((q) => q.query('DELETE FROM documents WHERE id = $1 RETURNING id', [id]));
      if (rows.length === 0) throw new StoreError('NOT_FOUND', `document ${id} not found`);
    },

    addSection(documentId, fields: SectionFields, position) {
      return writeTransaction(async (tx) => {
        const locked = await tx.query('SELECT id FROM documents WHERE id = $1 FOR UPDATE', [documentId]);
        if (locked.length === 0) throw new StoreError('NOT_FOUND', `document ${documentId} not found`);
        const count = await countSections(tx, documentId);
        const at = position == null ? count : clamp(position, 0, count);
        // Make room without changing the order (no revision), then insert (one revision).
        if (at < count) await renumberSections(tx, documentId, at);
        const [row] = await tx.query<SectionRecord>(
          `INSERT INTO sections (document_id, heading, body, position) VALUES ($1, $2, $3, $4)
           RETURNING ${SECTION_COLUMNS}`,
          [documentId, fields.heading, fields.body, at],
        );
        if (!row) throw new Error('INSERT … RETURNING returned no row');
        return row;
      });
    },

    async updateSection(id, fields: SectionFields) {
      const [row] = await writeStatement((q) =>
        q.query<SectionRecord>(
          `WITH u AS (
           UPDATE sections SET heading = $2, body = $3 WHERE id = $1
           RETURNING id, document_id, heading, body, position
         )
         SELECT u.id, u.document_id AS "documentId", u.heading, u.body,
                (SELECT count(*) FROM sections s
                 WHERE s.document_id = u.document_id AND (s.position, s.id) < (u.position, u.id))::int AS position
         FROM u`,
          [id, fields.heading, fields.body],
        ),
      );
      if (!row) throw new StoreError('NOT_FOUND', `section ${id} not found`);
      return row;
    },

    moveSection(id, position) {
      return writeTransaction(async (tx) => {
        const documentId = await lockDocumentOfSection(tx, id);
        if (documentId === null) throw new StoreError('NOT_FOUND', `section ${id} not found`);
        const count = await countSections(tx, documentId);
        const at = clamp(position, 0, count - 1);
        // The whole new order in ONE statement, so one move is one revision.
        await tx.query(
          `UPDATE sections s SET position = t.target
           FROM (
             SELECT id, (CASE WHEN idx < $3::int THEN idx ELSE idx + 1 END)::int AS target
             FROM (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS idx
                   FROM sections WHERE document_id = $1 AND id <> $2) r
             UNION ALL
             SELECT $2::text, $3::int
           ) t
           WHERE s.id = t.id AND s.position <> t.target`,
          [documentId, id, at],
        );
        const document = await selectDocument(tx, documentId);
        if (!document) throw new StoreError('NOT_FOUND', `document ${documentId} not found`);
        return document;
      });
    },

    removeSection(id) {
      return writeTransaction(async (tx) => {
        const documentId = await lockDocumentOfSection(tx, id);
        if (documentId === null) throw new StoreError('NOT_FOUND', `section ${id} not found`);
        await tx.query('DELETE FROM sections WHERE id = $1', [id]);
        await renumberSections(tx, documentId, null);
      });
    },

    async createDataset(name) {
      const [row] = await writeStatement((q) =>
        q.query<DatasetRecord>('INSERT INTO datasets (name) VALUES ($1) RETURNING id, name', [name]),
      );
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return row;
    },

    upsertRows(datasetId, rows: readonly RowFields[]) {
      return writeTransaction(async (tx) => {
        const dataset = await tx.query('SELECT id FROM datasets WHERE id = $1 FOR SHARE', [datasetId]);
        if (dataset.length === 0) throw new StoreError('NOT_FOUND', `dataset ${datasetId} not found`);

        const updates = rows.filter((r) => r.id != null);
        const inserts = rows.filter((r) => r.id == null).map((r) => ({ ...r, id: randomUUID() }));
        if (updates.length > 0) {
          const wanted = [...new Set(updates.map((r) => r.id as string))];
          const found = await tx.query<{ id: string }>(
            'SELECT id FROM rows WHERE id = ANY($1::text[]) AND dataset_id = $2 FOR UPDATE',
            [wanted, datasetId],
          );
          if (found.length !== wanted.length) {
            const present = new Set(found.map((r) => r.id));
            const missing = wanted.find((id) => !present.has(id));
            throw new StoreError('NOT_FOUND', `row ${String(missing)} not found in dataset ${datasetId}`);
          }
          // For an id given twice, the last occurrence wins.
          await tx.query(
            `UPDATE rows r SET label = u.label, value = u.value
             FROM (
               SELECT DISTINCT ON (id) id, label, value
               FROM unnest($2::text[], $3::text[], $4::float8[]) WITH ORDINALITY AS u (id, label, value, ord)
               ORDER BY id, ord DESC
             ) u
             WHERE r.id = u.id AND r.dataset_id = $1`,
            [datasetId, updates.map((r) => r.id), updates.map((r) => r.label), updates.map((r) => r.value)],
          );
        }
        if (inserts.length > 0) {
          await insertRows(tx, datasetId, inserts);
        }

        const final = new Map<string, RowRecord>();
        let next = 0;
        const result = rows.map((r): RowRecord => {
          const id = r.id ?? (inserts[next++] as { id: string }).id;
          const record = { id, datasetId, label: r.label, value: r.value };
          final.set(id, record);
          return record;
        });
        return result.map((r) => final.get(r.id) ?? r);
      });
    },

    async setRowValue(id, value) {
      const [row] = await ownWrite<RowRecord>(
        (mark) => `UPDATE rows SET value = $2 WHERE id = $1 AND ${mark} RETURNING ${ROW_COLUMNS}`,
        [id, value],
        (rows) => {
          for (const changed of rows) {
            const key = `Row:${changed.id}`;
            emit([key, `Dataset:${changed.datasetId}.summary`], new Map([[key, changed]]));
          }
        },
      );
      if (!row) throw new StoreError('NOT_FOUND', `row ${id} not found`);
      return row;
    },

    async deleteRows(ids) {
      if (ids.length === 0) return 0;
      const rows = await writeStatement((q) =>
        q.query('DELETE FROM rows WHERE id = ANY($1::text[]) RETURNING id', [[...ids]]),
      );
      return rows.length;
    },

    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    isReady() {
      return !closed && subscribed && db.isReady();
    },

    close() {
      closing ??= (async () => {
        closed = true;
        listeners.clear();
        stopConnectionWatch();
        const unlisten = await listening.catch(() => null);
        await unlisten?.().catch(() => {});
        await db.close();
      })();
      return closing;
    },
  };
}
