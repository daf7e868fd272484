import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { http, mutate, subscribeLive, wsClient } from '../support/clients.js';
import { startTestServer } from '../support/liveServer.js';

describe('embedded store (PGlite)', () => {
  it('seeds on first start only, keeps data across a restart, and live queries work after it', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'livedoc-restart-'));
    try {
      const first = await startTestServer({ dataDir, seed: true });
      const seeded = await http(first.server.httpUrl, '{ documents { totalCount } datasets { rowCount } }');
      expect(seeded.body.data?.datasets).toEqual([{ rowCount: 1000 }]);
      const seededCount = (seeded.body.data?.documents as { totalCount: number }).totalCount;
      expect(seededCount).toBeGreaterThan(0);
      const created = await mutate(first.server.httpUrl, 'mutation { createDocument(input: { title: "Kept", tags: ["t"] }) { id } }');
      const id = (created.createDocument as { id: string }).id;
      await first.dispose();

      const second = await startTestServer({ dataDir, seed: true });
      try {
        const after = await http(second.server.httpUrl, '{ documents { totalCount } }');
        expect((after.body.data?.documents as { totalCount: number }).totalCount).toBe(seededCount + 1);
        const c = wsClient(second.server.wsUrl);
        const s = subscribeLive(c, 'query($id: ID!) @live { document(id: $id) { title tags } }', { id });
        await s.next();
        expect(s.state).toEqual({ document: { title: 'Kept', tags: ['t'] } });
        await mutate(second.server.httpUrl, 'mutation($id: ID!) { updateDocument(id: $id, input: { title: "Kept again" }) { id } }', { id });
        await s.next();
        expect(s.state).toEqual({ document: { title: 'Kept again', tags: ['t'] } });
        await c.dispose();
      } finally {
        await second.dispose();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
