/**
 * Creates a scenario's data through the GraphQL API, the same way on every server. On livedoc the
 * writer signs in and makes what it creates PUBLIC (see signIn.ts), so anonymous watchers read it.
 */
import {
  ALIASES_PER_REQUEST,
  CREATE_DATASET,
  CREATE_DOCUMENT,
  ROWS_PER_UPSERT,
  UPSERT_ROWS,
  appendSectionsMutation,
  createDocumentsMutation,
  publishMutation,
  rowValue,
} from './operations.js';
import { idOf, idsOf, postGraphQL } from './graphqlHttp.js';
import type { Writer } from './signIn.js';
import { runLimited } from './stats.js';

/** Creates `count` documents (batched with aliases, a few requests in flight); returns their ids in order. */
export async function createDocuments(url: string, writer: Writer, count: number, title = 'bench'): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  const batches = Math.ceil(count / ALIASES_PER_REQUEST);
  await runLimited(batches, 4, async (batch) => {
    const from = batch * ALIASES_PER_REQUEST;
    const size = Math.min(ALIASES_PER_REQUEST, count - from);
    const data = await postGraphQL(url, createDocumentsMutation(size), { title }, writer.authorization);
    for (let i = 0; i < size; i++) ids[from + i] = idOf(data, `d${i}`);
    if (writer.publish) await publish(url, writer, 'Document', ids.slice(from, from + size));
  });
  return ids;
}

/**
 * Creates one document per viewer, each as its viewer (`authorizations[i]`), so each is its
 * viewer's own and PRIVATE; returns their ids in the viewers' order.
 */
export async function createOwnDocuments(url: string, authorizations: readonly string[], title = 'bench'): Promise<string[]> {
  const ids: string[] = new Array<string>(authorizations.length);
  await runLimited(authorizations.length, 8, async (i) => {
    ids[i] = idOf(await postGraphQL(url, CREATE_DOCUMENT, { title }, authorizations[i]), 'createDocument');
  });
  return ids;
}

/** Makes the items `ids` PUBLIC (at most {@link ALIASES_PER_REQUEST}). */
async function publish(url: string, writer: Writer, kind: 'Document' | 'Dataset', ids: readonly string[]): Promise<void> {
  const variables = Object.fromEntries(ids.map((id, i) => [`id${i}`, id]));
  const send = () => postGraphQL(url, publishMutation(kind, ids.length), variables, writer.authorization);
  // Idempotent, so once more when the connection failed (a kept-alive socket the server had just closed).
  await send().catch((error: unknown) => {
    if (error instanceof TypeError && error.message === 'fetch failed') return send();
    throw error;
  });
}

/** Appends `count` sections to document `id`, in order. */
export async function appendSections(url: string, writer: Writer, id: string, count: number): Promise<void> {
  for (let from = 0; from < count; from += 15) {
    await postGraphQL(url, appendSectionsMutation(from, Math.min(15, count - from)), { id }, writer.authorization);
  }
}

/** A dataset and the ids of its rows, in insertion order. */
export interface DatasetFixture {
  id: string;
  rowIds: string[];
}

/** Creates a dataset of `rows` rows via upsertRows in batches of at most 10,000. */
export async function createDataset(url: string, writer: Writer, rows: number): Promise<DatasetFixture> {
  const id = idOf(await postGraphQL(url, CREATE_DATASET, { name: `bench ${rows} rows` }, writer.authorization), 'createDataset');
  if (writer.publish) await publish(url, writer, 'Dataset', [id]);
  const rowIds: string[] = [];
  for (let from = 0; from < rows; from += ROWS_PER_UPSERT) {
    const batch = Array.from({ length: Math.min(ROWS_PER_UPSERT, rows - from) }, (_, i) => ({
      label: `row ${from + i}`,
      value: rowValue(from + i),
    }));
    rowIds.push(...idsOf(await postGraphQL(url, UPSERT_ROWS, { id, rows: batch }, writer.authorization), 'upsertRows'));
  }
  return { id, rowIds };
}
