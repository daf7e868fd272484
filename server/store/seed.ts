import type { Db } from '../db/db.js';
import { SCHEMA_LOCK_KEY } from './migrate.js';
import { insertRows } from './datasets/rowRecord.js';

interface SeedDocument {
  id: string;
  title: string;
  body: string;
  tags: string[];
  sections: { heading: string; body: string }[];
}

/** Oldest first: `welcome` is created last, so it leads the newest-first list. */
const documents: readonly SeedDocument[] = [
  {
    id: 'roadmap',
    title: 'Roadmap',
    body: 'What we are building next, roughly in order. Dates are targets, not promises.',
    tags: ['planning', 'team'],
    sections: [
      { heading: 'Now: presence', body: 'Show who else is looking at a document, with a cursor colour per person.' },
      { heading: 'Next: offline edits', body: 'Queue mutations while offline and replay them with expectedRevision on reconnect; conflicts surface in the UI.' },
      { heading: 'Later: history', body: 'Keep every revision of a document and let readers step through them.' },
      { heading: 'Maybe: comments', body: 'Threads anchored to a section, themselves live.' },
    ],
  },
  {
    id: 'live-queries',
    title: 'How live queries work',
    body: 'A live query is an ordinary GraphQL query marked with @live. The server runs it, remembers which records it read, and re-runs it when one of them changes.',
    tags: ['guide', 'graphql', 'live'],
    sections: [
      { heading: 'Resource keys', body: 'Every object in a result contributes a key such as Document:welcome; root fields contribute keys such as Query.documents.' },
      { heading: 'Invalidation', body: 'Database triggers publish the keys touched by each committed write with NOTIFY, including writes made directly in SQL.' },
      { heading: 'Patches', body: 'The new result is diffed against the previous one and sent as an RFC 6902 JSON Patch with the next revision number.' },
      { heading: 'Throttling', body: 'With @live(throttle: 500) changes are coalesced so a client gets at most two updates a second, and never misses the last one.' },
      { heading: 'Reconnects', body: 'If the server loses its change feed it re-runs every live query once it is back, so nothing is silently stale.' },
    ],
  },
  {
    id: 'welcome',
    title: 'Welcome to livedoc',
    body: 'livedoc keeps documents and datasets in sync across every open client. Open this page in two windows and edit it in one.',
    tags: ['guide', 'intro'],
    sections: [
      { heading: 'Try it', body: 'Run a query with @live in GraphiQL, then change the title with the updateDocument mutation.' },
      { heading: 'Sections', body: 'Documents are made of ordered sections; add, edit, move or remove them and watch the revision go up by one each time.' },
      { heading: 'Datasets', body: 'The "Sensor readings" dataset has a thousand rows and a summary computed by the database.' },
    ],
  },
];

/** Comments on the welcome document, oldest first. */
const sampleComments: readonly { author: string; body: string }[] = [
  { author: 'Ann', body: 'Open this page in a second window and add a comment: it shows up here at once.' },
  { author: 'Bob', body: 'Edits and deletions travel the same way, as one small patch each.' },
];

/** The owner of the samples (and of every item of releases before access): readable by everyone, they are PUBLIC. */
export const SAMPLE_OWNER = 'system';

/** The sample dataset's id. */
export const SAMPLE_DATASET_ID = 'sample';
/** How many rows the sample dataset gets. */
export const SAMPLE_ROW_COUNT = 1_000;

/** mulberry32: a small deterministic PRNG, so every fresh database gets the same readings. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Rows `r0001`… of the sample dataset: a slow daily temperature-like wave plus noise, 2 decimals. */
export function sampleRows(count = SAMPLE_ROW_COUNT): { id: string; label: string; value: number }[] {
  const random = prng(20_240_601);
  return Array.from({ length: count }, (_, i) => {
    const label = `r${String(i + 1).padStart(4, '0')}`;
    const value = 21 + 4 * Math.sin((i / 96) * 2 * Math.PI) + (random() - 0.5) * 1.5;
    return { id: label, label, value: Math.round(value * 100) / 100 };
  });
}

/**
 * Inserts the sample documents and the "Sensor readings" dataset when the database has never been
 * seeded and holds no documents or datasets. Runs in one transaction under the schema advisory lock,
 * so concurrent instances seed once. Returns whether it seeded.
 */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [SCHEMA_LOCK_KEY]);
    const [state] = await tx.query<{ seeded: boolean; empty: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM livedoc_meta WHERE key = 'seeded') AS seeded,
              NOT EXISTS (SELECT 1 FROM documents) AND NOT EXISTS (SELECT 1 FROM datasets) AS empty`,
    );
    if (!state || state.seeded || !state.empty) return false;

    await tx.query(
      `INSERT INTO documents (id, title, body, tags, owner, visibility)
       SELECT id, title, body, ARRAY(SELECT json_array_elements_text(tags)), '${SAMPLE_OWNER}', 'PUBLIC'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::json[]) WITH ORDINALITY AS d (id, title, body, tags, ord)
       ORDER BY ord`,
      [
        documents.map((d) => d.id),
        documents.map((d) => d.title),
        documents.map((d) => d.body),
        documents.map((d) => JSON.stringify(d.tags)),
      ],
    );
    // Sample documents start at revision 1 with their sections: skip the bump of this one insert.
    // ALTER TABLE is transactional and locks the table, so no other writer ever sees the trigger off.
    await tx.exec('ALTER TABLE sections DISABLE TRIGGER sections_inserted_revision');
    const sections = documents.flatMap((d) =>
      d.sections.map((s, position) => ({ id: `${d.id}-${position + 1}`, documentId: d.id, position, ...s })),
    );
    await tx.query(
      `INSERT INTO sections (id, document_id, heading, body, position)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])`,
      [
        sections.map((s) => s.id),
        sections.map((s) => s.documentId),
        sections.map((s) => s.heading),
        sections.map((s) => s.body),
        sections.map((s) => s.position),
      ],
    );
    await tx.exec('ALTER TABLE sections ENABLE TRIGGER sections_inserted_revision');

    await tx.query(
      `INSERT INTO comments (document_id, author, body)
       SELECT 'welcome', author, body FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS c (author, body, ord) ORDER BY ord`,
      [sampleComments.map((c) => c.author), sampleComments.map((c) => c.body)],
    );

    await tx.query(`INSERT INTO datasets (id, name, owner, visibility) VALUES ($1, $2, '${SAMPLE_OWNER}', 'PUBLIC')`, [
      SAMPLE_DATASET_ID,
      'Sensor readings',
    ]);
    await insertRows(tx, SAMPLE_DATASET_ID, sampleRows());

    await tx.query(`INSERT INTO livedoc_meta (key, value) VALUES ('seeded', now()::text)`);
    return true;
  });
}
