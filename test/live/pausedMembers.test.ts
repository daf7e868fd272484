import { buildSchema, parse, type GraphQLSchema } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { diffResult } from '../../server/live/diffResult.js';
import { createLiveQueryEngine, type LiveQueryEngine, type LiveSubscription } from '../../server/live/liveQueryEngine.js';
import { type LiveUpdate } from '../../server/live/liveResult.js';
import { waitFor } from '../support/waitFor.js';
import { createLiveStepper } from './support/liveStepper.js';

/** A counter and a list of items over plain variables; every execution reads them afresh. */
function fixture() {
  const state = { counter: 0, items: ['a', 'b'] };
  let executions = 0;
  const schema: GraphQLSchema = buildSchema(`
    directive @live(if: Boolean = true, throttle: Int) on QUERY
    type Query { counter: Int!  items: [String!]! }
  `);
  const query = schema.getQueryType()!.getFields();
  query.counter!.resolve = () => {
    executions++;
    return state.counter;
  };
  query.items!.resolve = () => [...state.items];
  return {
    schema,
    state,
    get executions() {
      return executions;
    },
  };
}

/**
 * A subscriber whose client can stop reading: while `reading` is false, `next` answers false (not
 * written), as a transport over its watermark does. It applies what it takes and checks revisions.
 */
function slowSubscriber() {
  const stepper = createLiveStepper();
  const s = {
    reading: true,
    refused: 0,
    subscription: undefined as LiveSubscription | undefined,
    sink: {
      next: (r: number, update: LiveUpdate): boolean => {
        if (!s.reading) {
          s.refused++;
          return false;
        }
        stepper.push(r, update);
        return true;
      },
    },
    get pending() {
      return stepper.pending;
    },
    get state() {
      return stepper.state;
    },
    next: () => stepper.next(),
  };
  return s;
}

const query = parse('query @live { counter items }');
let engine: LiveQueryEngine | undefined;
afterEach(() => engine?.close());

/** Changes the data, invalidates, and waits until the engine executed for it. */
async function change(f: ReturnType<typeof fixture>, edit: () => void): Promise<void> {
  const before = f.executions;
  edit();
  engine!.invalidate(['Query.counter']);
  await waitFor(() => f.executions > before, 3_000, 'the re-execution');
  await new Promise((resolve) => setImmediate(resolve)); // its publish runs right after the execution resolves
}

