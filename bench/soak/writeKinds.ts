/**
 * The random writes of the soak: for a target's model, each kind plans one mutation (or none when it
 * does not apply, e.g. no section to remove) and how the model changes once it is acknowledged. Sizes
 * stay bounded: sections, comments and rows are added only under a cap and removed only above a floor.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../../wire/json.js';
import { clamp, text, type DatasetModel, type DocumentModel, type TargetModel } from './model.js';
import { titleOf } from './operations.js';

/** A write ready to send, and what it does to the model once acknowledged. */
export interface PlannedWrite {
  kind: string;
  query: string;
  variables: Record<string, unknown>;
  /** Changes the model as the acknowledged write changed the database; `data` is the mutation's. */
  apply(data: JsonObject): void;
  /** A title write: its number, for the delivery latency. */
  marker?: number;
}

type Random = () => number;
type Planner<T extends TargetModel> = (model: T, seq: number, random: Random) => PlannedWrite | undefined;

const MAX_SECTIONS = 12;
const MIN_SECTIONS = 2;
const MAX_COMMENTS = 10;
const MAX_ROWS = 300;
const MIN_ROWS = 50;
/** The bulky document's body: big enough that a paused reader's socket fills over a pause. */
const BULKY_BODY_CHARS = 8_000;

const pick = <T>(items: readonly T[], random: Random): T | undefined => items[Math.floor(random() * items.length)];
const rowValue = (random: Random) => Math.floor(random() * 1000);

function filler(seq: number, chars: number): string {
  const words = `w${seq} lorem ipsum dolor sit amet consectetur adipiscing elit `;
  return words.repeat(Math.ceil(chars / words.length)).slice(0, chars);
}

function idsIn(data: JsonValue | undefined): string[] {
  return Array.isArray(data) ? data.map((item) => (isJsonObject(item) ? text(item.id) : '?')) : [];
}

function idIn(data: JsonValue | undefined): string {
  const id = typeof data === 'object' && data !== null && !Array.isArray(data) ? data.id : undefined;
  if (typeof id !== 'string') throw new Error(`Expected an object with an id, but got ${JSON.stringify(data ?? null).slice(0, 120)}.`);
  return id;
}

const UPDATE_DOCUMENT = 'mutation($id: ID!, $input: UpdateDocumentInput!) { updateDocument(id: $id, input: $input) { id } }';

/** Document writes, each with a weight. */
const DOCUMENT_WRITES: [string, number, Planner<DocumentModel>][] = [
  ['title', 4, (doc, seq) => ({
    kind: 'title',
    query: UPDATE_DOCUMENT,
    variables: { id: doc.id, input: { title: titleOf(seq) } },
    marker: seq,
    apply: () => void (doc.title = titleOf(seq)),
  })],
  ['body', 1, (doc, seq) => {
    const body = doc.tags.includes('bulky') ? filler(seq, BULKY_BODY_CHARS) : `body of write ${seq}`;
    return { kind: 'body', query: UPDATE_DOCUMENT, variables: { id: doc.id, input: { body } }, apply: () => void (doc.body = body) };
  }],
  ['tags', 1, (doc, seq) => {
    const tags = [...doc.tags.filter((t) => t === 'soak' || t === 'bulky'), `t${seq % 7}`];
    return { kind: 'tags', query: UPDATE_DOCUMENT, variables: { id: doc.id, input: { tags } }, apply: () => void (doc.tags = tags) };
  }],
  ['addSection', 2, (doc, seq, random) => {
    if (doc.sections.length >= MAX_SECTIONS) return undefined;
    const position = random() < 0.5 ? null : Math.floor(random() * (doc.sections.length + 2));
    const input = { heading: `h${seq}`, body: `section of write ${seq}` };
    return {
      kind: 'addSection',
      query: 'mutation($id: ID!, $input: SectionInput!, $position: Int) { addSection(documentId: $id, input: $input, position: $position) { id } }',
      variables: { id: doc.id, input, position },
      apply(data) {
        const at = position === null ? doc.sections.length : clamp(position, 0, doc.sections.length);
        doc.sections.splice(at, 0, { id: idIn(data.addSection), ...input });
      },
    };
  }],
  ['updateSection', 2, (doc, seq, random) => {
    const section = pick(doc.sections, random);
    if (!section) return undefined;
    const input = { heading: `h${seq}`, body: `edited by write ${seq}` };
    return {
      kind: 'updateSection',
      query: 'mutation($id: ID!, $input: SectionInput!) { updateSection(id: $id, input: $input) { id } }',
      variables: { id: section.id, input },
      apply: () => void Object.assign(section, input),
    };
  }],
  ['moveSection', 1, (doc, _seq, random) => {
    const section = pick(doc.sections, random);
    if (!section || doc.sections.length < 2) return undefined;
    const position = Math.floor(random() * (doc.sections.length + 1));
    return {
      kind: 'moveSection',
      query: 'mutation($id: ID!, $position: Int!) { moveSection(id: $id, position: $position) { id } }',
      variables: { id: section.id, position },
      apply() {
        const from = doc.sections.indexOf(section);
        doc.sections.splice(from, 1);
        doc.sections.splice(clamp(position, 0, doc.sections.length), 0, section);
      },
    };
  }],
  ['removeSection', 1, (doc, _seq, random) => {
    const section = pick(doc.sections, random);
    if (!section || doc.sections.length <= MIN_SECTIONS) return undefined;
    return {
      kind: 'removeSection',
      query: 'mutation($id: ID!) { removeSection(id: $id) }',
      variables: { id: section.id },
      apply: () => void doc.sections.splice(doc.sections.indexOf(section), 1),
    };
  }],
  ['addComment', 1, (doc, seq) => {
    if (doc.comments.length >= MAX_COMMENTS) return undefined;
    const input = { author: 'soak', body: `comment of write ${seq}` };
    return {
      kind: 'addComment',
      query: 'mutation($id: ID!, $input: CommentInput!) { addComment(documentId: $id, input: $input) { id } }',
      variables: { id: doc.id, input },
      apply: (data) => void doc.comments.push({ id: idIn(data.addComment), ...input, edited: false }),
    };
  }],
  ['updateComment', 1, (doc, seq, random) => {
    const comment = pick(doc.comments, random);
    if (!comment) return undefined;
    const body = `comment edited by write ${seq}`;
    return {
      kind: 'updateComment',
      query: 'mutation($id: ID!, $body: String!) { updateComment(id: $id, body: $body) { id } }',
      variables: { id: comment.id, body },
      apply: () => void Object.assign(comment, { body, edited: true }),
    };
  }],
  ['deleteComment', 1, (doc, _seq, random) => {
    const comment = pick(doc.comments, random);
    if (!comment) return undefined;
    return {
      kind: 'deleteComment',
      query: 'mutation($id: ID!) { deleteComment(id: $id) }',
      variables: { id: comment.id },
      apply: () => void doc.comments.splice(doc.comments.indexOf(comment), 1),
    };
  }],
];

