/**
 * `npm start` runs the server compiled to build/ on plain node: the compiled code must find the
 * schema and the web client, serve, push live updates and shut down cleanly like the sources do.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, mutate, subscribeLive, wsClient } from '../support/clients.js';
import { COMPILED_SERVER_ENTRY, startServerProcess, type ServerProcess } from '../support/serverProcess.js';

describe('the compiled server (npm start)', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    await promisify(execFile)(path.join('node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json']);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'livedoc-compiled-'));
    server = await startServerProcess({ DATA_DIR: dataDir, SEED: 'true', NODE_ENV: 'production' }, 60_000, { entry: COMPILED_SERVER_ENTRY });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the seeded data and live updates, and exits 0 on SIGTERM', async () => {
    const { body } = await http(server!.httpUrl, '{ document(id: "welcome") { id title } }');
    expect(body.data?.document).toMatchObject({ id: 'welcome' });
    const client = wsClient(server!.wsUrl);
    const live = subscribeLive(client, 'query @live { document(id: "welcome") { title } }');
    await live.next();
    await mutate(server!.httpUrl, 'mutation { updateDocument(id: "welcome", input: { title: "Compiled" }) { id } }');
    await live.next();
    expect(live.state).toEqual({ document: { title: 'Compiled' } });
    await client.dispose();
    expect(await server!.stop()).toBe(0);
  });
});
