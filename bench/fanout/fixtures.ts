/** Creates a scenario's data through the GraphQL API, the same way on every server. */
import {
  ALIASES_PER_REQUEST,
  CREATE_DATASET,
  ROWS_PER_UPSERT,
  UPSERT_ROWS,
  appendSectionsMutation,
  createDocumentsMutation,
  rowValue,
} from './operations.js';
import { idOf, idsOf, postGraphQL } from './graphqlHttp.js';
import { runLimited } from './stats.js';

/** Creates `count` documents (batched with aliases, a few requests in flight); returns their ids in order. */
export async function createDocuments(url: string, count: number, title = 'bench'): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  const batches = Math.ceil(count / ALIASES_PER_REQUEST);
  await runLimited(batches, 4, async (batch) => {
    const from = batch * ALIASES_PER_REQUEST;
    const size = Math.min(ALIASES_PER_REQUEST, count - from);
    const data = await postGraphQL(url, createDocumentsMutation(size), { title });
    for (let i = 0; i < size; i++) ids[from + i] = idOf(data, `d${i}`);
  });
  return ids;
}

/** Appends `count` sections to document `id`, in order. */
export async function appendSections(url: string, id: string, count: number): Promise<void> {
  for (let from = 0; from < count; from += 15) {
    await postGraphQL(url, appendSectionsMutation(from, Math.min(15, count - from)), { id });
  }
}

/** A dataset and the ids of its rows, in insertion order. */
export interface DatasetFixture {
  id: string;
  rowIds: string[];
}

/** Creates a dataset of `rows` rows via upsertRows in batches of at most 10,000. */
export async function createDataset(url: string, rows: number): Promise<DatasetFixture> {
  const id = idOf(await postGraphQL(url, CREATE_DATASET, { name: `bench ${rows} rows` }), 'createDataset');
  const rowIds: string[] = [];
  for (let from = 0; from < rows; from += ROWS_PER_UPSERT) {
    const batch = Array.from({ length: Math.min(ROWS_PER_UPSERT, rows - from) }, (_, i) => ({
      label: `row ${from + i}`,
      value: rowValue(from + i),
    }));
    rowIds.push(...idsOf(await postGraphQL(url, UPSERT_ROWS, { id, rows: batch }), 'upsertRows'));
  }
  return { id, rowIds };
}
