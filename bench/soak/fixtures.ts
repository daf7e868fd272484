/**
 * What the soak starts with, created by the writer over HTTP: four documents tagged `soak` (the first
 * `bulky`, whose body writes are ~8 KB; three PUBLIC; the last PRIVATE and shared with every other
 * viewer, so access decides who sees it) and one PUBLIC dataset of 100 rows. Returns the models.
 */
import { idOf, postGraphQL } from '../fanout/graphqlHttp.js';
import { modelFromResult, TARGET_QUERY, type DatasetModel, type DocumentModel, type TargetModel } from './model.js';
import type { OperationTargets } from './operations.js';
import { viewerId } from './viewers.js';

const DOCUMENTS = 4;
const SECTIONS = 3;
const ROWS = 100;

/** The soak's targets and the model of each. */
export interface Fixtures extends OperationTargets {
  models: TargetModel[];
  /** The viewers the private document is shared with. */
  sharedWith: string[];
}

/** Creates the fixtures through `url` as `writer` (`Bearer <jwt>`); `viewers` is how many viewers the clients sign in as. */
export async function createFixtures(url: string, writer: string, viewers: number): Promise<Fixtures> {
  const run = (query: string, variables: Record<string, unknown> = {}) => postGraphQL(url, query, variables, writer);
  const sharedWith = Array.from({ length: viewers }, (_, i) => viewerId(i)).filter((_, i) => i % 2 === 0);

  // The targets side by side; within one, the sections in order.
  const createDocument = async (d: number): Promise<string> => {
    const tags = d === 0 ? ['soak', 'bulky'] : ['soak'];
    const created = await run('mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }', {
      input: { title: `soak document ${d}`, body: '', tags },
    });
    const id = idOf(created, 'createDocument');
    for (let s = 0; s < SECTIONS; s++) {
      await run('mutation($id: ID!, $input: SectionInput!) { addSection(documentId: $id, input: $input) { id } }', {
        id,
        input: { heading: `section ${s}`, body: `initial section ${s}` },
      });
    }
    if (d < DOCUMENTS - 1) {
      await run('mutation($id: ID!) { setDocumentVisibility(id: $id, visibility: PUBLIC) { id } }', { id });
    } else {
      const share = 'mutation($id: ID!, $viewer: ID!) { shareDocument(id: $id, viewerId: $viewer, role: READER) { id } }';
      await Promise.all(sharedWith.map((viewer) => run(share, { id, viewer })));
    }
    return id;
  };
  const createDataset = async (): Promise<string> => {
    const id = idOf(await run('mutation { createDataset(name: "soak dataset") { id } }'), 'createDataset');
    const rows = Array.from({ length: ROWS }, (_, i) => ({ label: `row ${i}`, value: i }));
    await run('mutation($id: ID!, $rows: [RowInput!]!) { upsertRows(datasetId: $id, rows: $rows) { id } }', { id, rows });
    await run('mutation($id: ID!) { setDatasetVisibility(id: $id, visibility: PUBLIC) { id } }', { id });
    return id;
  };
  const [datasetId, ...documentIds] = await Promise.all([createDataset(), ...Array.from({ length: DOCUMENTS }, (_, d) => createDocument(d))]);

  const models: TargetModel[] = await Promise.all(documentIds.map((id) => readTarget(url, writer, 'document', id)));
  models.push(await readTarget(url, writer, 'dataset', datasetId));
  return { documentIds, datasetId, models, sharedWith };
}

/** The current state of a target as its owner reads it. */
export async function readTarget(url: string, writer: string, kind: 'document', id: string): Promise<DocumentModel>;
export async function readTarget(url: string, writer: string, kind: 'dataset', id: string): Promise<DatasetModel>;
export async function readTarget(url: string, writer: string, kind: TargetModel['kind'], id: string): Promise<TargetModel>;
export async function readTarget(url: string, writer: string, kind: TargetModel['kind'], id: string): Promise<TargetModel> {
  const data = await postGraphQL(url, TARGET_QUERY[kind], { id }, writer);
  return modelFromResult(kind, data.target);
}
