import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../server/store/openStore.js';
import { describeStore } from './storeSuite.js';

describeStore('SQL store on PGlite', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'livedoc-store-'));
  return {
    open: (options) => openStore({ dataDir, seed: options?.seed, logger: options?.logger }),
    // PGlite is one connection: "direct SQL" goes through the store's Db, bypassing the store's methods.
    sql: async (store, text, params) => {
      await store.db.query(text, params);
    },
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
});
