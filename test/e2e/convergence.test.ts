/**
 * Property: for random sequences of mutations, every client's first result with every patch applied
 * (in revision order, checked by the stepper) equals a fresh execution of its query.
 */
import fc from 'fast-check';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { JsonValue } from '../../server/live/liveResult.js';
import { http, subscribeLive, wsClient, type LiveSubscription } from '../support/clients.js';
import { converge as convergeTo } from '../support/converge.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seed: false });
});
afterAll(async () => {
  await t.dispose();
});

type Command =
  | { kind: 'create'; title: string; tag: string }
  | { kind: 'update'; doc: number; title: string; tag: string }
  | { kind: 'delete'; doc: number }
  | { kind: 'addSection'; doc: number; heading: string; position: number }
  | { kind: 'moveSection'; doc: number; section: number; position: number }
  | { kind: 'updateSection'; doc: number; section: number; heading: string }
  | { kind: 'removeSection'; doc: number; section: number };

const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta');
const tag = fc.constantFrom('red', 'blue');
const index = fc.nat({ max: 9 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), title: word, tag }),
  fc.record({ kind: fc.constant('update' as const), doc: index, title: word, tag }),
  fc.record({ kind: fc.constant('delete' as const), doc: index }),
  fc.record({ kind: fc.constant('addSection' as const), doc: index, heading: word, position: index }),
  fc.record({ kind: fc.constant('addSection' as const), doc: index, heading: word, position: index }),
  fc.record({ kind: fc.constant('moveSection' as const), doc: index, section: index, position: index }),
  fc.record({ kind: fc.constant('updateSection' as const), doc: index, section: index, heading: word }),
  fc.record({ kind: fc.constant('removeSection' as const), doc: index, section: index }),
);

const QUERIES = [
  'query @live { documents(first: 100) { nodes { id title tags sections { id heading } } totalCount } }',
  'query @live { documents(tag: "red") { nodes { id title revision } } }',
  'query @live { documents(tag: "blue", first: 50) { nodes { id sections { id heading body } } } }',
];
const DOC_QUERY = 'query($id: ID!) @live { document(id: $id) { id title tags revision sections { id heading } } }';

async function gql(query: string, variables?: Record<string, unknown>) {
  return (await http(t.server.httpUrl, query, variables)).body;
}

async function apply(cmd: Command): Promise<void> {
  const list = (await gql('{ documents(first: 100) { nodes { id sections { id } } } }')).data?.documents as { nodes: { id: string; sections: { id: string }[] }[] } | undefined;
  const docs = list?.nodes ?? [];
  const doc = 'doc' in cmd ? docs[cmd.doc % Math.max(1, docs.length)] : undefined;
  const section = doc && 'section' in cmd ? doc.sections[cmd.section % Math.max(1, doc.sections.length)] : undefined;
  switch (cmd.kind) {
    case 'create':
      await gql('mutation($t: String!, $g: String!) { createDocument(input: { title: $t, tags: [$g] }) { id } }', { t: cmd.title, g: cmd.tag });
      return;
    case 'update':
      if (doc) await gql('mutation($id: ID!, $t: String!, $g: String!) { updateDocument(id: $id, input: { title: $t, tags: [$g] }) { id } }', { id: doc.id, t: cmd.title, g: cmd.tag });
      return;
    case 'delete':
      if (doc) await gql('mutation($id: ID!) { deleteDocument(id: $id) }', { id: doc.id });
      return;
    case 'addSection':
      if (doc) await gql('mutation($d: ID!, $h: String!, $p: Int) { addSection(documentId: $d, input: { heading: $h, body: $h }, position: $p) { id } }', { d: doc.id, h: cmd.heading, p: cmd.position });
      return;
    case 'moveSection':
      if (section) await gql('mutation($id: ID!, $p: Int!) { moveSection(id: $id, position: $p) { id } }', { id: section.id, p: cmd.position });
      return;
    case 'updateSection':
      if (section) await gql('mutation($id: ID!, $h: String!) { updateSection(id: $id, input: { heading: $h, body: "changed" }) { id } }', { id: section.id, h: cmd.heading });
      return;
    case 'removeSection':
      if (section) await gql('mutation($id: ID!) { removeSection(id: $id) }', { id: section.id });
      return;
  }
}

/** Takes messages until the client's state equals a fresh execution (bounded), then checks equality. */
async function converge(s: LiveSubscription, query: string, variables?: Record<string, unknown>): Promise<void> {
  const plain = query.replace(' @live', '');
  await convergeTo(s, async () => (await gql(plain, variables)).data as JsonValue);
}

describe('convergence under random mutation sequences', () => {
  it('every client state equals a fresh execution after every sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
        // Start each run from a few documents so that updates, moves and removals have targets.
        for (let i = 0; i < 2; i++) await apply({ kind: 'create', title: `seed${i}`, tag: i ? 'red' : 'blue' });
        const first = ((await gql('{ documents { nodes { id } } }')).data?.documents as { nodes: { id: string }[] }).nodes[0]!.id;
        const clients: Client[] = [wsClient(t.server.wsUrl), wsClient(t.server.wsUrl)];
        const subs = [
          ...QUERIES.map((q, i) => ({ s: subscribeLive(clients[i % 2]!, q), q, v: undefined })),
          { s: subscribeLive(clients[0]!, DOC_QUERY, { id: first }), q: DOC_QUERY, v: { id: first } },
        ];
        try {
          for (const { s } of subs) await s.next();
          for (const cmd of commands) await apply(cmd);
          for (const { s, q, v } of subs) await converge(s, q, v);
        } finally {
          for (const { s } of subs) s.dispose();
          await Promise.all(clients.map((c) => c.dispose()));
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
