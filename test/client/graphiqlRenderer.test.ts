import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGraphiQLRenderer } from '../../server/transport/http/graphiql.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function webRootWith(html: string | null): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'livedoc-graphiql-'));
  dirs.push(dir);
  if (html !== null) await writeFile(path.join(dir, 'graphiql.html'), html);
  return dir;
}

const PAGE = '<html><head><script type="application/json" id="graphiql-options">{}</script></head><body></body></html>';

describe('GraphiQL renderer', () => {
  it('writes yoga’s options into the built page, safe to embed in a script element', async () => {
    const root = await webRootWith(PAGE);
    const html = await createGraphiQLRenderer(() => root)({ title: 'livedoc', defaultQuery: '# </script><script>alert(1)</script>' });
    const json = /id="graphiql-options">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual({ title: 'livedoc', defaultQuery: '# </script><script>alert(1)</script>' });
    expect(html.endsWith('<body></body></html>')).toBe(true);
  });

  it('falls back to yoga’s own GraphiQL when the page is not built or not served', async () => {
    const unbuilt = await webRootWith(null);
    for (const webRoot of [unbuilt, null]) {
      const html = await createGraphiQLRenderer(() => webRoot)({ title: 'fallback title' });
      expect(html).toContain('fallback title');
      expect(html).not.toContain('graphiql-options');
    }
  });
});
