/**
 * The GraphQL operations of the fan-out benchmark, identical for the three servers (the raw floor
 * recognises the mutation field names and the `$id`/`$value` variables), and the update markers that
 * let the load generator find the message carrying an update without applying patches.
 */

/** One document with its sections' headings: the fan-out query. */
export const DOCUMENT_LIVE = `query Doc($id: ID!) @live {
  document(id: $id) { id title revision updatedAt sections { id heading } }
}`;

/** One document with whole sections: the insert-at-head query. */
export const DOCUMENT_SECTIONS_LIVE = `query DocSections($id: ID!) @live {
  document(id: $id) { id title revision updatedAt sections { id heading body } }
}`;

/** A dataset's first 1,000 rows (the largest window) and its summary. */
export const DATASET_LIVE = `query Data($id: ID!) @live {
  dataset(id: $id) { rows(first: 1000) { nodes { id label value } } summary { count sum min max mean } }
}`;

/** The same operation as an ordinary query (for the fresh execution that checks a client's state). */
export function withoutLive(query: string): string {
  return query.replace(' @live', '');
}

/** Creates `count` documents in one request (aliases d0…), titled `$title`. At most 30 aliases per request. */
export function createDocumentsMutation(count: number): string {
  const fields = Array.from({ length: count }, (_, i) => `d${i}: createDocument(input: { title: $title }) { id }`);
  return `mutation CreateDocs($title: String!) {\n  ${fields.join('\n  ')}\n}`;
}

/** Appends sections numbered `from`… to document `$id` in one request (aliases s0…). */
export function appendSectionsMutation(from: number, count: number): string {
  const fields = Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return `s${i}: addSection(documentId: $id, input: { heading: "Section ${n}", body: "The text of section ${n}." }) { id }`;
  });
  return `mutation AddSections($id: ID!) {\n  ${fields.join('\n  ')}\n}`;
}

export const CREATE_DATASET = `mutation CreateDataset($name: String!) { createDataset(name: $name) { id } }`;

export const UPSERT_ROWS = `mutation UpsertRows($id: ID!, $rows: [RowInput!]!) { upsertRows(datasetId: $id, rows: $rows) { id } }`;

/** Update: a document's title becomes `$value` (a {@link titleMarker}). */
export const SET_TITLE = `mutation SetTitle($id: ID!, $value: String!) { updateDocument(id: $id, input: { title: $value }) { id } }`;

/**
 * Update of `count` documents in one request: alias `w<i>` sets document `$id<i>`'s title to `$v<i>`
 * (at most {@link ALIASES_PER_REQUEST}).
 */
export function setTitles(count: number): string {
  const indices = Array.from({ length: count }, (_, i) => i);
  const variables = indices.map((i) => `$id${i}: ID!, $v${i}: String!`).join(', ');
  const fields = indices.map((i) => `w${i}: updateDocument(id: $id${i}, input: { title: $v${i} }) { id }`).join(' ');
  return `mutation SetTitles(${variables}) { ${fields} }`;
}

/** Update: a row's value becomes `$value` (a {@link numberMarker}). */
export const SET_ROW_VALUE = `mutation SetValue($id: ID!, $value: Float!) { setRowValue(id: $id, value: $value) { id } }`;

/** Update: a section headed `$value` (a {@link titleMarker}) is inserted at the head of document `$id`. */
export const INSERT_HEAD = `mutation InsertHead($id: ID!, $value: String!) {
  addSection(documentId: $id, input: { heading: $value, body: "Inserted at the head." }, position: 0) { id }
}`;

/** Most aliases the benchmark puts in one request (livedoc allows 30). */
export const ALIASES_PER_REQUEST = 25;

/** Most rows per upsertRows call (the schema's limit). */
export const ROWS_PER_UPSERT = 10_000;

/** The string value carrying update `seq`. */
export function titleMarker(seq: number): string {
  return `t:${seq}`;
}

/** The number value carrying update `seq`: a fraction no sum, mean or row of the benchmark produces. */
export function numberMarker(seq: number): number {
  return seq + 0.123456789;
}

/**
 * Finds update markers in a message's text: `"t:<seq>"` strings and `:<seq>.123456789` numbers
 * (a sum ending in the same fraction yields a seq outside the benchmark's range and is ignored).
 */
export const MARKER_PATTERN = /"t:(\d+)"|:(\d+)\.123456789(?!\d)/g;

/** Calls `found(seq)` for every marker in `text`. */
export function forEachMarker(text: string, found: (seq: number) => void): void {
  MARKER_PATTERN.lastIndex = 0;
  for (let match = MARKER_PATTERN.exec(text); match; match = MARKER_PATTERN.exec(text)) {
    found(Number(match[1] ?? match[2]));
  }
}

/**
 * The value of row `i` of a benchmark dataset: integers from 100,000 to 100,999, never a marker and
 * above every marker, so each setRowValue also changes the summary's min (the same ops every time).
 */
export function rowValue(i: number): number {
  return 100_000 + ((i * 7919) % 1000);
}

/**
 * Makes `count` items PUBLIC in one request (aliases p0…, variables `$id0`…): `kind` Document or
 * Dataset (livedoc only; the peers have no visibility). At most {@link ALIASES_PER_REQUEST}.
 */
export function publishMutation(kind: 'Document' | 'Dataset', count: number): string {
  const ids = Array.from({ length: count }, (_, i) => `$id${i}: ID!`);
  const fields = Array.from({ length: count }, (_, i) => `p${i}: set${kind}Visibility(id: $id${i}, visibility: PUBLIC) { id }`);
  return `mutation Publish(${ids.join(', ')}) {\n  ${fields.join('\n  ')}\n}`;
}

/** Creates one document (titled `$title`) as the viewer asking: PRIVATE to them on livedoc. */
export const CREATE_DOCUMENT = `mutation CreateDoc($title: String!) { createDocument(input: { title: $title }) { id } }`;
