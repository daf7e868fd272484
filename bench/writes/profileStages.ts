/**
 * Where a CPU profile's time goes along the write path: each sample is given to the stage of the
 * innermost frame of its stack that names one (PGlite, the engine, the resolvers, …); graphql-js and
 * HTTP frames count only where no such frame is on the stack (graphql-js runs both the mutation and the
 * engine's re-runs). Asynchronous continuations start from the event loop, so a statement's completion
 * counts where it resumes.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Time of one stage. */
export interface StageTime {
  stage: string;
  ms: number;
  percent: number;
}

/** Stages named by the innermost matching frame. */
const STRONG: readonly [RegExp, string][] = [
  [/@electric-sql\/pglite|^wasm:|server\/db\//, 'PGlite: statements and commits (WebAssembly and its JS)'],
  [/node_modules\/jose\/|server\/graphql\/auth\//, 'token verification (jose)'],
  [/server\/live\//, 'engine: invalidation, re-run, diff, patch'],
  [/server\/invalidation\/|server\/store\/(ownWrites|storeWrites)/, 'change feed'],
  [/node_modules\/ws\/|server\/transport\/ws\//, 'sending patches (ws)'],
  [/server\/graphql\/|server\/store\//, 'resolvers, access checks, store (JS)'],
  [/node_modules\/pg\//, 'pg driver'],
];

/** Stages named only when no strong frame is on the stack. */
const WEAK: readonly [RegExp, string][] = [
  [/server\/transport\/http\/|graphql-yoga|@whatwg-node|node:_http|node:http|node:net/, 'HTTP: request, body, answer'],
  [/node_modules\/graphql\//, 'graphql-js: variables, execution'],
  [/node_modules\/dataloader\//, 'dataloader'],
];

function match(rules: readonly [RegExp, string][], url: string): string | undefined {
  return rules.find(([pattern]) => pattern.test(url))?.[1];
}

/** The busy time of `file` by stage, largest first. */
export function profileStages(file: string): StageTime[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const byStage = new Map<string, number>();
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0;
    const leaf = frames.get(id);
    if (!leaf || leaf.functionName === '(idle)') return;
    busyUs += us;
    let stage: string | undefined;
    let weak: string | undefined;
    if (leaf.functionName === '(garbage collector)') stage = 'garbage collection';
    for (let at: number | undefined = id; at !== undefined && stage === undefined; at = parents.get(at)) {
      const url = frames.get(at)?.url ?? '';
      stage = match(STRONG, url);
      weak ??= match(WEAK, url);
    }
    const name = stage ?? weak ?? 'other: event loop, streams, timers';
    byStage.set(name, (byStage.get(name) ?? 0) + us);
  });
  return [...byStage.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([stage, us]) => ({ stage, ms: Math.round(us / 100) / 10, percent: Math.round((us / busyUs) * 1000) / 10 }));
}
