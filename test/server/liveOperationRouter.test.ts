import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { http, messageText, initMessage } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { createQueue, waitFor, withTimeout } from '../support/waitFor.js';
import { withToken } from '../support/resumeToken.js';

let t: TestServer;
let docId: string;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  t = await startTestServer({ seed: false });
  const created = await http(t.server.httpUrl, 'mutation { createDocument(input: { title: "Routed" }) { id } }');
  docId = (created.body.data?.createDocument as { id: string }).id;
});
afterAll(async () => {
  await t.dispose();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await waitFor(() => t.server.engine.stats().groups === 0, 5_000, 'every group to be released');
});

const LIVE = 'query($id: ID!) @live { document(id: $id) { title } }';

/** An acknowledged raw socket: its messages in a queue, and how it closed. */
async function ackedSocket() {
  const socket = new WebSocket(t.server.wsUrl, 'graphql-transport-ws');
  sockets.push(socket);
  const messages = createQueue<Record<string, unknown>>();
  socket.on('message', (data) => messages.push(JSON.parse(messageText(data)) as Record<string, unknown>));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(await initMessage());
  expect(await messages.take(5_000, 'connection_ack')).toEqual({ type: 'connection_ack' });
  const subscribe = (id: string, query: string, variables?: Record<string, unknown>) =>
    socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
  return { socket, messages, subscribe, closed: withTimeout(closed, 5_000, 'socket close') };
}

describe('live operations served beside graphql-ws', () => {
  it('a live query is served, and the client completing it frees its group without a reply', async () => {
    const s = await ackedSocket();
    s.subscribe('a', LIVE, { id: docId });
    expect(await s.messages.take()).toEqual({
      id: 'a',
      type: 'next',
      payload: withToken({ data: { document: { title: 'Routed' } }, revision: 1 }),
    });
    expect(t.server.engine.stats()).toMatchObject({ groups: 1, subscribers: 1 });
    s.socket.send(JSON.stringify({ id: 'a', type: 'complete' }));
    await waitFor(() => t.server.engine.stats().groups === 0, 5_000, 'the group to be released');
    // The id is free again, and ordinary queries still go through graphql-ws on the same socket.
    s.subscribe('a', 'query($id: ID!) { document(id: $id) { title } }', { id: docId });
    expect(await s.messages.take()).toEqual({ id: 'a', type: 'next', payload: { data: { document: { title: 'Routed' } } } });
    expect(await s.messages.take()).toEqual({ id: 'a', type: 'complete' });
    expect(s.messages.pending).toEqual([]);
  });

  it('ids are unique across live and ordinary operations: a reuse closes with 4409', async () => {
    const s = await ackedSocket();
    s.subscribe('x', LIVE, { id: docId });
    await s.messages.take();
    s.subscribe('x', '{ documents { nodes { id } } }');
    expect(await s.closed).toEqual({ code: 4409, reason: 'Subscriber for x already exists' });
  });

  it('a live query with the id of an operation graphql-ws still holds closes with 4409', async () => {
    const s = await ackedSocket();
    // Sent together, read together: graphql-ws holds 'y' (its query still executing) when 'y' comes again.
    s.subscribe('y', 'query($id: ID!) { document(id: $id) { title } }', { id: docId });
    s.subscribe('y', LIVE, { id: docId });
    expect(await s.closed).toEqual({ code: 4409, reason: 'Subscriber for y already exists' });
    expect(t.server.engine.stats().subscribers).toBe(0);
  });

  it('live queries with errors are answered by graphql-ws as before', async () => {
    const s = await ackedSocket();
    s.subscribe('bad', LIVE, {}); // missing variable
    const error = await s.messages.take();
    expect(error).toMatchObject({ id: 'bad', type: 'next', payload: { errors: [{ message: expect.stringContaining('$id') }] } });
    expect(await s.messages.take()).toEqual({ id: 'bad', type: 'complete' });
    s.subscribe('invalid', 'query @live { nope }');
    expect(await s.messages.take()).toMatchObject({ id: 'invalid', type: 'error' });
    // graphql-ws finished both: their ids can be used again.
    s.subscribe('bad', LIVE, { id: docId });
    expect(await s.messages.take()).toMatchObject({ id: 'bad', type: 'next', payload: { revision: 1 } });
  });

  it('closing the socket ends every live query on it', async () => {
    const s = await ackedSocket();
    for (let i = 0; i < 3; i++) s.subscribe(`q${i}`, LIVE, { id: docId });
    for (let i = 0; i < 3; i++) await s.messages.take();
    expect(t.server.engine.stats().subscribers).toBe(3);
    s.socket.close();
    await waitFor(() => t.server.engine.stats().subscribers === 0, 5_000, 'the subscribers to be released');
  });
});
