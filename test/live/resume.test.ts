import { buildSchema, parse, type GraphQLSchema } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { createLiveQueryEngine, type LiveQueryEngine, type LiveResumeOptions } from '../../server/live/liveQueryEngine.js';
import type { JsonObject, LiveUpdate } from '../../server/live/liveResult.js';
import { waitFor } from '../support/waitFor.js';
import { createLiveStepper, type LiveStepper } from './support/liveStepper.js';

/** Notes with an owner; `mine` reads the viewer (per-viewer groups), `notes` does not (shared). */
function fixture() {
  const notes: { id: string; text: string; owner: string }[] = [
    { id: 'n1', text: 'one', owner: 'ann' },
    { id: 'n2', text: 'two', owner: 'bob' },
  ];
  let executions = 0;
  const schema: GraphQLSchema = buildSchema(`
    directive @live(if: Boolean = true, throttle: Int) on QUERY
    type Note { id: ID! text: String! }
    type Query { notes(prefix: String): [Note!]!  mine: [Note!]! }
  `);
  const fields = schema.getQueryType()!.getFields();
  fields.notes!.resolve = (_s, args: { prefix?: string }) => {
    executions++;
    return notes.filter((n) => !args.prefix || n.text.startsWith(args.prefix)).map((n) => ({ ...n }));
  };
  fields.mine!.resolve = (_s, _a, ctx: { viewer: string }) => {
    executions++;
    const viewer = ctx.viewer;
    return notes.filter((n) => n.owner === viewer).map((n) => ({ ...n }));
  };
  return {
    schema,
    notes,
    get executions() {
      return executions;
    },
  };
}

const SECRET = new TextEncoder().encode('a resume secret of at least 32 bytes!!');
const NOTES = parse('query @live { notes { id text } }');
const MINE = parse('query @live { mine { id text } }');
const engines: LiveQueryEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.close();
});

function engineOf(f: ReturnType<typeof fixture>, resume: LiveResumeOptions = { secret: SECRET }): LiveQueryEngine {
  const engine = createLiveQueryEngine({ schema: f.schema, viewerField: 'viewer', resume });
  engines.push(engine);
  return engine;
}

/** A client: subscribes (with a token, holding a state), applies what it gets, knows its token. */
function client(engine: LiveQueryEngine, document = NOTES, viewer = 'ann', from?: { state: JsonObject | null; revision: number; token: string }) {
  const stepper: LiveStepper = createLiveStepper(from);
  const subscription = engine.subscribe(
    { document, throttleMs: 0, viewer, createContext: () => ({ viewer }), resumeToken: from?.token },
    { next: (r: number, update: LiveUpdate) => stepper.push(r, update) },
  );
  return { stepper, subscription, next: () => stepper.next() };
}

const revisions = new WeakMap<object, number>();

/** Where a client stands: what a reconnecting one brings. */
function holding(c: ReturnType<typeof client>) {
  return { state: c.stepper.state, revision: revisions.get(c) ?? 0, token: c.stepper.token! };
}

/** Takes a client's next message, remembering its revision. */
async function take(c: ReturnType<typeof client>) {
  const step = await c.next();
  revisions.set(c, step.result.revision);
  return step;
}

async function edit(f: ReturnType<typeof fixture>, engine: LiveQueryEngine, change: () => void): Promise<void> {
  const before = f.executions;
  change();
  engine.invalidate(['Query.notes', 'Query.mine']);
  await waitFor(() => f.executions > before, 3_000, 'the re-execution');
}

