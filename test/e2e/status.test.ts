/**
 * `Query.serverStatus` over real servers: a live query gets its first result and a patch with every
 * sample (the sample interval shortened through ServerOptions.statusSampleMs), is shared by every
 * viewer in development, and is for OPERATORS only in production.
 */
import type { Client } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import { http, subscribeLive, wsClient, type LiveSubscription } from '../support/clients.js';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/liveServer.js';

const disposals: (() => unknown)[] = [];
afterEach(async () => {
  for (const dispose of disposals.splice(0).reverse()) await dispose();
});

async function server(options: TestServerOptions = {}): Promise<TestServer> {
  const t = await startTestServer(options);
  disposals.push(() => t.dispose());
  return t;
}

function live(t: TestServer, query: string, as?: string | null): LiveSubscription {
  const client: Client = wsClient(t.server.wsUrl, as === undefined ? {} : { as });
  disposals.push(() => client.dispose());
  const subscription = subscribeLive(client, query);
  disposals.push(() => subscription.dispose());
  return subscription;
}

const STATUS = `query Status @live {
  serverStatus {
    sockets streams groups liveQueries patchesPerSecond deliveryP50Ms deliveryP99Ms
    uptimeSeconds startedAt sampleIntervalMs
    history { id at sockets streams liveQueries patchesPerSecond deliveryP50Ms deliveryP99Ms }
  }
}`;

interface Sample {
  id: string;
  at: string;
  sockets: number;
  liveQueries: number;
}

interface Status {
  sockets: number;
  groups: number;
  liveQueries: number;
  startedAt: string;
  sampleIntervalMs: number;
  history: Sample[];
}

function statusOf(subscription: LiveSubscription): Status {
  return (subscription.state as unknown as { serverStatus: Status }).serverStatus;
}

describe('serverStatus', () => {
  it('answers a live query with the figures, then a patch with every sample', async () => {
    const t = await server({ statusSampleMs: 100 });
    const status = live(t, STATUS);
    const first = await status.next();
    expect(first).toMatchObject({ revision: 1, data: { serverStatus: expect.any(Object) } });
    expect(statusOf(status)).toMatchObject({ sockets: 1, liveQueries: 1, groups: 1, sampleIntervalMs: 100 });
    expect(Date.parse(statusOf(status).startedAt)).toBeLessThanOrEqual(Date.now());

    // Samples are taken every 100 ms: each one re-runs the query, and the new sample arrives as a
    // patch (a run may also just move a figure: take a few).
    const seen = statusOf(status).history.length;
    const patches: unknown[] = [];
    while (statusOf(status).history.length === seen && patches.length < 5) {
      const update = await status.next(3_000);
      expect(update).toMatchObject({ patch: expect.any(Array) });
      patches.push(update);
    }
    const newest = statusOf(status).history.at(-1)!;
    expect(newest).toMatchObject({ sockets: 1, liveQueries: 1 });
    expect(Number.isNaN(Date.parse(newest.at))).toBe(false);
    // Keyed by id: the new sample is added, not the list rewritten.
    const ops = (patches.at(-1) as { patch: { op: string; path: string }[] }).patch;
    expect(ops).toContainEqual(expect.objectContaining({ op: 'add', path: expect.stringMatching(/^\/serverStatus\/history\/\d+$/) }));
  });

  it('is one result shared by every viewer in development (the resolver does not read the viewer)', async () => {
    const t = await server({ statusSampleMs: 60_000 });
    const signedIn = live(t, STATUS);
    const anonymous = live(t, STATUS, null);
    await signedIn.next();
    await anonymous.next();
    expect(t.server.engine.stats()).toMatchObject({ groups: 1, subscribers: 2 });
  });

  it('in production answers OPERATORS and refuses every other viewer and anonymous with FORBIDDEN', async () => {
    const t = await server({ production: true, operators: ['ops'], statusSampleMs: 100 });
    const query = '{ serverStatus { sockets liveQueries history { id } } }';

    const operator = await http(t.server.httpUrl, query, undefined, { as: 'ops' });
    expect(operator.body.errors).toBeUndefined();
    expect(operator.body.data).toMatchObject({ serverStatus: { sockets: 0, liveQueries: 0 } });

    for (const as of ['system', null]) {
      const refused = await http(t.server.httpUrl, query, undefined, { as });
      expect(refused.body.data).toEqual({ serverStatus: null });
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(refused.body.errors?.[0]?.message).toMatch(/only operators may read the server status/);
    }

    // Live too: the operator's query updates with the samples; another viewer's stays refused.
    const watched = live(t, STATUS, 'ops');
    await watched.next();
    expect(statusOf(watched)).toMatchObject({ sockets: 1, liveQueries: 1 });
    expect(await watched.next(3_000)).toMatchObject({ revision: 2 });
    const refused = live(t, STATUS, 'someone');
    const result = await refused.next();
    expect(result).toMatchObject({ data: { serverStatus: null }, errors: [{ extensions: { code: 'FORBIDDEN' } }] });
  });
});
