import { buildSchema, parse, type GraphQLSchema } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { createLiveQueryEngine, type LiveQueryEngine } from '../../server/live/liveQueryEngine.js';
import { type LiveUpdate } from '../../server/live/liveResult.js';
import { createLiveStepper } from './support/liveStepper.js';

interface Note {
  id: string;
  text: string;
  owner: string;
  public: boolean;
}

/** Notes readable by their owner, or by everyone when public: only private ones read the viewer. */
function fixture() {
  const notes = new Map<string, Note>([['n', { id: 'n', text: 'hello', owner: 'ann', public: true }]]);
  let executions = 0;
  const schema: GraphQLSchema = buildSchema(`
    directive @live(if: Boolean = true, throttle: Int) on QUERY
    type Note { id: ID! text: String! }
    type Query { note(id: ID!): Note  notes: [Note!]! }
  `);
  const readable = (note: Note, ctx: { viewer: string }) => note.public || note.owner === ctx.viewer;
  const query = schema.getQueryType()!.getFields();
  query.note!.resolve = (_s, args: { id: string }, ctx: { viewer: string }) => {
    executions++;
    const note = notes.get(args.id);
    return note && readable(note, ctx) ? { ...note } : null;
  };
  query.notes!.resolve = (_s, _args, ctx: { viewer: string }) => {
    executions++;
    const viewer = ctx.viewer; // a list always depends on who asks
    return [...notes.values()].filter((note) => note.public || note.owner === viewer).map((note) => ({ ...note }));
  };
  return {
    schema,
    notes,
    get executions() {
      return executions;
    },
  };
}

/** A subscriber that applies what it gets and remembers every state it ever held. */
function watcher() {
  const stepper = createLiveStepper();
  const states: string[] = [];
  return {
    states,
    sink: { next: (r: number, update: LiveUpdate) => stepper.push(r, update) },
    async next() {
      const { state } = await stepper.next();
      states.push(JSON.stringify(state));
      return state;
    },
    get pending() {
      return stepper.pending;
    },
  };
}

const noteQuery = parse('query @live { note(id: "n") { id text } }');
const notesQuery = parse('query @live { notes { id text } }');
let engine: LiveQueryEngine | undefined;
afterEach(() => engine?.close());

function request(document: typeof noteQuery, viewer: string) {
  return { document, throttleMs: 0, viewer, createContext: () => ({ viewer }) };
}

