/**
 * The document the slow-reader benchmark updates, and the GraphQL it sends: every update replaces
 * the title with a marker (`u<i>`, found in the raw patch bytes) and the body with ~10 KB of text,
 * so that each patch is about 10 KB.
 */
import type { JsonObject } from '../../wire/json.js';

export const LIVE_QUERY = 'query($id: ID!) @live { document(id: $id) { title body } }';
export const FRESH_QUERY = 'query($id: ID!) { document(id: $id) { title body } }';
export const CREATE = 'mutation($b: String!) { createDocument(input: { title: "slow reader", body: $b }) { id } }';
export const PUBLISH = 'mutation($id: ID!) { setDocumentVisibility(id: $id, visibility: PUBLIC) { id } }';
export const UPDATE = 'mutation($id: ID!, $t: String!, $b: String!) { updateDocument(id: $id, input: { title: $t, body: $b }) { id } }';

const WORDS = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore ';

/** A body of `bytes` ASCII characters that starts with `b<i>` (never with the title's `u`). */
export function bodyFor(i: number, bytes: number): string {
  const head = `b${i} `;
  return head + WORDS.repeat(Math.ceil(bytes / WORDS.length)).slice(0, bytes - head.length);
}

/** The title of update `i`: the marker a healthy client finds in the patch. */
export const titleFor = (i: number) => `u${i}`;

const MARKER = Buffer.from('"value":"u');

/** The update number of the title in a raw `next` message, or undefined when it carries none. */
export function markerOf(data: Buffer): number | undefined {
  const at = data.indexOf(MARKER);
  if (at < 0) return undefined;
  let n = 0;
  let i = at + MARKER.length;
  for (; i < data.length && data[i]! >= 0x30 && data[i]! <= 0x39; i++) n = n * 10 + data[i]! - 0x30;
  return i > at + MARKER.length ? n : undefined;
}

/** POSTs a GraphQL request (as `authorization`'s viewer, or anonymously) and returns its data; throws on errors. */
export async function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  authorization?: string,
): Promise<JsonObject> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: JsonObject | null; errors?: unknown };
  if (body.errors !== undefined || !body.data) {
    throw new Error(`${query.slice(0, 40)}…: expected data, got ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  return body.data;
}

/** The id in `{ <field>: { id } }`. */
export function idOf(data: JsonObject, field: string): string {
  const value = data[field];
  const id = value !== null && typeof value === 'object' && !Array.isArray(value) ? value.id : undefined;
  if (typeof id !== 'string') throw new Error(`expected ${field}.id, got ${JSON.stringify(data).slice(0, 200)}`);
  return id;
}

/** The value at `p` percent of an ascending list (NaN when empty), rounded to 0.01. */
export function percentile(sorted: readonly number[], p: number): number {
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return Math.round(value * 100) / 100;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
