/** The storm's data: one PUBLIC document with sections and one PUBLIC dataset, made through the API. */
import { appendSections, createDataset, createDocuments } from '../fanout/fixtures.js';
import { writerFor } from '../fanout/signIn.js';
import type { StormFixtures } from './types.js';

/** Creates the fixtures through the instance at `httpUrl`. */
export async function createStormFixtures(httpUrl: string, sections: number, rows: number): Promise<StormFixtures> {
  const writer = await writerFor('livedoc');
  const [documentId] = await createDocuments(httpUrl, writer, 1, 'reconnect storm');
  if (documentId === undefined) throw new Error('expected one document id');
  await appendSections(httpUrl, writer, documentId, sections);
  const dataset = await createDataset(httpUrl, writer, rows);
  // A row inside the first window of rows (the live query reads at most the first 1,000).
  const rowId = dataset.rowIds[Math.floor(Math.min(rows, 1_000) / 2)];
  if (rowId === undefined) throw new Error(`expected ${rows} row ids, got ${dataset.rowIds.length}`);
  return { documentId, sections, datasetId: dataset.id, rows, rowId };
}
