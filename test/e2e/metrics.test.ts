import { afterEach, describe, expect, it } from 'vitest';
import { authorizationOf, http, mutate, subscribeLive, wsClient, type LiveSubscription } from '../support/clients.js';
import { readEventStream, type EventStreamReader } from '../support/eventStreamReader.js';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/liveServer.js';
import { waitFor } from '../support/waitFor.js';
import type { Client } from 'graphql-ws';

const disposals: (() => unknown)[] = [];
afterEach(async () => {
  for (const dispose of disposals.splice(0).reverse()) await dispose();
});

async function server(options: TestServerOptions = {}): Promise<TestServer> {
  const t = await startTestServer(options);
  disposals.push(() => t.dispose());
  return t;
}

const origin = (t: TestServer) => t.server.httpUrl.replace(/\/graphql$/, '');
const DOC = 'query Doc($id: ID!) @live { document(id: $id) { id title } }';

/** One sample of the text exposition: `name{labels} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Parses the Prometheus text format (prom-client has no parser): `# HELP`/`# TYPE` lines name the
 * families, every other line is a sample.
 */
function parseExposition(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice(7).split(' ');
      types.set(name!, type!);
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    expect(match, `a sample line, but got ${JSON.stringify(line)}`).not.toBeNull();
    const labels: Record<string, string> = {};
    for (const [, key, value] of match![2]?.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g) ?? []) labels[key!] = value!;
    samples.push({ name: match![1]!, labels, value: Number(match![3]) });
  }
  return { types, samples };
}

async function scrape(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await response.text());
}