describe('paused members (slow clients)', () => {
  it('receive nothing while paused, then one patch from what they hold to the latest state', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    const slow = slowSubscriber();
    const fast = slowSubscriber();
    slow.subscription = engine.subscribe({ document: query, throttleMs: 0 }, slow.sink);
    engine.subscribe({ document: query, throttleMs: 0 }, fast.sink);
    const held = (await slow.next()).state;
    await fast.next();

    slow.reading = false;
    for (let i = 1; i <= 5; i++) {
      await change(f, () => {
        f.state.counter = i;
        f.state.items = i % 2 ? ['b', 'a', `c${i}`] : ['a', 'b'];
      });
      expect((await fast.next()).result.revision).toBe(i + 1);
    }
    // Offered the first update only; nothing after it was even tried.
    expect(slow.refused).toBe(1);
    expect(slow.pending).toBe(0);
    expect(engine.stats()).toMatchObject({ pausedSubscribers: 1, heldResults: 1 });

    slow.reading = true;
    slow.subscription.resume();
    const { result, state } = await slow.next();
    expect(result).toEqual({ patch: diffResult(held, fast.state), revision: 2 });
    expect(state).toEqual(fast.state);
    expect(state).toEqual({ counter: 5, items: ['b', 'a', 'c5'] });
    expect(engine.stats()).toMatchObject({ pausedSubscribers: 0, heldResults: 0 });

    // It goes on with the others: its next revision is 3.
    await change(f, () => (f.state.counter = 6));
    expect((await slow.next()).result).toMatchObject({ revision: 3, patch: [{ op: 'replace', path: '/counter', value: 6 }] });
    expect(slow.state).toEqual((await fast.next()).state);
  });

  it('gets nothing on resume when the state it holds is the latest, and pauses again on a refused catch-up', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    const slow = slowSubscriber();
    slow.subscription = engine.subscribe({ document: query, throttleMs: 0 }, slow.sink);
    await slow.next();
    slow.reading = false;
    await change(f, () => (f.state.counter = 1));
    await change(f, () => (f.state.counter = 0)); // back to what it holds
    slow.reading = true;
    slow.subscription.resume();
    expect(slow.pending).toBe(0);
    expect(engine.stats().pausedSubscribers).toBe(0);
    // Its revisions go on from what it received (1), though the group published twice meanwhile.
    await change(f, () => (f.state.counter = 2));
    expect((await slow.next()).result).toMatchObject({ revision: 2 });

    slow.reading = false;
    await change(f, () => (f.state.counter = 3));
    slow.subscription.resume(); // still not reading: the catch-up patch is refused, it stays paused
    expect(engine.stats()).toMatchObject({ pausedSubscribers: 1, heldResults: 1 });
    slow.reading = true;
    slow.subscription.resume();
    expect((await slow.next()).result).toMatchObject({ revision: 3, patch: [{ op: 'replace', path: '/counter', value: 3 }] });
  });

  it('members pausing on the same update share the one result they hold', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    const slow = Array.from({ length: 20 }, () => slowSubscriber());
    for (const s of slow) s.subscription = engine.subscribe({ document: query, throttleMs: 0 }, s.sink);
    for (const s of slow) await s.next();
    for (const s of slow) s.reading = false;
    for (let i = 1; i <= 10; i++) await change(f, () => (f.state.counter = i));
    expect(engine.stats()).toMatchObject({ pausedSubscribers: 20, heldResults: 1 });
    for (const s of slow) {
      s.reading = true;
      s.subscription!.resume();
      expect((await s.next()).result).toEqual({ patch: [{ op: 'replace', path: '/counter', value: 10 }], revision: 2 });
    }
  });

  it('a member paused before its first result gets the whole state as revision 1 on resume', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    const slow = slowSubscriber();
    slow.reading = false;
    slow.subscription = engine.subscribe({ document: query, throttleMs: 0 }, slow.sink);
    await waitFor(() => slow.refused === 1, 3_000, 'the first result to be offered');
    await change(f, () => (f.state.counter = 7));
    slow.reading = true;
    slow.subscription.resume();
    expect((await slow.next()).result).toEqual({ data: { counter: 7, items: ['a', 'b'] }, revision: 1 });
  });

  it('unsubscribing while paused leaves nothing behind, and a late resume sends nothing', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    const slow = slowSubscriber();
    const other = slowSubscriber();
    slow.subscription = engine.subscribe({ document: query, throttleMs: 0 }, slow.sink);
    const otherSubscription = engine.subscribe({ document: query, throttleMs: 0 }, other.sink);
    await slow.next();
    await other.next();
    slow.reading = false;
    await change(f, () => (f.state.counter = 1));
    await other.next();
    slow.subscription.unsubscribe();
    expect(engine.stats()).toMatchObject({ subscribers: 1, pausedSubscribers: 0, heldResults: 0 });
    slow.reading = true;
    slow.subscription.resume();
    await change(f, () => (f.state.counter = 2));
    await other.next();
    expect(slow.pending).toBe(0);
    otherSubscription.unsubscribe();
    expect(engine.stats()).toMatchObject({ groups: 0, subscribers: 0, indexedKeys: 0, pendingTimers: 0 });
  });
});

describe('a paused member whose group turns out to depend on the viewer', () => {
  it('moves to its own group still paused, and on resume gets one patch to its own result', async () => {
    const note = { text: 'hello', owner: 'ann', public: true };
    const schema = buildSchema(`
      directive @live(if: Boolean = true, throttle: Int) on QUERY
      type Note { text: String! }
      type Query { note: Note }
    `);
    schema.getQueryType()!.getFields().note!.resolve = (_s, _a, ctx: { viewer: string }) =>
      note.public || note.owner === ctx.viewer ? { text: note.text } : null;
    engine = createLiveQueryEngine({ schema, viewerField: 'viewer' });
    const request = (viewer: string) => ({ document: parse('query @live { note { text } }'), throttleMs: 0, viewer, createContext: () => ({ viewer }) });
    const ann = slowSubscriber();
    const bob = slowSubscriber();
    engine.subscribe(request('ann'), ann.sink);
    bob.subscription = engine.subscribe(request('bob'), bob.sink);
    expect((await ann.next()).state).toEqual({ note: { text: 'hello' } });
    expect((await bob.next()).state).toEqual({ note: { text: 'hello' } });
    expect(engine.stats().groups).toBe(1);

    bob.reading = false;
    note.text = 'hello again';
    engine.invalidate(['Query.note']);
    await ann.next();
    expect(engine.stats()).toMatchObject({ pausedSubscribers: 1 });
    note.public = false; // now the result reads the viewer: one group per viewer
    note.text = 'secret';
    engine.invalidate(['Query.note']);
    expect((await ann.next()).state).toEqual({ note: { text: 'secret' } });
    await waitFor(() => engine!.stats().groups === 2, 3_000, 'bob to have a group of his own');
    expect(engine.stats()).toMatchObject({ pausedSubscribers: 1, heldResults: 1 });
    expect(bob.pending).toBe(0);

    bob.reading = true;
    bob.subscription.resume();
    await waitFor(() => bob.pending > 0, 3_000, "bob's own group to have a result");
    // From what bob has ('hello') to bob's own result (null): never ann's 'secret'.
    expect(await bob.next()).toMatchObject({ result: { revision: 2, patch: [{ op: 'replace', path: '/note', value: null }] }, state: { note: null } });
    expect(engine.stats()).toMatchObject({ pausedSubscribers: 0, heldResults: 0 });
  });
});
