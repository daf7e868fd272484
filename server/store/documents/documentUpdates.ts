/**
 * Group commit for document updates. Updates requested in the same turn of the event loop (concurrent
 * requests, typically) go to the database together: one UPDATE statement for many documents costs
 * about what one costs (a round trip, a plan, one run of the statement-level triggers), so a burst of
 * writes no longer pays per write. Each caller still gets its own row, or null when its document is
 * missing or not at the expected revision; a document updated twice in one turn is updated twice, in
 * order (a later round), and a failing statement is retried update by update so that one bad write
 * does not fail the others.
 */
import DataLoader from 'dataloader';
import type { OwnWrite } from '../ownWrites.js';
import { documentColumns } from './documentRecord.js';
import type { DocumentRecord, DocumentUpdate } from './documentTypes.js';

export type { DocumentUpdate };

/** The most updates in one statement (bounds the parameter arrays and the notification). */
const MAX_BATCH = 200;

/** Returns `update(update)`: resolves with the updated row, or null when nothing was written. */
export function createDocumentUpdates(
  write: OwnWrite,
  announce: (rows: readonly DocumentRecord[], tagsGiven: boolean) => void,
): (update: DocumentUpdate) => Promise<DocumentRecord | null> {
  const statements: RunUpdate = (sql, params, tagsGiven) => write(sql, params, (rows) => announce(rows.map(withoutOrd), tagsGiven));
  /** The batch being written, if any: the next one waits for it (and grows meanwhile). */
  let writing: Promise<unknown> | undefined;
  const loader = new DataLoader<DocumentUpdate, DocumentRecord | null>(
    async (updates) => {
      const done = runBatch(statements, updates);
      writing = done;
      try {
        return await done;
      } finally {
        if (writing === done) writing = undefined;
      }
    },
    {
      cache: false,
      maxBatchSize: MAX_BATCH,
      // After the I/O callbacks of this turn (requests parsed in the same turn share a statement),
      // and not before the batch in flight is written: under load, batches grow instead of queueing.
      batchScheduleFn: (callback) => {
        const busy = writing;
        if (!busy) return void setImmediate(callback);
        const next = () => void setImmediate(callback);
        busy.then(next, next);
      },
    },
  );
  return (update) => loader.load(update);
}

/** Runs an update statement and returns its rows (announced where the store announces its writes). */
type RunUpdate = <T extends DocumentRecord & { ord?: number }>(sql: (mark: string) => string, params: readonly unknown[], tagsGiven: boolean) => Promise<T[]>;

/** A returned row without the batch's `ord` column. */
export function withoutOrd(row: DocumentRecord & { ord?: number }): DocumentRecord {
  if (row.ord === undefined) return row;
  const { ord: _ord, ...record } = row;
  return record;
}

async function runBatch(
  write: RunUpdate,
  updates: readonly DocumentUpdate[],
): Promise<(DocumentRecord | null | Error)[]> {
  const results = new Array<DocumentRecord | null | Error>(updates.length);
  for (const round of roundsOfDistinctIds(updates)) {
    const batch = round.map((i) => updates[i] as DocumentUpdate);
    try {
      const rows = await (batch.length === 1 ? updateOne(write, batch[0] as DocumentUpdate) : updateMany(write, batch));
      round.forEach((index, k) => (results[index] = rows[k] ?? null));
    } catch (error) {
      if (batch.length === 1) {
        results[round[0] as number] = error instanceof Error ? error : new Error(String(error));
        continue;
      }
      for (const index of round) {
        try {
          results[index] = (await updateOne(write, updates[index] as DocumentUpdate))[0] ?? null;
        } catch (single) {
          results[index] = single instanceof Error ? single : new Error(String(single));
        }
      }
    }
  }
  return results;
}

/** Indices of `updates` split into rounds in which each document appears once, keeping their order. */
function roundsOfDistinctIds(updates: readonly DocumentUpdate[]): number[][] {
  const rounds: number[][] = [];
  const roundOfId = new Map<string, number>();
  updates.forEach((update, index) => {
    const round = (roundOfId.get(update.id) ?? -1) + 1;
    roundOfId.set(update.id, round);
    (rounds[round] ??= []).push(index);
  });
  return rounds;
}