describe('live results per viewer', () => {
  it('a result that does not read the viewer is one group and one execution for every viewer', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema, viewerField: 'viewer' });
    const viewers = ['ann', 'bob', 'cy'].map((name) => ({ name, w: watcher() }));
    for (const { name, w } of viewers) engine.subscribe(request(noteQuery, name), w.sink);
    for (const { w } of viewers) expect(await w.next()).toEqual({ note: { id: 'n', text: 'hello' } });
    expect(engine.stats()).toMatchObject({ groups: 1, subscribers: 3, executions: 1 });
  });

  it('a result that reads the viewer is grouped per viewer, each seeing its own', async () => {
    const f = fixture();
    f.notes.get('n')!.public = false;
    engine = createLiveQueryEngine({ schema: f.schema, viewerField: 'viewer' });
    const ann = watcher();
    const bob = watcher();
    const bob2 = watcher();
    engine.subscribe(request(noteQuery, 'ann'), ann.sink);
    engine.subscribe(request(noteQuery, 'bob'), bob.sink);
    expect(await ann.next()).toEqual({ note: { id: 'n', text: 'hello' } });
    expect(await bob.next()).toEqual({ note: null });
    engine.subscribe(request(noteQuery, 'bob'), bob2.sink);
    expect(await bob2.next()).toEqual({ note: null });
    expect(engine.stats()).toMatchObject({ groups: 2, subscribers: 3 });
    expect(bob.states.concat(bob2.states).some((s) => s.includes('hello'))).toBe(false);
  });

  it('losing access takes the item away in the next patch, gaining it brings it back; revisions go on', async () => {
    const f = fixture();
    engine = createLiveQueryEngine({ schema: f.schema, viewerField: 'viewer' });
    const ann = watcher();
    const bob = watcher();
    engine.subscribe(request(noteQuery, 'ann'), ann.sink);
    engine.subscribe(request(noteQuery, 'bob'), bob.sink);
    await ann.next();
    await bob.next();
    expect(engine.stats().groups).toBe(1);

    // Private and changed in one write: bob must never see the new text.
    Object.assign(f.notes.get('n')!, { public: false, text: 'secret' });
    engine.invalidate(['Query.note(id:"n")']);
    expect(await bob.next()).toEqual({ note: null });
    expect(await ann.next()).toEqual({ note: { id: 'n', text: 'secret' } });
    expect(engine.stats()).toMatchObject({ groups: 2, subscribers: 2 });

    f.notes.get('n')!.public = true;
    engine.invalidate(['Query.note(id:"n")']);
    expect(await bob.next()).toEqual({ note: { id: 'n', text: 'secret' } });
    expect(bob.states.slice(0, 2).some((s) => s.includes('secret'))).toBe(false);
  });

  it('lists that read the viewer hold only what each viewer may read', async () => {
    const f = fixture();
    f.notes.set('p', { id: 'p', text: 'private', owner: 'bob', public: false });
    engine = createLiveQueryEngine({ schema: f.schema, viewerField: 'viewer' });
    const ann = watcher();
    const bob = watcher();
    engine.subscribe(request(notesQuery, 'ann'), ann.sink);
    engine.subscribe(request(notesQuery, 'bob'), bob.sink);
    expect(await ann.next()).toEqual({ notes: [{ id: 'n', text: 'hello' }] });
    expect(await bob.next()).toEqual({ notes: [{ id: 'n', text: 'hello' }, { id: 'p', text: 'private' }] });
    f.notes.get('p')!.public = true;
    engine.invalidate(['Query.notes']);
    expect(await ann.next()).toEqual({ notes: [{ id: 'n', text: 'hello' }, { id: 'p', text: 'private' }] });
    expect(ann.states[0]).not.toContain('private');
  });

  it('a viewer joining while its own group exists shares it; the last one leaving disposes everything', async () => {
    const f = fixture();
    f.notes.get('n')!.public = false;
    engine = createLiveQueryEngine({ schema: f.schema, viewerField: 'viewer' });
    const handles = [];
    const watchers = [];
    for (const name of ['ann', 'bob', 'ann', 'bob', 'cy']) {
      const w = watcher();
      watchers.push(w);
      handles.push(engine.subscribe(request(noteQuery, name), w.sink));
    }
    for (const w of watchers) await w.next();
    expect(engine.stats()).toMatchObject({ groups: 3, subscribers: 5 });
    for (const handle of handles) handle.unsubscribe();
    expect(engine.stats()).toMatchObject({ groups: 0, subscribers: 0, indexedKeys: 0 });
  });

  it('a member moved out of a shared group joins its viewer\'s existing group and its revisions go on', async () => {
    const f = fixture();
    const note = f.notes.get('n')!;
    note.public = false;
    engine = createLiveQueryEngine({ schema: f.schema, viewerField: 'viewer' });
    const bob = watcher();
    engine.subscribe(request(noteQuery, 'bob'), bob.sink);
    expect(await bob.next()).toEqual({ note: null });
    note.public = true;
    engine.invalidate(['Query.note(id:"n")']);
    expect(await bob.next()).toEqual({ note: { id: 'n', text: 'hello' } });
    // bob's own group stays his; a new shared group serves cy, and a second bob joins it.
    const cy = watcher();
    const bob2 = watcher();
    engine.subscribe(request(noteQuery, 'cy'), cy.sink);
    await cy.next();
    engine.subscribe(request(noteQuery, 'bob'), bob2.sink);
    await bob2.next();
    expect(engine.stats().groups).toBe(2);
    Object.assign(note, { public: false, owner: 'cy', text: 'mine' });
    engine.invalidate(['Query.note(id:"n")']);
    expect(await cy.next()).toEqual({ note: { id: 'n', text: 'mine' } });
    expect(await bob.next()).toEqual({ note: null });
    expect(await bob2.next()).toEqual({ note: null });
    expect(engine.stats()).toMatchObject({ groups: 2, subscribers: 3 });
    expect([...bob.states, ...bob2.states].some((s) => s.includes('mine'))).toBe(false);
  });

  it('without a viewer field every result is shared', async () => {
    const f = fixture();
    f.notes.get('n')!.public = false;
    engine = createLiveQueryEngine({ schema: f.schema });
    const ann = watcher();
    const bob = watcher();
    engine.subscribe(request(noteQuery, 'ann'), ann.sink);
    engine.subscribe(request(noteQuery, 'bob'), bob.sink);
    await ann.next();
    await bob.next();
    expect(engine.stats().groups).toBe(1);
  });
});
