/**
 * The access model through the GraphQL layer (schema, resolvers, context) on a real PGlite store:
 * who may read what, what each role may write (FORBIDDEN vs NOT_FOUND), lists per viewer, shares for
 * the owner only, and which resolvers read the viewer (the live engine groups results by that).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/openStore.js';
import type { SqlStore } from '../../server/store/sqlStore.js';
import { outcome, runAs, viewer } from './accessSupport.js';

let store: SqlStore;
beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://', seed: false });
});
afterAll(async () => {
  await store.close();
});

/** Ann's private document and dataset (with a section, a comment, a row), shared with Eve (EDITOR) and Rex (READER). */
async function fixture(visibility: 'PRIVATE' | 'PUBLIC' = 'PRIVATE') {
  const doc = await store.createDocument({ title: 'Plans', tags: ['fixture'], visibility }, 'ann');
  const section = await store.addSection(doc.id, { heading: 'One', body: '' });
  const comment = await store.addComment(doc.id, { author: 'Ann', body: 'hi' });
  const dataset = await store.createDataset('Numbers', 'ann', visibility);
  const [row] = await store.upsertRows(dataset.id, [{ label: 'a', value: 1 }]);
  for (const kind of ['document', 'dataset'] as const) {
    const id = kind === 'document' ? doc.id : dataset.id;
    await store.share(kind, id, 'eve', 'EDITOR');
    await store.share(kind, id, 'rex', 'READER');
  }
  return { doc: doc.id, section: section.id, comment: comment.id, dataset: dataset.id, row: row?.id ?? '' };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

const read = (id: string) => `{ document(id: ${JSON.stringify(id)}) { id owner visibility viewerRole shares { viewerId role } } }`;

describe('reads', () => {
  it('answer a private document to its owner and those it is shared with, as null to anyone else', async () => {
    const f = await fixture();
    const readAs = async (who: string | null) => {
      const result = await runAs(store, viewer(who), read(f.doc));
      expect(result.errors).toBeUndefined();
      return result.data?.document;
    };
    expect(await readAs('ann')).toEqual({
      id: f.doc,
      owner: 'ann',
      visibility: 'PRIVATE',
      viewerRole: 'OWNER',
      shares: [
        { viewerId: 'eve', role: 'EDITOR' },
        { viewerId: 'rex', role: 'READER' },
      ],
    });
    expect(await readAs('eve')).toMatchObject({ viewerRole: 'EDITOR', shares: [] });
    expect(await readAs('rex')).toMatchObject({ viewerRole: 'READER', shares: [] });
    expect(await readAs('pat')).toBeNull();
    expect(await readAs(null)).toBeNull();

    await store.setVisibility('document', f.doc, 'PUBLIC');
    expect(await readAs('pat')).toMatchObject({ viewerRole: 'READER', shares: [] });
    expect(await readAs(null)).toMatchObject({ viewerRole: 'READER', shares: [] });
  });

  it('list only what each viewer may read, and the viewer itself', async () => {
    const priv = await fixture();
    const pub = await fixture('PUBLIC');
    const list = async (who: string | null) => {
      const result = await runAs(store, viewer(who), '{ viewer { id name } documents(tag: "fixture") { nodes { id } } datasets { id } }');
      expect(result.errors).toBeUndefined();
      const data = result.data as { viewer: unknown; documents: { nodes: { id: string }[] }; datasets: { id: string }[] };
      return { viewer: data.viewer, documents: data.documents.nodes.map((d) => d.id), datasets: data.datasets.map((d) => d.id) };
    };
    const ann = await list('ann');
    expect(ann.viewer).toEqual({ id: 'ann', name: 'ANN' });
    expect(ann.documents.slice(0, 2)).toEqual([pub.doc, priv.doc]);
    expect(ann.datasets.slice(-2)).toEqual([priv.dataset, pub.dataset]);
    for (const who of ['eve', 'rex']) expect((await list(who)).documents.slice(0, 2)).toEqual([pub.doc, priv.doc]);
    for (const who of ['pat', null]) {
      const seen = await list(who);
      expect(seen.documents).toContain(pub.doc);
      expect(seen.documents).not.toContain(priv.doc);
      expect(seen.datasets).toContain(pub.dataset);
      expect(seen.datasets).not.toContain(priv.dataset);
    }
    expect((await list(null)).viewer).toBeNull();
  });

  it('read the viewer only where the answer depends on it', async () => {
    const pub = await fixture('PUBLIC');
    const priv = await fixture();
    let reads = 0;
    const count = () => void (reads += 1);
    const shared = `{ document(id: ${JSON.stringify(pub.doc)}) { id title owner visibility sections { id } comments { id } }
                      dataset(id: ${JSON.stringify(pub.dataset)}) { id name owner visibility rows { nodes { id } totalCount } summary { count } } }`;
    const result = await runAs(store, viewer('pat'), shared, count);
    expect(result.errors).toBeUndefined();
    expect(reads).toBe(0);

    for (const source of [
      `{ document(id: ${JSON.stringify(pub.doc)}) { viewerRole } }`,
      `{ document(id: ${JSON.stringify(pub.doc)}) { shares { viewerId } } }`,
      `{ document(id: ${JSON.stringify(priv.doc)}) { id } }`,
      `{ dataset(id: ${JSON.stringify(priv.dataset)}) { id } }`,
      '{ documents { nodes { id } } }',
      '{ datasets { id } }',
      '{ viewer { id } }',
    ]) {
      reads = 0;
      await runAs(store, viewer('pat'), source, count);
      expect({ source, read: reads > 0 }).toEqual({ source, read: true });
    }
  });
});

/** Who may do what: the outcome per viewer for an operation needing EDITOR or OWNER on a private item. */
const NEEDS = {
  EDITOR: { ann: 'ok', eve: 'ok', rex: 'FORBIDDEN', pat: 'NOT_FOUND', anonymous: 'FORBIDDEN' },
  OWNER: { ann: 'ok', eve: 'FORBIDDEN', rex: 'FORBIDDEN', pat: 'NOT_FOUND', anonymous: 'FORBIDDEN' },
} as const;

/** Every mutation on an existing item, the role it needs, and the id its NOT_FOUND names. */
const MUTATIONS: readonly { name: string; needs: keyof typeof NEEDS; op: (f: Fixture) => string; names: (f: Fixture) => string }[] = [
  { name: 'updateDocument', needs: 'EDITOR', op: (f) => `updateDocument(id: "${f.doc}", input: { title: "x" }) { id }`, names: (f) => `document ${f.doc}` },
  { name: 'deleteDocument', needs: 'OWNER', op: (f) => `deleteDocument(id: "${f.doc}")`, names: (f) => `document ${f.doc}` },
  { name: 'addSection', needs: 'EDITOR', op: (f) => `addSection(documentId: "${f.doc}", input: { heading: "h", body: "" }) { id }`, names: (f) => `document ${f.doc}` },
  { name: 'updateSection', needs: 'EDITOR', op: (f) => `updateSection(id: "${f.section}", input: { heading: "h", body: "b" }) { id }`, names: (f) => `section ${f.section}` },
  { name: 'moveSection', needs: 'EDITOR', op: (f) => `moveSection(id: "${f.section}", position: 0) { id }`, names: (f) => `section ${f.section}` },
  { name: 'removeSection', needs: 'EDITOR', op: (f) => `removeSection(id: "${f.section}")`, names: (f) => `section ${f.section}` },
  { name: 'addComment', needs: 'EDITOR', op: (f) => `addComment(documentId: "${f.doc}", input: { author: "a", body: "b" }) { id }`, names: (f) => `document ${f.doc}` },
  { name: 'updateComment', needs: 'EDITOR', op: (f) => `updateComment(id: "${f.comment}", body: "b") { id }`, names: (f) => `comment ${f.comment}` },
  { name: 'deleteComment', needs: 'EDITOR', op: (f) => `deleteComment(id: "${f.comment}")`, names: (f) => `comment ${f.comment}` },
  { name: 'shareDocument', needs: 'OWNER', op: (f) => `shareDocument(id: "${f.doc}", viewerId: "zed", role: READER) { id }`, names: (f) => `document ${f.doc}` },
  { name: 'unshareDocument', needs: 'OWNER', op: (f) => `unshareDocument(id: "${f.doc}", viewerId: "rex") { id }`, names: (f) => `document ${f.doc}` },
  { name: 'setDocumentVisibility', needs: 'OWNER', op: (f) => `setDocumentVisibility(id: "${f.doc}", visibility: PUBLIC) { id }`, names: (f) => `document ${f.doc}` },
  { name: 'upsertRows', needs: 'EDITOR', op: (f) => `upsertRows(datasetId: "${f.dataset}", rows: [{ label: "b", value: 2 }]) { id }`, names: (f) => `dataset ${f.dataset}` },
  { name: 'setRowValue', needs: 'EDITOR', op: (f) => `setRowValue(id: "${f.row}", value: 5) { id }`, names: (f) => `row ${f.row}` },
  { name: 'shareDataset', needs: 'OWNER', op: (f) => `shareDataset(id: "${f.dataset}", viewerId: "zed", role: EDITOR) { id }`, names: (f) => `dataset ${f.dataset}` },
  { name: 'unshareDataset', needs: 'OWNER', op: (f) => `unshareDataset(id: "${f.dataset}", viewerId: "rex") { id }`, names: (f) => `dataset ${f.dataset}` },
  { name: 'setDatasetVisibility', needs: 'OWNER', op: (f) => `setDatasetVisibility(id: "${f.dataset}", visibility: PUBLIC) { id }`, names: (f) => `dataset ${f.dataset}` },
];

/** A fixture whose ids are unknown everywhere. */
const UNKNOWN: Fixture = { doc: 'nope-doc', section: 'nope-section', comment: 'nope-comment', dataset: 'nope-dataset', row: 'nope-row' };

describe('writes', () => {
  for (const mutation of MUTATIONS) {
    it(`${mutation.name}: ${mutation.needs} writes; others FORBIDDEN, or NOT_FOUND (as for an unknown id) when they may not read`, async () => {
      for (const [who, expected] of Object.entries(NEEDS[mutation.needs])) {
        const f = await fixture();
        const result = await runAs(store, viewer(who === 'anonymous' ? null : who), `mutation { ${mutation.op(f)} }`);
        expect({ who, outcome: outcome(result) }).toEqual({ who, outcome: expected });
        if (expected === 'NOT_FOUND') expect(result.errors?.[0]?.message).toBe(`${mutation.names(f)} not found`);
        if (expected === 'FORBIDDEN' && who === 'anonymous') expect(result.errors?.[0]?.message).toMatch(/^sign in to /);
      }
      // On a public item, a viewer it is not shared with may read but not write.
      const pub = await fixture('PUBLIC');
      expect(outcome(await runAs(store, viewer('pat'), `mutation { ${mutation.op(pub)} }`))).toBe('FORBIDDEN');
      const unknown = await runAs(store, viewer('pat'), `mutation { ${mutation.op(UNKNOWN)} }`);
      expect(outcome(unknown)).toBe('NOT_FOUND');
      expect(unknown.errors?.[0]?.message).toBe(`${mutation.names(UNKNOWN)} not found`);
    });
  }

  it('a refused write changes nothing', async () => {
    const f = await fixture();
    await runAs(store, viewer('rex'), `mutation { updateDocument(id: "${f.doc}", input: { title: "Rex was here" }) { id } }`);
    await runAs(store, viewer('eve'), `mutation { setDocumentVisibility(id: "${f.doc}", visibility: PUBLIC) { id } }`);
    await runAs(store, viewer('pat'), `mutation { setRowValue(id: "${f.row}", value: 99) { id } }`);
    expect(await store.getDocument(f.doc)).toMatchObject({ title: 'Plans', visibility: 'PRIVATE' });
    expect((await store.getRow(f.row))?.value).toBe(1);
  });

  it('create needs a signed-in viewer, who owns what they create (PRIVATE)', async () => {
    const refused = async (source: string) => (await runAs(store, viewer(null), source)).errors?.map((e) => [e.extensions.code, e.message]);
    expect(await refused('mutation { createDocument(input: { title: "t" }) { id } }')).toEqual([
      ['FORBIDDEN', 'sign in to create documents: anonymous viewers may only read public items'],
    ]);
    expect(await refused('mutation { createDataset(name: "n") { id } }')).toEqual([
      ['FORBIDDEN', 'sign in to create datasets: anonymous viewers may only read public items'],
    ]);
    const created = await runAs(
      store,
      viewer('zoe'),
      'mutation { createDocument(input: { title: "t" }) { owner visibility viewerRole shares { viewerId } } createDataset(name: "n") { owner visibility viewerRole } }',
    );
    expect(created).toEqual({
      data: {
        createDocument: { owner: 'zoe', visibility: 'PRIVATE', viewerRole: 'OWNER', shares: [] },
        createDataset: { owner: 'zoe', visibility: 'PRIVATE', viewerRole: 'OWNER' },
      },
    });
  });

  it('deleteRows deletes the rows the viewer may change, counts rows they may not read as missing, refuses readers', async () => {
    const f = await fixture();
    const other = await fixture();
    const mine = await store.createDataset('Pat rows', 'pat');
    const [own] = await store.upsertRows(mine.id, [{ label: 'p', value: 1 }]);
    const deleteRows = (who: string | null, ids: string[]) => runAs(store, viewer(who), `mutation { deleteRows(ids: ${JSON.stringify(ids)}) }`);
    expect(await deleteRows('pat', [f.row, own?.id ?? '', 'nope'])).toEqual({ data: { deleteRows: 1 } });
    expect(await store.getRow(f.row)).not.toBeNull();
    expect(outcome(await deleteRows('rex', [f.row]))).toBe('FORBIDDEN');
    expect(outcome(await deleteRows(null, [f.row]))).toBe('FORBIDDEN');
    expect(await deleteRows('eve', [f.row, other.row])).toEqual({ data: { deleteRows: 2 } });
  });

  it('share replaces a role, unshare of nobody changes nothing, and sharing with the owner is refused', async () => {
    const f = await fixture();
    const share = (source: string) => runAs(store, viewer('ann'), `mutation { ${source} }`);
    expect(await share(`shareDocument(id: "${f.doc}", viewerId: "rex", role: EDITOR) { shares { viewerId role } }`)).toEqual({
      data: { shareDocument: { shares: [{ viewerId: 'eve', role: 'EDITOR' }, { viewerId: 'rex', role: 'EDITOR' }] } },
    });
    expect(await share(`unshareDocument(id: "${f.doc}", viewerId: "nobody") { shares { viewerId } }`)).toEqual({
      data: { unshareDocument: { shares: [{ viewerId: 'eve' }, { viewerId: 'rex' }] } },
    });
    expect(outcome(await share(`shareDataset(id: "${f.dataset}", viewerId: "ann", role: READER) { id }`))).toBe('BAD_USER_INPUT');
    expect(outcome(await share(`shareDataset(id: "${f.dataset}", viewerId: "", role: READER) { id }`))).toBe('BAD_USER_INPUT');
    expect(await share(`setDatasetVisibility(id: "${f.dataset}", visibility: PUBLIC) { visibility }`)).toEqual({
      data: { setDatasetVisibility: { visibility: 'PUBLIC' } },
    });
  });
});
