/** /readyz: ready with store and bus, still in the load balancer (`degraded`) without the bus, out (503) without the store. */
import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessBus } from '../../server/bus/inProcessBus.js';
import type { InvalidationBus } from '../../server/bus/types.js';
import { mutate } from '../support/clients.js';
import { startTestServer } from '../support/liveServer.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('/readyz', () => {
  it('says degraded (200) while the bus is away, and the instance keeps serving', async () => {
    let busUp = true;
    const inner = createInProcessBus();
    const bus: InvalidationBus = { ...inner, kind: inner.kind, isReady: () => busUp };
    const t = await startTestServer({ seed: false, bus });
    cleanups.push(async () => {
      await t.dispose();
      await inner.close();
    });
    const readyz = t.server.httpUrl.replace('/graphql', '/readyz');
    const read = async () => {
      const response = await fetch(readyz);
      return { status: response.status, body: (await response.json()) as unknown };
    };
    expect(await read()).toEqual({ status: 200, body: { status: 'ready', store: true, bus: true } });
    busUp = false;
    expect(await read()).toEqual({ status: 200, body: { status: 'degraded', store: true, bus: false } });
    const created = await mutate(t.server.httpUrl, 'mutation { createDocument(input: { title: "still serving" }) { title } }');
    expect(created).toEqual({ createDocument: { title: 'still serving' } });
    await t.store.close();
    expect(await read()).toEqual({ status: 503, body: { status: 'unavailable', store: false, bus: false } });
  });
});
