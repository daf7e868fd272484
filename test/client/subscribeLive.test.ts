import { describe, expect, it } from 'vitest';
import type { FullResult } from '../../client/fullResult.js';
import { subscribeLive } from '../../client/subscribeLive.js';
import { fakeSocket } from './support/fakeSocket.js';

function collect() {
  const results: FullResult[] = [];
  const errors: unknown[] = [];
  let completed = 0;
  return {
    results,
    errors,
    get completed() {
      return completed;
    },
    sink: { next: (r: FullResult) => results.push(r), error: (e: unknown) => errors.push(e), complete: () => completed++ },
  };
}

const payload = { query: 'query Q @live { v }' };

describe('subscribeLive', () => {
  it('re-subscribes on a revision gap and shows nothing until the fresh full result', () => {
    const fake = fakeSocket();
    const out = collect();
    const reasons: string[] = [];
    subscribeLive(fake.socket, payload, out.sink, { onResubscribe: (reason) => reasons.push(reason) });
    const first = fake.last;
    first.sink.next({ data: { v: 1 }, revision: 1 });
    first.sink.next({ patch: [{ op: 'replace', path: '/v', value: 2 }], revision: 2 });
    first.sink.next({ patch: [{ op: 'replace', path: '/v', value: 4 }], revision: 4 });

    expect(first.stopped).toBe(true);
    expect(fake.subscriptions).toHaveLength(2);
    expect(fake.last.payload).toEqual(payload);
    expect(reasons).toEqual(['revision gap: expected 3, got 4']);
    expect(out.results.map((r) => r.data)).toEqual([{ v: 1 }, { v: 2 }]);

    // Late events of the abandoned subscription are ignored, including its completion.
    first.sink.next({ patch: [{ op: 'replace', path: '/v', value: 5 }], revision: 5 });
    first.sink.complete();
    expect(out.completed).toBe(0);

    fake.last.sink.next({ data: { v: 4 }, revision: 1 });
    fake.last.sink.next({ patch: [{ op: 'replace', path: '/v', value: 5 }], revision: 2 });
    expect(out.results.map((r) => r.data)).toEqual([{ v: 1 }, { v: 2 }, { v: 4 }, { v: 5 }]);
  });

  it('re-subscribes when a patch does not apply', () => {
    const fake = fakeSocket();
    const out = collect();
    subscribeLive(fake.socket, payload, out.sink);
    fake.last.sink.next({ data: { v: [1] }, revision: 1 });
    fake.last.sink.next({ patch: [{ op: 'remove', path: '/v/3' }], revision: 2 });
    expect(fake.subscriptions).toHaveLength(2);
    expect(fake.subscriptions[0]!.stopped).toBe(true);
    expect(out.results).toHaveLength(1);
  });

  it('reports errors and completion once, and stops the subscription when told', () => {
    const fake = fakeSocket();
    const out = collect();
    const stop = subscribeLive(fake.socket, payload, out.sink);
    fake.last.sink.error([{ message: 'Cannot query field "nope"' }]);
    expect(out.errors).toEqual([[{ message: 'Cannot query field "nope"' }]]);
    fake.last.sink.complete();
    expect(out.completed).toBe(0);
    stop();

    const other = collect();
    const stopOther = subscribeLive(fake.socket, payload, other.sink);
    stopOther();
    expect(fake.last.stopped).toBe(true);
    fake.last.sink.next({ data: { v: 1 }, revision: 1 });
    expect(other.results).toEqual([]);
  });
});
