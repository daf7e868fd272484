import { buildSchema, parse, print, type GraphQLSchema } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { createLiveQueryEngine, type LiveQueryEngine } from '../../server/live/liveQueryEngine.js';
import { type JsonObject, type LiveUpdate } from '../../server/live/liveResult.js';
import { createLiveStepper } from './support/liveStepper.js';

interface Item {
  id: string;
  name: string;
}

/** A tiny schema over a Map, with a gate to hold executions mid-flight. */
function fixture() {
  const items = new Map<string, Item>([
    ['a', { id: 'a', name: 'A' }],
    ['b', { id: 'b', name: 'B' }],
  ]);
  let gate: Promise<void> | undefined;
  let executions = 0;
  const schema: GraphQLSchema = buildSchema(`
    directive @live(if: Boolean = true, throttle: Int) on QUERY
    type Item { id: ID! name: String! }
    type Query { item(id: ID!): Item  items: [Item!]! }
  `);
  const query = schema.getQueryType()!.getFields();
  query.item!.resolve = async (_s, args: { id: string }) => {
    executions++;
    const snapshot = items.get(args.id);
    const copy = snapshot ? { ...snapshot } : null; // read before the gate: a held execution sees old data
    await gate;
    return copy;
  };
  query.items!.resolve = async () => {
    executions++;
    const snapshot = [...items.values()].map((item) => ({ ...item }));
    await gate;
    return snapshot;
  };
  return {
    schema,
    items,
    get executions() {
      return executions;
    },
    hold() {
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

function subscriber() {
  const stepper = createLiveStepper();
  return {
    stepper,
    sink: { next: (revision: number, update: LiveUpdate) => stepper.push(revision, update) },
    /** Takes the next result, checks its revision, applies it, returns the state. */
    next: () => stepper.next(),
  };
}

const itemsQuery = parse('query @live { items { id name } }');
let engine: LiveQueryEngine | undefined;
afterEach(() => engine?.close());

describe('live query engine', () => {
  it('sends the first result as revision 1, then one patch per change', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    const s = subscriber();
    engine.subscribe({ document: itemsQuery, throttleMs: 0 }, s.sink);
    expect((await s.next()).state).toEqual({ items: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }] });
    f.items.get('b')!.name = 'B2';
    engine.invalidate(['Item:b']);
    const { result, state } = await s.next();
    expect(result).toEqual({ patch: [{ op: 'replace', path: '/items/1/name', value: 'B2' }], revision: 2 });
    expect(state).toEqual({ items: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B2' }] });
  });

  it('identical queries share one group and one execution per invalidation', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    const subs = [subscriber(), subscriber(), subscriber()];
    for (const s of subs) engine.subscribe({ document: itemsQuery, throttleMs: 0 }, s.sink);
    for (const s of subs) await s.next();
    expect(engine.stats()).toMatchObject({ groups: 1, subscribers: 3 });
    const before = f.executions;
    f.items.set('c', { id: 'c', name: 'C' });
    engine.invalidate(['Query.items']);
    const patches = await Promise.all(subs.map((s) => s.next()));
    expect(f.executions - before).toBe(1);
    // The very same patch object reaches every member.
    const first = patches[0]!.result as { patch: unknown };
    for (const p of patches) expect((p.result as { patch: unknown }).patch).toBe(first.patch);
  });

  it('a late joiner starts at revision 1 with the current state, earlier members continue', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    const early = subscriber();
    engine.subscribe({ document: itemsQuery, throttleMs: 0 }, early.sink);
    await early.next();
    f.items.get('a')!.name = 'A2';
    engine.invalidate(['Item:a']);
    await early.next();
    const late = subscriber();
    engine.subscribe({ document: itemsQuery, throttleMs: 0 }, late.sink);
    expect((await late.next()).state).toEqual({ items: [{ id: 'a', name: 'A2' }, { id: 'b', name: 'B' }] });
    f.items.delete('a');
    engine.invalidate(['Item:a']);
    const [e, l] = await Promise.all([early.next(), late.next()]);
    expect(e.result.revision).toBe(3);
    expect(l.result.revision).toBe(2);
    expect(e.state).toEqual(l.state);
  });

  it('a query that returned null goes live when the object is created', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    const s = subscriber();
    engine.subscribe({ document: parse('query @live { item(id: "z") { id name } }'), throttleMs: 0 }, s.sink);
    expect((await s.next()).state).toEqual({ item: null });
    f.items.set('z', { id: 'z', name: 'Z' });
    engine.invalidate(['Query.item(id:"z")']);
    expect((await s.next()).state).toEqual({ item: { id: 'z', name: 'Z' } });
  });

  it('coalesces invalidations that arrive together into one execution', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    const s = subscriber();
    engine.subscribe({ document: itemsQuery, throttleMs: 0 }, s.sink);
    await s.next();
    const before = f.executions;
    for (let i = 0; i < 50; i++) {
      f.items.get('a')!.name = `A${i}`;
      engine.invalidate(['Item:a', 'Item:b']);
    }
    const { result } = await s.next();
    expect(result).toEqual({ patch: [{ op: 'replace', path: '/items/0/name', value: 'A49' }], revision: 2 });
    expect(f.executions - before).toBe(1);
  });

  it('an execution overtaken by a newer invalidation never publishes its stale result', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    const s = subscriber();
    engine.subscribe({ document: itemsQuery, throttleMs: 0 }, s.sink);
    await s.next();
    const release = f.hold();
    f.items.get('a')!.name = 'stale';
    engine.invalidate(['Item:a']);
    await expect.poll(() => engine!.stats().executions).toBe(2); // the first re-run is in flight
    f.items.get('a')!.name = 'fresh';
    engine.invalidate(['Item:a']);
    release();
    const { result, state } = await s.next();
    expect(state).toEqual({ items: [{ id: 'a', name: 'fresh' }, { id: 'b', name: 'B' }] });
    expect(result.revision).toBe(2);
    expect(engine.stats().executions).toBe(3);
  });

  it('a write landing during a first execution, after it read the old value, is not lost', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    const release = f.hold();
    const s = subscriber();
    engine.subscribe({ document: itemsQuery, throttleMs: 0 }, s.sink);
    await expect.poll(() => f.executions).toBe(1); // the first execution has read the items and waits
    f.items.get('a')!.name = 'written meanwhile';
    engine.invalidate(['Item:a']); // nobody is indexed under Item:a yet
    release();
    expect((await s.next()).state).toEqual({ items: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }] });
    expect((await s.next()).state).toEqual({ items: [{ id: 'a', name: 'written meanwhile' }, { id: 'b', name: 'B' }] });
  });

  it('throttle bounds the update rate and still delivers the last change', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    const s = subscriber();
    engine.subscribe({ document: parse('query @live(throttle: 100) { items { id name } }'), throttleMs: 100 }, s.sink);
    await s.next();
    const started = performance.now();
    let i = 0;
    const writer = setInterval(() => {
      f.items.get('a')!.name = `A${++i}`;
      engine!.invalidate(['Item:a']);
      if (i === 40) clearInterval(writer);
    }, 5);
    const times: number[] = [];
    let state: JsonObject | null = null;
    while (!state || (state.items as unknown as Item[])[0]!.name !== 'A40') {
      ({ state } = await s.next());
      times.push(performance.now());
    }
    const elapsed = performance.now() - started;
    // At most one update per 100 ms window (plus the first, unthrottled one).
    expect(times.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 1);
    for (let k = 1; k < times.length; k++) expect(times[k]! - times[k - 1]!).toBeGreaterThanOrEqual(95);
  });

  it('unsubscribing the last member releases the group, its keys and its timers', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    const s1 = subscriber();
    const s2 = subscriber();
    const stop1 = engine.subscribe({ document: itemsQuery, throttleMs: 0 }, s1.sink);
    const stop2 = engine.subscribe({ document: parse('query @live(throttle: 5000) { item(id: "a") { id } }'), throttleMs: 5000 }, s2.sink);
    await s1.next();
    await s2.next();
    engine.invalidate(['Item:a']); // s2's group now waits on a throttle timer
    await expect.poll(() => engine!.stats().pendingTimers).toBe(1);
    stop1.unsubscribe();
    stop2.unsubscribe();
    stop2.unsubscribe();
    expect(engine.stats()).toMatchObject({ groups: 0, subscribers: 0, indexedKeys: 0, pendingTimers: 0 });
    engine.invalidate(['Item:a', 'Query.items']);
    expect(engine.stats().pendingTimers).toBe(0);
  });

  it('a lone member becomes one of many and back: each keeps its revisions, the last one out frees the group', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    const first = subscriber();
    const stopFirst = engine.subscribe({ document: itemsQuery, throttleMs: 0 }, first.sink);
    await first.next(); // held inline while alone
    const second = subscriber();
    const third = subscriber();
    const stopSecond = engine.subscribe({ document: itemsQuery, throttleMs: 0 }, second.sink);
    const stopThird = engine.subscribe({ document: itemsQuery, throttleMs: 0 }, third.sink);
    await Promise.all([second.next(), third.next()]);
    expect(engine.stats()).toMatchObject({ groups: 1, subscribers: 3 });
    stopFirst.unsubscribe();
    stopThird.unsubscribe();
    f.items.get('a')!.name = 'A2';
    engine.invalidate(['Item:a']);
    const { result, state } = await second.next(); // alone again, in the upgraded group
    expect(result.revision).toBe(2);
    expect(state).toEqual({ items: [{ id: 'a', name: 'A2' }, { id: 'b', name: 'B' }] });
    expect(first.stepper.pending).toBe(0);
    expect(third.stepper.pending).toBe(0);
    stopSecond.unsubscribe();
    expect(engine.stats()).toMatchObject({ groups: 0, subscribers: 0, indexedKeys: 0, pendingTimers: 0 });
  });

  it('groups of different variables on one document share nothing but the document', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    const itemQuery = parse('query Item($id: ID!) @live { item(id: $id) { id name } }');
    const a = subscriber();
    const b = subscriber();
    const stopA = engine.subscribe({ document: itemQuery, variables: { id: 'a' }, throttleMs: 0 }, a.sink);
    const stopB = engine.subscribe({ document: itemQuery, variables: { id: 'b' }, throttleMs: 0 }, b.sink);
    // The same text parsed again (no parser cache) joins the same groups.
    const again = subscriber();
    const stopAgain = engine.subscribe({ document: parse(print(itemQuery)), variables: { id: 'a' }, throttleMs: 0 }, again.sink);
    expect((await a.next()).state).toEqual({ item: { id: 'a', name: 'A' } });
    expect((await b.next()).state).toEqual({ item: { id: 'b', name: 'B' } });
    expect((await again.next()).state).toEqual({ item: { id: 'a', name: 'A' } });
    expect(engine.stats()).toMatchObject({ groups: 2, subscribers: 3 });
    f.items.get('b')!.name = 'B2';
    engine.invalidate(['Item:b']);
    expect((await b.next()).state).toEqual({ item: { id: 'b', name: 'B2' } });
    expect(a.stepper.pending).toBe(0);
    stopA.unsubscribe();
    stopAgain.unsubscribe();
    stopB.unsubscribe();
    expect(engine.stats()).toMatchObject({ groups: 0, subscribers: 0, indexedKeys: 0 });
  });

  it('close completes every subscriber', () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema });
    let completed = 0;
    engine.subscribe({ document: itemsQuery, throttleMs: 0 }, { next() {}, complete: () => completed++ });
    engine.subscribe({ document: itemsQuery, throttleMs: 0 }, { next() {}, complete: () => completed++ });
    engine.close();
    expect(completed).toBe(2);
    expect(engine.stats()).toMatchObject({ groups: 0, pendingTimers: 0 });
  });
});
