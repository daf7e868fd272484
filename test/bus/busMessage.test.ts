/** Bus messages: keys with the rows of some of them, readable by instances that know keys alone. */
import { describe, expect, it } from 'vitest';
import { batchPerTick } from '../../server/bus/batchKeys.js';
import { parseBusMessage, serializeWithRows } from '../../server/bus/busMessage.js';
import { sendInMessages } from '../../server/bus/busListeners.js';
import { parseKeyList } from '../../server/keys/resourceKeys.js';

const row = { id: 'd1', title: 'T', revision: 2 };

describe('bus messages', () => {
  it('carry rows after the keys, which a keys-only reader skips', () => {
    const message = serializeWithRows(['Document:d1', 'Query.documents'], { 'Document:d1': row, 'Document:d9': row }, 10_000);
    expect(message).toBe(JSON.stringify(['Document:d1', 'Query.documents', { records: { 'Document:d1': row } }]));
    expect(parseKeyList(message!)).toEqual(['Document:d1', 'Query.documents']);
    expect(parseBusMessage(message!)).toEqual({ keys: ['Document:d1', 'Query.documents'], rows: { 'Document:d1': row } });
  });

  it('go as keys alone past the bound', () => {
    const sent: string[] = [];
    sendInMessages(['Document:d1'], 100, (message) => sent.push(message), { 'Document:d1': { ...row, body: 'x'.repeat(200) } });
    expect(sent).toEqual(['["Document:d1"]']);
  });

  it('are refused when they name no key, and lose rows that are not objects', () => {
    for (const message of ['not json', '{"keys":["A:1"]}', '[]', '[1,{"records":{}}]', '"A:1"', 'null']) {
      expect(parseBusMessage(message)).toBeNull();
    }
    expect(parseBusMessage('["A:1",{"records":[1]}]')).toEqual({ keys: ['A:1'], rows: undefined });
    expect(parseBusMessage('["A:1",{"records":{"A:1":"text","B:2":{}}}]')).toEqual({ keys: ['A:1'], rows: undefined });
  });
});

describe('batchPerTick with rows', () => {
  it('keeps a key’s row when one push carries it, drops it when two pushes of a tick name the key', async () => {
    const flushed = await new Promise<[string[], unknown]>((resolve) => {
      const batch = batchPerTick((keys, rows) => resolve([keys, rows]));
      batch.push(['Document:d1', 'Document:d2'], { 'Document:d1': row, 'Document:d2': row });
      batch.push(['Document:d2'], { 'Document:d2': { ...row, revision: 3 } });
    });
    expect(flushed).toEqual([['Document:d1', 'Document:d2'], { 'Document:d1': row }]);
  });
});
