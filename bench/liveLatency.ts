/**
 * The measurement shared by `latency.ts` and `crossInstance.ts`: N graphql-ws watchers of one
 * document on `watchUrl`, K title updates sent over HTTP to `writeUrl` (spaced so each is its own
 * update), and per watcher the delay from sending a mutation to receiving the patch carrying its title.
 * The writer signs in (anonymous writes are FORBIDDEN) and makes the document PUBLIC, so the
 * watchers stay anonymous and share one live result, as before viewers.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { bearer } from '../test/support/auth.js';

/** POSTs a GraphQL request as `authorization`'s viewer (none: anonymous) and returns its data; throws on errors. */
export async function post(url: string, query: string, variables: Record<string, unknown> = {}, authorization?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, { id: string }>; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

/** Options of {@link measureLatency}. */
export interface LatencyOptions {
  writeUrl: string;
  watchUrl: string;
  watchers: number;
  writes: number;
  spacingMs: number;
  /** Stop writing after this long, whatever `writes` says. */
  deadlineMs?: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number) => Math.round(n * 100) / 100;

/** Runs one measurement; resolves with the delivered count and p50/p99/max in milliseconds. */
export async function measureLatency(options: LatencyOptions) {
  // Signed with the tests' AUTH_SECRET, which test/support/serverProcess.ts starts servers with.
  const writer = await bearer('bench-writer');
  const { createDocument } = await post(options.writeUrl, 'mutation { createDocument(input: { title: "bench" }) { id } }', {}, writer);
  const id = createDocument!.id;
  await post(options.writeUrl, 'mutation($id: ID!) { setDocumentVisibility(id: $id, visibility: PUBLIC) { id } }', { id }, writer);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const clients = Array.from({ length: options.watchers }, () =>
    createClient({ url: options.watchUrl, webSocketImpl: WebSocket, retryAttempts: 0 }),
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
                if (first) {
                  first = false;
                  resolve();
                  return;
                }
                const now = performance.now();
                for (const op of (message as unknown as { patch?: { value?: unknown }[] }).patch ?? []) {
                  const sent = typeof op.value === 'string' ? sentAt.get(op.value) : undefined;
                  if (sent !== undefined) latencies.push(now - sent);
                }
              },
              error: reject,
              complete: () => {},
            },
          );
        }),
    ),
  );
  const subscribeAllMs = performance.now() - subscribedAt;
  const started = performance.now();
  for (let i = 0; i < options.writes && performance.now() - started < (options.deadlineMs ?? 120_000); i++) {
    const title = `w${i}`;
    sentAt.set(title, performance.now());
    await post(options.writeUrl, 'mutation($id: ID!, $t: String!) { updateDocument(id: $id, input: { title: $t }) { id } }', { id, t: title }, writer);
    await new Promise((resolve) => setTimeout(resolve, options.spacingMs));
  }
  const expected = sentAt.size * options.watchers;
  const waitUntil = performance.now() + 10_000;
  while (latencies.length < expected && performance.now() < waitUntil) await new Promise((r) => setTimeout(r, 10));
  await Promise.all(clients.map((c) => c.dispose()));
  const sorted = latencies.sort((a, b) => a - b);
  return {
    watchers: options.watchers,
    writes: sentAt.size,
    delivered: latencies.length,
    expected,
    subscribeAllMs: round(subscribeAllMs),
    latencyMs: { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? NaN) },
  };
}