const UPSERT_ROWS = 'mutation($id: ID!, $rows: [RowInput!]!) { upsertRows(datasetId: $id, rows: $rows) { id } }';

/** Dataset writes, each with a weight. */
const DATASET_WRITES: [string, number, Planner<DatasetModel>][] = [
  ['setRowValue', 3, (set, _seq, random) => {
    const row = pick(set.rows, random);
    if (!row) return undefined;
    const value = rowValue(random);
    return {
      kind: 'setRowValue',
      query: 'mutation($id: ID!, $value: Float!) { setRowValue(id: $id, value: $value) { id } }',
      variables: { id: row.id, value },
      apply: () => void (row.value = value),
    };
  }],
  ['insertRows', 1, (set, seq, random) => {
    if (set.rows.length >= MAX_ROWS) return undefined;
    const rows = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => ({ label: `r${seq}.${i}`, value: rowValue(random) }));
    return {
      kind: 'insertRows',
      query: UPSERT_ROWS,
      variables: { id: set.id, rows },
      apply(data) {
        const ids = idsIn(data.upsertRows);
        rows.forEach((row, i) => set.rows.push({ id: ids[i] ?? '?', ...row }));
      },
    };
  }],
  ['updateRows', 1, (set, seq, random) => {
    const chosen = [...new Set([pick(set.rows, random), pick(set.rows, random)])].filter((row) => row !== undefined);
    if (chosen.length === 0) return undefined;
    const rows = chosen.map((row) => ({ id: row.id, label: `r${seq}`, value: rowValue(random) }));
    return {
      kind: 'updateRows',
      query: UPSERT_ROWS,
      variables: { id: set.id, rows },
      apply: () => rows.forEach((row, i) => Object.assign(chosen[i]!, row)),
    };
  }],
  ['deleteRows', 1, (set, _seq, random) => {
    if (set.rows.length <= MIN_ROWS) return undefined;
    const chosen = [...new Set([pick(set.rows, random), pick(set.rows, random)])].filter((row) => row !== undefined);
    return {
      kind: 'deleteRows',
      query: 'mutation($ids: [ID!]!) { deleteRows(ids: $ids) }',
      variables: { ids: chosen.map((row) => row.id) },
      apply: () => void (set.rows = set.rows.filter((row) => !chosen.includes(row))),
    };
  }],
];

/** Picks a weighted kind for `model` and plans it; tries the others when the first does not apply. */
export function planWrite(model: TargetModel, seq: number, random: Random = Math.random): PlannedWrite | undefined {
  return model.kind === 'document' ? planFrom(DOCUMENT_WRITES, model, seq, random) : planFrom(DATASET_WRITES, model, seq, random);
}

function planFrom<T extends TargetModel>(table: [string, number, Planner<T>][], model: T, seq: number, random: Random): PlannedWrite | undefined {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  const start = Math.max(0, table.findIndex(([, weight]) => (roll -= weight) < 0));
  for (let i = 0; i < table.length; i++) {
    const planned = table[(start + i) % table.length]![2](model, seq, random);
    if (planned) return planned;
  }
  return undefined;
}