async function updateOne(write: RunUpdate, update: DocumentUpdate): Promise<(DocumentRecord | undefined)[]> {
  const { id, fields, expectedRevision } = update;
  return write<DocumentRecord>(
    (mark) => `UPDATE documents
     SET title = coalesce($2, title), body = coalesce($3, body), tags = coalesce($4::text[], tags),
         ${bumpRevision('documents', '$2', '$3', '$4::text[]')}
     WHERE id = $1 AND ($5::int IS NULL OR revision = $5::int) AND ${mark}
     RETURNING ${documentColumns()}`,
    [id, fields.title ?? null, fields.body ?? null, fields.tags ?? null, expectedRevision ?? null],
    fields.tags != null,
  );
}

/** The tags of a batched update (JSON, since SQL arrays of arrays cannot be ragged). */
const TAGS_OF_V = 'CASE WHEN v.tags IS NULL THEN NULL ELSE ARRAY(SELECT json_array_elements_text(v.tags)) END';

/**
 * `revision` and `updated_at` as the revision trigger would set them (one more, now, when the content
 * changes): setting them here spares a trigger call per row.
 */
function bumpRevision(table: string, title: string, body: string, tags: string): string {
  const t = `${table}.`;
  const changed = `(coalesce(${title}, ${t}title), coalesce(${body}, ${t}body), coalesce(${tags}, ${t}tags))
             IS DISTINCT FROM (${t}title, ${t}body, ${t}tags)`;
  return `revision = CASE WHEN ${changed} THEN ${t}revision + 1 ELSE ${t}revision END,
           updated_at = CASE WHEN ${changed} THEN now() ELSE ${t}updated_at END`;
}

/**
 * The SET clause of an update of documents `d` from the rows `v` of {@link UPDATES_OF_PARAMS}
 * (`v.title`, `v.body`, `v.tags`: null keeps the value).
 */
export const SET_FROM_V = `SET title = coalesce(v.title, d.title), body = coalesce(v.body, d.body),
         tags = coalesce(${TAGS_OF_V}, d.tags),
         ${bumpRevision('d', 'v.title', 'v.body', TAGS_OF_V)}`;

/** The updates of {@link updateParams} as rows `(id, title, body, tags, expected, ord)`, to alias. */
export const UPDATES_OF_PARAMS = `unnest($1::text[], $2::text[], $3::text[], $4::json[], $5::int[]) WITH ORDINALITY`;

/** The parameters $1…$5 of {@link UPDATES_OF_PARAMS}. */
export function updateParams(batch: readonly DocumentUpdate[]): unknown[] {
  return [
    batch.map((u) => u.id),
    batch.map((u) => u.fields.title ?? null),
    batch.map((u) => u.fields.body ?? null),
    batch.map((u) => (u.fields.tags ? JSON.stringify(u.fields.tags) : null)),
    batch.map((u) => u.expectedRevision ?? null),
  ];
}

/** One statement for updates of distinct documents; the rows come back in the order of `batch`. */
async function updateMany(write: RunUpdate, batch: readonly DocumentUpdate[]): Promise<(DocumentRecord | undefined)[]> {
  const rows = await write<DocumentRecord & { ord: number }>(
    (mark) => `UPDATE documents d
     ${SET_FROM_V}
     FROM ${UPDATES_OF_PARAMS} AS v (id, title, body, tags, expected, ord)
     WHERE d.id = v.id AND (v.expected IS NULL OR d.revision = v.expected) AND ${mark}
     RETURNING v.ord::int AS ord, ${documentColumns('d')}`,
    updateParams(batch),
    batch.some((u) => u.fields.tags != null),
  );
  const byOrd = new Array<DocumentRecord | undefined>(batch.length);
  for (const { ord, ...row } of rows) byOrd[ord - 1] = row;
  return byOrd;
}