describe('resume (engine)', () => {
  it('every message carries a token naming the state after it', async () => {
    const f = fixture();
    const engine = engineOf(f);
    const a = client(engine);
    await take(a);
    const first = a.stepper.token!;
    expect(first.length).toBeLessThanOrEqual(64);
    expect(first).toMatch(/^a[A-Za-z0-9_-]{36}\.1$/);
    await edit(f, engine, () => (f.notes[0]!.text = 'uno'));
    await take(a);
    expect(a.stepper.token).toMatch(/\.2$/);
    expect(a.stepper.token!.slice(0, 21)).not.toBe(first.slice(0, 21));
  });

  it('on the same engine, a client gets the patches it missed as one patch under its next revision', async () => {
    const f = fixture();
    const engine = engineOf(f);
    const keeper = client(engine); // keeps the group (and its log) alive
    await take(keeper);
    const a = client(engine);
    await take(a);
    const held = holding(a);
    a.subscription.unsubscribe();
    await edit(f, engine, () => (f.notes[0]!.text = 'uno'));
    await take(keeper);
    await edit(f, engine, () => f.notes.push({ id: 'n3', text: 'three', owner: 'ann' }));
    await take(keeper);
    const back = client(engine, NOTES, 'ann', held);
    const { result, state } = await take(back);
    expect(result.revision).toBe(held.revision + 1);
    expect('patch' in result && result.patch.length).toBe(2);
    expect(state).toEqual(keeper.stepper.state);
    expect(engine.stats().resumes).toEqual({ empty: 0, patch: 1, whole: 0 });
    // …and goes on from there.
    await edit(f, engine, () => (f.notes[1]!.text = 'dos'));
    expect((await take(back)).result.revision).toBe(held.revision + 2);
    expect(back.stepper.state).toEqual((await take(keeper)).state);
  });

  it('an unchanged result is an empty patch, on another engine with the same secret (a restart) too', async () => {
    const f = fixture();
    const a = client(engineOf(f));
    await take(a);
    const held = holding(a);
    const other = engineOf(f); // another instance, or this one restarted
    const back = client(other, NOTES, 'ann', held);
    const { result, state } = await take(back);
    expect(result).toEqual({ patch: [], revision: 2 });
    expect(state).toEqual(held.state);
    expect(other.stats().resumes).toEqual({ empty: 1, patch: 0, whole: 0 });
  });

  it('a changed result on an engine that never saw the client\'s state is sent whole, as revision 1', async () => {
    const f = fixture();
    const a = client(engineOf(f));
    await take(a);
    const held = holding(a);
    f.notes[0]!.text = 'changed while away';
    const back = client(engineOf(f), NOTES, 'ann', held);
    const { result } = await take(back);
    expect(result.revision).toBe(1);
    expect('data' in result).toBe(true);
  });

  it('another secret, a forged token, or a token of another operation gets the whole result', async () => {
    const f = fixture();
    const a = client(engineOf(f));
    await take(a);
    const held = holding(a);
    const strangers = engineOf(f, { secret: new TextEncoder().encode('another secret of at least 32 bytes!!!') });
    const tampered = { ...held, token: held.token.slice(0, 5) + (held.token[5] === 'A' ? 'B' : 'A') + held.token.slice(6) };
    const cases = [
      client(strangers, NOTES, 'ann', held),
      client(engineOf(f), NOTES, 'ann', tampered),
      client(engineOf(f), parse('query @live { notes(prefix: "o") { id text } }'), 'ann', held),
      client(engineOf(f), NOTES, 'ann', { ...held, token: 'not a token' }),
    ];
    for (const c of cases) expect((await take(c)).result.revision).toBe(1);
    expect(strangers.stats().resumes).toEqual({ empty: 0, patch: 0, whole: 1 });
  });

  it("another viewer's token of a per-viewer result gets the whole result, of its own data", async () => {
    const f = fixture();
    const engine = engineOf(f);
    const ann = client(engine, MINE, 'ann');
    await take(ann);
    const held = holding(ann);
    const bob = client(engine, MINE, 'bob', held);
    const { result, state } = await take(bob);
    expect(result.revision).toBe(1);
    expect(state).toEqual({ mine: [{ id: 'n2', text: 'two' }] });
    // Ann herself resumes.
    const annAgain = client(engine, MINE, 'ann', held);
    expect((await take(annAgain)).result).toEqual({ patch: [], revision: 2 });
  });

  it('the log is bounded: a client further behind than it reaches gets the whole result', async () => {
    const f = fixture();
    const engine = engineOf(f, { secret: SECRET, logEntries: 2 });
    const keeper = client(engine);
    await take(keeper);
    const held = holding(keeper);
    for (const text of ['x', 'y', 'z']) {
      await edit(f, engine, () => (f.notes[0]!.text = text));
      await take(keeper);
    }
    expect((await take(client(engine, NOTES, 'ann', held))).result.revision).toBe(1);
  });
});
