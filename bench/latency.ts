/**
 * Mutation → patch latency: a server child process, N graphql-ws clients live on one document, a
 * writer sending K title updates over HTTP (spaced so each is its own update), and for every client
 * the delay from sending the mutation to receiving the patch carrying that title.
 *
 *   npm run bench            # 1 and 100 clients, writes bench/results/latency.json
 *   npm run bench -- --quick # fewer writes
 */
import { writeFile } from 'node:fs/promises';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startServerProcess } from './serverProcess.js';

const quick = process.argv.includes('--quick');
const WRITES = quick ? 30 : 200;
const SPACING_MS = 20;
const DEADLINE_MS = 120_000;

interface Patch {
  op: string;
  path: string;
  value?: unknown;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function post(url: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, { id: string }>; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

async function run(clientCount: number) {
  const server = await startServerProcess({ SEED: 'false' });
  try {
    const created = await post(server.httpUrl, 'mutation { createDocument(input: { title: "bench" }) { id } }', {});
    const id = created.createDocument!.id;
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let received = 0;
    const clients = Array.from({ length: clientCount }, () =>
      createClient({ url: server.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 }),
    );
    const subscribedAt = performance.now();
    await Promise.all(
      clients.map(
        (client) =>
          new Promise<void>((resolve, reject) => {
            let first = true;
            client.subscribe<unknown>(
              { query: 'query($id: ID!) @live { document(id: $id) { title } }', variables: { id } },
              {
                next(message) {
                  const payload = message as unknown as { patch?: Patch[] };
                  if (first) {
                    first = false;
                    return resolve();
                  }
                  const now = performance.now();
                  for (const op of payload.patch ?? []) {
                    const sent = typeof op.value === 'string' ? sentAt.get(op.value) : undefined;
                    if (sent !== undefined) {
                      latencies.push(now - sent);
                      received++;
                    }
                  }
                },
                error: reject,
                complete: () => {},
              },
            );
          }),
      ),
    );
    const subscribeMs = performance.now() - subscribedAt;
    const started = performance.now();
    for (let i = 0; i < WRITES && performance.now() - started < DEADLINE_MS; i++) {
      const title = `w${i}`;
      sentAt.set(title, performance.now());
      await post(server.httpUrl, 'mutation($id: ID!, $t: String!) { updateDocument(id: $id, input: { title: $t }) { id } }', { id, t: title });
      await new Promise((resolve) => setTimeout(resolve, SPACING_MS));
    }
    const expected = sentAt.size * clientCount;
    const waitUntil = performance.now() + 10_000;
    while (received < expected && performance.now() < waitUntil) await new Promise((r) => setTimeout(r, 10));
    await Promise.all(clients.map((c) => c.dispose()));
    const sorted = latencies.sort((a, b) => a - b);
    return {
      clients: clientCount,
      writes: sentAt.size,
      delivered: received,
      expected,
      subscribeAllMs: round(subscribeMs),
      latencyMs: { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? NaN) },
    };
  } finally {
    await server.stop();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

const results = [];
for (const clients of [1, 100]) {
  const result = await run(clients);
  console.log(
    `${String(clients).padStart(4)} clients: p50 ${result.latencyMs.p50} ms  p99 ${result.latencyMs.p99} ms  ` +
      `(${result.delivered}/${result.expected} patches, subscribe all ${result.subscribeAllMs} ms)`,
  );
  results.push(result);
}
const report = { command: `npm run bench${quick ? ' -- --quick' : ''}`, date: new Date().toISOString(), node: process.version, results };
await writeFile(new URL('./results/latency.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
