/** The options the server writes into the GraphiQL page (yoga's GraphiQL options, see server/graphiql.ts). */

/** The subset of yoga's GraphiQL options the page uses. */
export interface PageOptions {
  title?: string;
  defaultQuery?: string;
  /** Path or URL of the GraphQL endpoint; default the page's own path. */
  endpoint?: string;
}

/** Reads `<script id="graphiql-options" type="application/json">`; missing or malformed means no options. */
export function readPageOptions(doc: Document = document): PageOptions {
  const text = doc.getElementById('graphiql-options')?.textContent ?? '';
  try {
    const value: unknown = JSON.parse(text || '{}');
    if (typeof value !== 'object' || value === null) return {};
    const options: PageOptions = {};
    if ('title' in value && typeof value.title === 'string') options.title = value.title;
    if ('defaultQuery' in value && typeof value.defaultQuery === 'string') options.defaultQuery = value.defaultQuery;
    if ('endpoint' in value && typeof value.endpoint === 'string') options.endpoint = value.endpoint;
    return options;
  } catch {
    return {};
  }
}
