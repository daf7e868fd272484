/**
 * What the database must hold after the acknowledged writes: the writer applies each write to this
 * model when the server acknowledges it (writes to one target are never in flight together, so the
 * order of acknowledgements is the order of commits), and the checker compares it with a fresh query.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../../wire/json.js';

export interface SectionModel {
  id: string;
  heading: string;
  body: string;
}

export interface CommentModel {
  id: string;
  author: string;
  body: string;
  edited: boolean;
}

export interface DocumentModel {
  kind: 'document';
  id: string;
  title: string;
  body: string;
  tags: string[];
  sections: SectionModel[];
  comments: CommentModel[];
}

export interface RowModel {
  id: string;
  label: string;
  value: number;
}

export interface DatasetModel {
  kind: 'dataset';
  id: string;
  name: string;
  rows: RowModel[];
}

/** Something one write changes: a document (with its sections and comments) or a dataset (with its rows). */
export type TargetModel = DocumentModel | DatasetModel;

/** The writer's query of a target's state, as the owner: what the model is compared with. */
export const TARGET_QUERY: Record<TargetModel['kind'], string> = {
  document:
    'query($id: ID!) { target: document(id: $id) { id title body tags sections { id heading body } comments { id author body editedAt } } }',
  dataset: 'query($id: ID!) { target: dataset(id: $id) { id name rows(first: 1000) { nodes { id label value } } } }',
};

/** A scalar of a result as text (the fields read here are strings or ids). */
export function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/** `value` clamped to [low, high]. */
export function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, value));
}

/** The model of a target as the server returned it (`target` of {@link TARGET_QUERY}). */
export function modelFromResult(kind: TargetModel['kind'], data: JsonValue | undefined): TargetModel {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`Expected a ${kind} object, but got ${JSON.stringify(data ?? null).slice(0, 200)}.`);
  }
  const list = (value: JsonValue | undefined): JsonObject[] => (Array.isArray(value) ? (value as JsonObject[]) : []);
  if (kind === 'dataset') {
    return {
      kind,
      id: text(data.id),
      name: text(data.name),
      rows: list(rowNodes(data.rows)).map((r) => ({ id: text(r.id), label: text(r.label), value: Number(r.value) })),
    };
  }
  return {
    kind,
    id: text(data.id),
    title: text(data.title),
    body: text(data.body),
    tags: Array.isArray(data.tags) ? data.tags.map(text) : [],
    sections: list(data.sections).map((s) => ({ id: text(s.id), heading: text(s.heading), body: text(s.body) })),
    comments: list(data.comments).map((c) => ({ id: text(c.id), author: text(c.author), body: text(c.body), edited: c.editedAt !== null })),
  };
}

/**
 * Where `actual` (from the server) differs from `expected` (the model): a list of short descriptions,
 * empty when they agree.
 */
export function modelDifferences(expected: TargetModel, actual: TargetModel): string[] {
  const differences: string[] = [];
  const compare = (field: string, want: unknown, got: unknown) => {
    const wantText = JSON.stringify(want);
    const gotText = JSON.stringify(got);
    if (wantText !== gotText) differences.push(`${expected.kind} ${expected.id} ${field}: expected ${wantText.slice(0, 160)}, got ${gotText.slice(0, 160)}`);
  };
  if (expected.kind === 'dataset' && actual.kind === 'dataset') {
    compare('name', expected.name, actual.name);
    compare('row ids', expected.rows.map((r) => r.id), actual.rows.map((r) => r.id));
    compare('rows', expected.rows, actual.rows);
  } else if (expected.kind === 'document' && actual.kind === 'document') {
    compare('title', expected.title, actual.title);
    compare('body', expected.body, actual.body);
    compare('tags', expected.tags, actual.tags);
    compare('section ids', expected.sections.map((s) => s.id), actual.sections.map((s) => s.id));
    compare('sections', expected.sections, actual.sections);
    compare('comment ids', expected.comments.map((c) => c.id), actual.comments.map((c) => c.id));
    compare('comments', expected.comments, actual.comments);
  } else {
    differences.push(`${expected.kind} ${expected.id}: the server returned a ${actual.kind}`);
  }
  return differences;
}

/** The rows of a `rows(first:) { nodes }` window. */
function rowNodes(rows: JsonValue | undefined): JsonValue | undefined {
  return isJsonObject(rows) ? rows.nodes : undefined;
}
