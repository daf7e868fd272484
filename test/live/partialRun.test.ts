import fc from 'fast-check';
import fastJsonPatch from 'fast-json-patch';
import { buildSchema, execute, parse, type GraphQLSchema } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { createLiveQueryEngine, markDefaultResolver, type LiveQueryEngine } from '../../server/live/liveQueryEngine.js';
import { withoutToken } from './support/liveStepper.js';
import { toLiveResult, type JsonObject, type LiveResult, type LiveUpdate } from '../../server/live/liveResult.js';
import { createQueue } from '../support/waitFor.js';

interface Section {
  id: string;
  heading: string;
}
interface Doc {
  id: string;
  title: string;
  sections: Section[];
}

/** An in-memory model with counters of how often each resolver ran. */
function fixture() {
  const docs = new Map<string, Doc>();
  const calls = { docs: 0, sections: 0, sectionCount: 0 };
  const schema: GraphQLSchema = buildSchema(`
    directive @live(if: Boolean = true, throttle: Int) on QUERY
    type Section { id: ID! heading: String! }
    type Doc { id: ID! title: String! sections: [Section!]! sectionCount: Int! }
    type Query { docs: [Doc!]! doc(id: ID!): Doc }
  `);
  const query = schema.getQueryType()!.getFields();
  query.docs!.resolve = () => {
    calls.docs++;
    return [...docs.values()].map((d) => ({ id: d.id, title: d.title }));
  };
  query.doc!.resolve = (_s, args: { id: string }) => {
    const d = docs.get(args.id);
    return d ? { id: d.id, title: d.title } : null;
  };
  const docFields = (schema.getType('Doc') as import('graphql').GraphQLObjectType).getFields();
  docFields.sections!.resolve = (doc: { id: string }) => {
    calls.sections++;
    return (docs.get(doc.id)?.sections ?? []).map((s) => ({ ...s }));
  };
  docFields.sectionCount!.resolve = (doc: { id: string }) => {
    calls.sectionCount++;
    return docs.get(doc.id)?.sections.length ?? 0;
  };
  const loadObject = (typeName: string, id: string) => {
    if (typeName === 'Doc') {
      const d = docs.get(id);
      return d ? { id: d.id, title: d.title } : null;
    }
    for (const d of docs.values()) {
      const s = d.sections.find((x) => x.id === id);
      if (s) return { ...s };
    }
    return null;
  };
  return { schema, docs, calls, loadObject };
}

function subscriber() {
  const queue = createQueue<LiveResult>();
  let state: JsonObject | null = null;
  return {
    sink: { next: (revision: number, update: LiveUpdate) => queue.push(withoutToken(toLiveResult(revision, update))) },
    get state() {
      return state;
    },
    async next() {
      const result = await queue.take(3_000, 'a live result');
      if ('data' in result) state = result.data;
      else state = fastJsonPatch.applyPatch(state, result.patch as fastJsonPatch.Operation[], true, false).newDocument;
      return result;
    },
  };
}

const QUERY = parse('query @live { docs { id title sectionCount sections { id heading } } }');
let engine: LiveQueryEngine | undefined;
afterEach(() => engine?.close());

/** Starts an engine with partial runs over the fixture and one subscriber past its first result. */
async function watch(f: ReturnType<typeof fixture>, ownKeyedFields?: string[]) {
  engine = createLiveQueryEngine({ schema: f.schema, loadObject: f.loadObject, ownKeyedFields });
  const s = subscriber();
  engine.subscribe({ document: QUERY, throttleMs: 0 }, s.sink);
  await s.next();
  return { s, live: engine };
}

function seed(f: ReturnType<typeof fixture>, count = 3) {
  for (let d = 0; d < count; d++) {
    f.docs.set(`d${d}`, { id: `d${d}`, title: `Doc ${d}`, sections: [0, 1, 2].map((s) => ({ id: `d${d}s${s}`, heading: `H${s}` })) });
  }
}

