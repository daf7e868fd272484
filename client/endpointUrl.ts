/**
 * One GraphQL endpoint, two schemes: the WebSocket transport needs ws(s)://, the SSE transport
 * http(s)://. Either may be given; each transport turns it into its own.
 */

/** A URL, or a function returning one (called before every connection or request). */
export type EndpointUrl = string | (() => string | Promise<string>);

/** `url` with the scheme of `kind`: ws ↔ http, wss ↔ https; other URLs (relative ones) unchanged. */
export function withScheme(url: string, kind: 'ws' | 'http'): string {
  if (kind === 'http') return url.replace(/^ws(s?):/i, 'http$1:');
  return url.replace(/^http(s?):/i, 'ws$1:');
}

/** `url` as a function resolving to the URL with the scheme of `kind`. */
export function endpointFor(url: EndpointUrl, kind: 'ws' | 'http'): () => Promise<string> {
  return async () => withScheme(typeof url === 'function' ? await url() : url, kind);
}
