/**
 * Talks to a server process's inspector (the server is started with `--inspect=127.0.0.1:0`): forces
 * full garbage collections before memory readings, and records CPU profiles of just the update
 * phase. A session is opened only for that and closed right after.
 */
import WebSocket from 'ws';

/** An open inspector session. */
export interface InspectorSession {
  /** Sends a DevTools protocol command and resolves with its result. */
  call(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): void;
}

/** Opens a session on `inspectorUrl`; each call fails after `timeoutMs`. */
export function openInspector(inspectorUrl: string, timeoutMs = 60_000): Promise<InspectorSession> {
  const socket = new WebSocket(inspectorUrl, { perMessageDeflate: false, maxPayload: 1024 * 1024 * 1024 });
  let nextId = 1;
  const pending = new Map<number, { resolve(result: Record<string, unknown>): void; reject(error: Error): void }>();
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
    if (message.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(message.error.message));
    else waiter?.resolve(message.result ?? {});
  });
  socket.on('close', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('inspector session closed'));
    pending.clear();
  });
  const session: InspectorSession = {
    call(method, params) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`inspector: ${method} did not answer within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (result) => {
            clearTimeout(timer);
            resolve(result);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(session));
    socket.once('error', reject);
  });
}

/** Runs two full GCs in the process behind `inspectorUrl`; resolves with its V8 heap used afterwards. */
export async function collectGarbage(inspectorUrl: string): Promise<number> {
  const session = await openInspector(inspectorUrl);
  try {
    await session.call('HeapProfiler.collectGarbage');
    await session.call('HeapProfiler.collectGarbage');
    const usage = await session.call('Runtime.getHeapUsage');
    return Number(usage.usedSize);
  } finally {
    session.close();
  }
}

/** A running CPU profile; `stop()` resolves with the `.cpuprofile` JSON text. */
export interface CpuProfileRecording {
  stop(): Promise<string>;
}

/** Starts the V8 sampling profiler in the process behind `inspectorUrl`. */
export async function startCpuProfile(inspectorUrl: string, samplingIntervalUs = 500): Promise<CpuProfileRecording> {
  const session = await openInspector(inspectorUrl);
  await session.call('Profiler.enable');
  await session.call('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
  await session.call('Profiler.start');
  return {
    async stop() {
      try {
        const { profile } = await session.call('Profiler.stop');
        await session.call('Profiler.disable');
        return JSON.stringify(profile);
      } finally {
        session.close();
      }
    },
  };
}