describe('partial re-execution', () => {
  it('re-resolves only the changed object of a list and patches it in place', async () => {
    const f = fixture();
    seed(f, 50);
    const { s, live } = await watch(f);
    const before = { ...f.calls };
    f.docs.get('d7')!.sections[1]!.heading = 'changed';
    live.invalidate(['Section:d7s1']);
    expect(await s.next()).toEqual({ patch: [{ op: 'replace', path: '/docs/7/sections/1/heading', value: 'changed' }], revision: 2 });
    expect(f.calls).toEqual(before); // neither the list nor any section list was resolved again
    expect(live.stats()).toMatchObject({ partialExecutions: 1 });
  });

  it('a field-level key re-resolves just that field', async () => {
    const f = fixture();
    seed(f);
    const { s, live } = await watch(f);
    const before = { ...f.calls };
    f.docs.get('d1')!.sections.pop();
    live.invalidate(['Doc:d1.sectionCount']);
    expect(await s.next()).toEqual({ patch: [{ op: 'replace', path: '/docs/1/sectionCount', value: 2 }], revision: 2 });
    expect(f.calls).toEqual({ ...before, sectionCount: before.sectionCount + 1 });
  });

  it('records no field-level key for a field whose resolver is marked as the default one', async () => {
    type Resolver = (doc: unknown) => unknown;
    const indexedKeys = async (wrap: (resolver: Resolver) => Resolver) => {
      const f = fixture();
      seed(f, 1);
      const docFields = (f.schema.getType('Doc') as import('graphql').GraphQLObjectType).getFields();
      docFields.title!.resolve = wrap((doc) => (doc as { title: string }).title);
      const { live } = await watch(f);
      const keys = live.stats().indexedKeys;
      live.close();
      return keys;
    };
    // Its own resolver: `Doc:d0.title` is indexed; marked as the default one (a metering wrapper): not.
    expect(await indexedKeys((resolver) => resolver)).toBe((await indexedKeys((resolver) => markDefaultResolver(resolver))) + 1);
  });

  it('after re-resolving an object whose children moved, a child update patches its new place', async () => {
    const f = fixture();
    seed(f);
    const { s, live } = await watch(f);
    const doc = f.docs.get('d2')!;
    doc.sections.reverse();
    live.invalidate(['Doc:d2']);
    await s.next();
    doc.sections[0]!.heading = 'moved and changed'; // d2s2, now first
    live.invalidate(['Section:d2s2']);
    expect(await s.next()).toEqual({ patch: [{ op: 'replace', path: '/docs/2/sections/0/heading', value: 'moved and changed' }], revision: 3 });
    expect(live.stats().partialExecutions).toBe(2);
  });

  it('an own-keyed field keeps its value when only its object changes, and is re-read with its own key', async () => {
    const f = fixture();
    seed(f);
    const { s, live } = await watch(f, ['Doc.sections']);
    const before = { ...f.calls };
    f.docs.get('d1')!.title = 'Renamed';
    live.invalidate(['Doc:d1']);
    expect(await s.next()).toEqual({ patch: [{ op: 'replace', path: '/docs/1/title', value: 'Renamed' }], revision: 2 });
    // The title and sectionCount were re-resolved; the list of sections was not.
    expect(f.calls).toEqual({ ...before, sectionCount: before.sectionCount + 1 });

    // A change to the list is announced on the field key too: now the list is read again.
    f.docs.get('d1')!.sections.unshift({ id: 'd1new', heading: 'New' });
    live.invalidate(['Doc:d1', 'Doc:d1.sections']);
    const added = await s.next();
    expect(f.calls.sections).toBe(before.sections + 1);
    const fresh = await execute({ schema: f.schema, document: parse('{ docs { id title sectionCount sections { id heading } } }') });
    expect(s.state).toEqual(fresh.data);
    expect(added).toMatchObject({ revision: 3 });

    // A section inside the kept list still patches its place.
    f.docs.get('d1')!.sections[0]!.heading = 'Newer';
    live.invalidate(['Section:d1new', 'Doc:d1']);
    expect(await s.next()).toEqual({ patch: [{ op: 'replace', path: '/docs/1/sections/0/heading', value: 'Newer' }], revision: 4 });
    expect(live.stats().partialExecutions).toBe(3);
  });

  it('rejects an own-keyed field name without a type', () => {
    const f = fixture();
    expect(() => createLiveQueryEngine({ schema: f.schema, ownKeyedFields: ['sections'] })).toThrow(/Type\.field/);
  });

  it('falls back to a full run for root fields and for objects that no longer exist', async () => {
    const f = fixture();
    seed(f);
    const { s, live } = await watch(f);
    f.docs.delete('d0');
    live.invalidate(['Doc:d0']);
    expect(await s.next()).toEqual({ patch: [{ op: 'remove', path: '/docs/0' }], revision: 2 });
    f.docs.set('d9', { id: 'd9', title: 'new', sections: [] });
    live.invalidate(['Query.docs']);
    await s.next();
    expect(live.stats()).toMatchObject({ partialExecutions: 0, executions: 3 });
  });

  it('property: after any sequence of precisely invalidated changes, the patched state equals a fresh execution', async () => {
    type Op =
      | { kind: 'title'; d: number; v: string }
      | { kind: 'heading'; d: number; s: number; v: string }
      | { kind: 'reorder'; d: number }
      | { kind: 'add'; d: number }
      | { kind: 'remove'; d: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('title' as const), d: fc.nat(3), v: fc.string({ maxLength: 3 }) }),
      fc.record({ kind: fc.constant('heading' as const), d: fc.nat(3), s: fc.nat(5), v: fc.string({ maxLength: 3 }) }),
      fc.record({ kind: fc.constant('reorder' as const), d: fc.nat(3) }),
      fc.record({ kind: fc.constant('add' as const), d: fc.nat(3) }),
      fc.record({ kind: fc.constant('remove' as const), d: fc.nat(3) }),
    );
    let counter = 0;
    let partialRuns = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), async (batches) => {
        const f = fixture();
        seed(f, 4);
        const e = createLiveQueryEngine({ schema: f.schema, loadObject: f.loadObject });
        try {
          const s = subscriber();
          e.subscribe({ document: QUERY, throttleMs: 0 }, s.sink);
          await s.next();
          for (const batch of batches) {
            const keys: string[] = [];
            for (const o of batch) {
              const doc = f.docs.get(`d${o.d}`)!;
              if (o.kind === 'title') {
                doc.title = o.v;
                keys.push(`Doc:${doc.id}`);
              } else if (o.kind === 'heading') {
                const section = doc.sections[o.s % Math.max(1, doc.sections.length)];
                if (section) {
                  section.heading = o.v;
                  keys.push(`Section:${section.id}`);
                }
              } else if (o.kind === 'reorder') {
                doc.sections.push(...doc.sections.splice(0, 1));
                keys.push(`Doc:${doc.id}.sections`);
              } else if (o.kind === 'add') {
                doc.sections.unshift({ id: `n${counter++}`, heading: 'new' });
                keys.push(`Doc:${doc.id}.sections`, `Doc:${doc.id}.sectionCount`);
              } else {
                const removed = doc.sections.pop();
                if (removed) keys.push(`Doc:${doc.id}.sections`, `Doc:${doc.id}.sectionCount`, `Section:${removed.id}`);
              }
            }
            const fresh = (await execute({ schema: f.schema, document: parse('{ docs { id title sectionCount sections { id heading } } }') })).data;
            if (keys.length === 0) continue;
            e.invalidate(keys);
            // Nothing is sent when nothing changed: only wait when the state differs.
            if (JSON.stringify(s.state) !== JSON.stringify(fresh)) await s.next();
            expect(s.state).toEqual(JSON.parse(JSON.stringify(fresh)));
          }
          partialRuns += e.stats().partialExecutions;
        } finally {
          e.close();
        }
      }),
      { numRuns: 150 },
    );
    expect(partialRuns).toBeGreaterThan(100); // the property did exercise partial runs
  });
});
