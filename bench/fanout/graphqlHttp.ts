/** GraphQL over HTTP POST for the load generator's writer and setup. */

/** A JSON value as GraphQL results carry it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON object. */
export type JsonObject = { [key: string]: Json };

interface GraphQLResponse {
  data?: JsonObject | null;
  errors?: { message: string }[];
}

/**
 * POSTs `query` with `variables` to `url` as the viewer of `authorization` (`Bearer <jwt>`; none:
 * anonymous); resolves with `data`, rejects on HTTP or GraphQL errors.
 */
export async function postGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  authorization?: string,
): Promise<JsonObject> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(authorization && { authorization }),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: GraphQLResponse;
  try {
    body = JSON.parse(text) as GraphQLResponse;
  } catch {
    throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
  if (body.errors?.length) throw new Error(`GraphQL errors: ${body.errors.map((e) => e.message).join('; ').slice(0, 300)}`);
  if (!body.data) throw new Error(`HTTP ${response.status} without data`);
  return body.data;
}

/** Reads `data[field].id` (a mutation returning an object with an id). */
export function idOf(data: JsonObject, field: string): string {
  const value = data[field];
  if (value && typeof value === 'object' && !Array.isArray(value) && typeof value.id === 'string') return value.id;
  throw new Error(`expected ${field}.id in ${JSON.stringify(data).slice(0, 200)}`);
}

/** Reads `data[field]` as a list of objects with ids. */
export function idsOf(data: JsonObject, field: string): string[] {
  const value = data[field];
  if (!Array.isArray(value)) throw new Error(`expected a list in ${field}`);
  return value.map((item) => {
    if (item && typeof item === 'object' && !Array.isArray(item) && typeof item.id === 'string') return item.id;
    throw new Error(`expected ids in ${field}`);
  });
}