/** The value of the sample `name` whose labels include `labels`. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

async function createDocument(t: TestServer, title: string): Promise<string> {
  const data = await mutate(t.server.httpUrl, 'mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }', {
    input: { title, body: '', tags: [] },
  });
  return (data.createDocument as { id: string }).id;
}

async function openSse(t: TestServer, id: string): Promise<EventStreamReader> {
  const response = await fetch(t.server.httpUrl, {
    method: 'POST',
    headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: (await authorizationOf()) ?? '' },
    body: JSON.stringify({ query: DOC, variables: { id } }),
  });
  expect(response.status).toBe(200);
  const reader = readEventStream(response);
  disposals.push(() => reader.cancel());
  return reader;
}

describe('GET /metrics', () => {
  it('counts sockets, streams, live queries, patches, delivery, limits and closes', async () => {
    const t = await server();
    const id = await createDocument(t, 'Metered');
    const client: Client = wsClient(t.server.wsUrl);
    disposals.push(() => client.dispose());
    const ws: LiveSubscription = subscribeLive(client, DOC, { id });
    disposals.push(() => ws.dispose());
    await ws.next();
    const sse = await openSse(t, id);
    expect(await sse.nextEvent('first result')).toMatchObject({ event: 'next', id: '1' });
    await waitFor(() => t.server.engine.stats().subscribers === 2, 3_000, 'two live queries');

    await mutate(t.server.httpUrl, 'mutation($id: ID!) { updateDocument(id: $id, input: { title: "Renamed" }) { id } }', { id });
    expect(await ws.next()).toMatchObject({ revision: 2, patch: expect.any(Array) });
    expect(await sse.nextEvent('the patch')).toMatchObject({ event: 'next', id: '2' });
    // A limit: a token that does not verify (401).
    const refused = await fetch(t.server.httpUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer nonsense' }, body: '{"query":"{ __typename }"}' });
    expect(refused.status).toBe(401);
    await refused.text();

    const { types, samples } = await scrape(`${origin(t)}/metrics`);
    expect(valueOf(samples, 'livedoc_connections_open', { transport: 'ws' })).toBe(1);
    expect(valueOf(samples, 'livedoc_connections_open', { transport: 'sse' })).toBe(1);
    expect(valueOf(samples, 'livedoc_live_queries')).toBe(2);
    expect(valueOf(samples, 'livedoc_live_query_groups')).toBe(1);
    expect(valueOf(samples, 'livedoc_patches_published_total')).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'livedoc_executions_total', { kind: 'full' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'livedoc_executions_total', { kind: 'partial' })).toBeGreaterThanOrEqual(0);
    const sent = (transport: string) => valueOf(samples, 'livedoc_patch_messages_sent_total', { transport }) ?? 0;
    expect(sent('ws') + sent('sse')).toBeGreaterThanOrEqual(4); // each: the first result and the patch
    expect(valueOf(samples, 'livedoc_sent_bytes_total', { transport: 'ws' })).toBeGreaterThan(100);
    expect(valueOf(samples, 'livedoc_sent_bytes_total', { transport: 'sse' })).toBeGreaterThan(100);
    expect(types.get('livedoc_delivery_seconds')).toBe('histogram');
    expect(valueOf(samples, 'livedoc_delivery_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(valueOf(samples, 'livedoc_delivery_seconds_bucket', { le: '+Inf' })).toBe(valueOf(samples, 'livedoc_delivery_seconds_count'));
    expect(valueOf(samples, 'livedoc_delivery_seconds_sum')).toBeGreaterThan(0);
    expect(valueOf(samples, 'livedoc_delivery_seconds_sum')).toBeLessThan(10);
    expect(valueOf(samples, 'livedoc_limits_hit_total', { limit: 'unauthenticated' })).toBe(1);
    expect(valueOf(samples, 'livedoc_limits_hit_total', { limit: 'depth' })).toBe(0);
    expect(valueOf(samples, 'livedoc_invalidations_received_total', { source: 'feed' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'livedoc_bus_messages_published_total')).toBe(0);
    expect(valueOf(samples, 'livedoc_slow_clients_dropped_total', { transport: 'ws' })).toBe(0);
    // Node's own, from prom-client's defaults.
    expect(types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(valueOf(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);

    const status = t.server.metrics.snapshot();
    expect(status).toMatchObject({ sockets: 1, streams: 1, groups: 1, liveQueries: 2 });
    expect(status.patchesPerSecond).toBeGreaterThan(0);
    expect(status.deliveryP50).toBeGreaterThan(0);
    expect(status.deliveryP99).toBeGreaterThanOrEqual(status.deliveryP50!);

    // Closing the socket and the stream: counted, and the gauges go back to 0.
    await client.dispose();
    await sse.cancel();
    await waitFor(() => t.server.engine.stats().subscribers === 0, 3_000, 'live queries ended');
    const after = await waitFor(async () => {
      const { samples: now } = await scrape(`${origin(t)}/metrics`);
      return valueOf(now, 'livedoc_connections_open', { transport: 'sse' }) === 0 && now;
    }, 3_000, 'the stream counted closed');
    expect(valueOf(after, 'livedoc_connections_open', { transport: 'ws' })).toBe(0);
    expect(valueOf(after, 'livedoc_websocket_closes_total', { code: '1000' })).toBe(1);
  });

  it('counts limits under their names', async () => {
    const t = await server({ limits: { maxBodyBytes: 2_048 } });
    const deep = `{ __type(name: "Query") ${'{ ofType '.repeat(13)}{ name }${' }'.repeat(13)} }`;
    expect((await http(t.server.httpUrl, deep)).status).toBe(400);
    const large = await fetch(t.server.httpUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename ${' '.repeat(4_096)}}` }) });
    expect(large.status).toBe(413);
    await large.text();
    const { samples } = await scrape(`${origin(t)}/metrics`);
    expect(valueOf(samples, 'livedoc_limits_hit_total', { limit: 'depth' })).toBe(1);
    expect(valueOf(samples, 'livedoc_limits_hit_total', { limit: 'body_bytes' })).toBe(1);
    expect(valueOf(samples, 'livedoc_limits_hit_total', { limit: 'cost' })).toBe(0);
  });
});

describe('/metrics in production', () => {
  const TOKEN = 'metrics-token-0123456789';

  it('with a token: 401 without it or with another, 200 with it', async () => {
    const t = await server({ production: true, metrics: { token: TOKEN } });
    const url = `${origin(t)}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const { samples } = await scrape(url, { authorization: `Bearer ${TOKEN}` });
    expect(valueOf(samples, 'livedoc_live_queries')).toBe(0);
  });

  it('with a port: served there, 404 on the main port', async () => {
    const t = await server({ production: true, metrics: { port: 0 } });
    const port = t.server.metrics.port;
    expect(port).toBeGreaterThan(0);
    expect(port).not.toBe(t.server.port);
    await scrape(`http://127.0.0.1:${port}/metrics`);
    expect((await fetch(`http://127.0.0.1:${port}/graphql`)).status).toBe(404);
    expect((await fetch(`${origin(t)}/metrics`)).status).toBe(404);
  });

  it('with neither: 404', async () => {
    const t = await server({ production: true });
    expect((await fetch(`${origin(t)}/metrics`)).status).toBe(404);
    expect(t.server.metrics.port).toBeUndefined();
  });
});
