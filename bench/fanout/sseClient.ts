/**
 * A light GraphQL over SSE client (distinct connections mode, docs/protocol.md "Live queries over
 * SSE") for thousands of benchmark watchers in one process: each live query is one POST with
 * `accept: text/event-stream` on its own HTTP/1.1 connection, read incrementally as events arrive.
 * No agent: Node's default one pools connections and its socket limit would queue streams behind
 * each other. Like the graphql-ws client beside it, it hands each `next` after the first over as
 * text without parsing it, unless its listener wants every one parsed (the sample client).
 */
import http from 'node:http';
import type { LiveSocket, NextPayload, SocketListener } from './liveSocket.js';

/** One parsed event: its name (`message` when it has none) and its data lines joined. */
interface SseEvent {
  event: string;
  data: string;
}

/**
 * Parses one event block (the text between blank lines; the server ends lines with LF alone, see
 * server/transport/sse/eventStream.ts). Null for a block of comments only (a heartbeat).
 */
export function parseSseEvent(block: string): SseEvent | null {
  let event = 'message';
  const data: string[] = [];
  let fields = 0;
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(line[colon + 1] === ' ' ? colon + 2 : colon + 1);
    fields++;
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return fields === 0 ? null : { event, data: data.join('\n') };
}

/**
 * Splits a stream's text into event blocks as chunks arrive: `push` returns the blocks a chunk
 * completed, keeping a partial one for the next chunk.
 */
export function createEventSplitter(): { push(chunk: string): string[] } {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk;
      const blocks: string[] = [];
      let start = 0;
      for (let end = pending.indexOf('\n\n'); end !== -1; end = pending.indexOf('\n\n', start)) {
        blocks.push(pending.slice(start, end));
        start = end + 2;
      }
      pending = pending.slice(start);
      return blocks;
    },
  };
}

/** What one stream hands back to its client. */
interface StreamHooks {
  listener: SocketListener;
  problems: string[];
  requests: Set<http.ClientRequest>;
  authorization: string | undefined;
  timeoutMs: number;
}

/**
 * Opens the stream of live query `id`; resolves on its first `next` (its subscription is live),
 * rejects on a refusal (any status but 200), a `complete` or the end of the connection before it.
 */
function openStream(
  url: string,
  id: string,
  body: string,
  hooks: StreamHooks,
): Promise<void> {
  const { listener, problems } = hooks;
  const parseAll = listener.onParsedNext !== undefined;
  return new Promise<void>((resolve, reject) => {
    let live = false;
    let settled = false;
    const req = http.request(url, {
      method: 'POST',
      agent: false,
      headers: {
        accept: 'text/event-stream',
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        ...(hooks.authorization && { authorization: hooks.authorization }),
      },
    });
    hooks.requests.add(req);
    const timer = setTimeout(() => fail(new Error(`no first event within ${hooks.timeoutMs} ms`)), hooks.timeoutMs);

    function fail(error: Error): void {
      clearTimeout(timer);
      hooks.requests.delete(req);
      if (!settled) {
        settled = true;
        reject(error);
      } else if (!req.destroyed) {
        problems.push(`stream ${id}: ${error.message}`);
      }
      req.destroy();
    }

    function onEvent(block: string): void {
      const bytes = Buffer.byteLength(block) + 2;
      // Fast path: the stream is live and this is a `next`: its data line is all the generator reads.
      if (live && !parseAll && block.startsWith('event: next\n')) {
        const at = block.indexOf('\ndata: ');
        return listener.onUpdate(at === -1 ? block : block.slice(at + 7), bytes);
      }
      const event = parseSseEvent(block);
      if (!event) return;
      if (event.event !== 'next') {
        const detail = `${event.event} event: ${event.data.slice(0, 200)}`;
        return event.event === 'complete' ? fail(new Error(`stream ${id} completed`)) : void problems.push(detail);
      }
      let payload: NextPayload;
      try {
        payload = JSON.parse(event.data) as NextPayload;
      } catch {
        problems.push(`stream ${id}: data is not JSON: ${event.data.slice(0, 80)}`);
        return;
      }
      listener.onParsedNext?.(id, payload, bytes);
      if (live) return listener.onUpdate(event.data, bytes);
      live = true;
      settled = true;
      clearTimeout(timer);
      resolve();
    }

    req.on('response', (res) => {
      res.setEncoding('utf8');
      if (res.statusCode !== 200) {
        let text = '';
        res.on('data', (chunk: string) => (text = (text + chunk).slice(0, 400)));
        res.on('end', () => fail(new Error(`HTTP ${res.statusCode}: ${text}`)));
        return;
      }
      const splitter = createEventSplitter();
      res.on('data', (chunk: string) => {
        for (const block of splitter.push(chunk)) onEvent(block);
      });
      res.on('close', () => fail(new Error('stream ended')));
    });
    req.on('error', (error) => fail(error));
    req.end(body);
  });
}

/**
 * A client whose every subscription is its own event stream (as a browser's are): the SSE
 * counterpart of {@link openLiveSocket}'s socket, signed in with `authorization` (`Bearer <jwt>`)
 * when given. Nothing is opened before the first subscribe.
 */
export function openSseClient(httpUrl: string, listener: SocketListener, authorization?: string, timeoutMs = 30_000): LiveSocket {
  const hooks: StreamHooks = { listener, problems: [], requests: new Set(), authorization, timeoutMs };
  return {
    problems: hooks.problems,
    subscribe(id, query, variables) {
      return openStream(httpUrl, id, JSON.stringify({ query, variables }), hooks);
    },
    close() {
      const open = [...hooks.requests];
      hooks.requests.clear();
      for (const req of open) req.destroy();
    },
  };
}
