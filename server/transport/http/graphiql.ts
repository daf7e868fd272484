/**
 * GraphiQL at GET /graphql, live: serves the page built from web-client/graphiql.html (a GraphiQL whose
 * fetcher runs `@live` queries over graphql-ws and shows each update in place) with yoga's GraphiQL
 * options written into it. Falls back to yoga's own GraphiQL while the web client is not built.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { renderGraphiQL, type GraphiQLOptions } from 'graphql-yoga';

/** The element of graphiql.html that carries the options as JSON. */
const OPTIONS_ELEMENT = /(<script type="application\/json" id="graphiql-options">)[\s\S]*?(<\/script>)/;

/**
 * A yoga `renderGraphiQL` for the built page in `webRoot()` (looked up per request, so a rebuild or a
 * server without static files is picked up). The page's assets are served by the web client's static
 * handler, so the built page is used only when a web root is served.
 */
export function createGraphiQLRenderer(webRoot: () => string | null | undefined): (options: GraphiQLOptions) => Promise<string> {
  return async (options) => {
    const root = webRoot();
    if (!root) return renderGraphiQL(options);
    let html: string;
    try {
      html = await readFile(path.join(root, 'graphiql.html'), 'utf8');
    } catch (error) {
      if (isMissingFile(error)) return renderGraphiQL(options);
      throw error;
    }
    if (!OPTIONS_ELEMENT.test(html)) return renderGraphiQL(options);
    return html.replace(OPTIONS_ELEMENT, (_match, open: string, close: string) => `${open}${jsonForScript(options)}${close}`);
  };
}

/** JSON that cannot end the script element or open a comment inside it. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}
