import { describe, expect, it } from 'vitest';
import { createLiveResultTracker } from '../../client/liveResultTracker.js';

describe('live result tracker', () => {
  it('starts from the full result, applies patches in revision order, and passes errors through unpatched', () => {
    const tracker = createLiveResultTracker();
    const first = tracker.accept({ data: { doc: { title: 'A', n: [1] } }, revision: 1 });
    expect(first).toEqual({ kind: 'result', result: { data: { doc: { title: 'A', n: [1] } }, revision: 1 } });

    const error = { message: 'partial failure', path: ['doc', 'x'] };
    const second = tracker.accept({ patch: [{ op: 'replace', path: '/doc/title', value: 'B' }], revision: 2, errors: [error] });
    expect(second).toEqual({ kind: 'result', result: { data: { doc: { title: 'B', n: [1] } }, errors: [error], revision: 2 } });
    if (first.kind !== 'result' || second.kind !== 'result') throw new Error('unreachable');
    // Structural sharing across results: the untouched array is the same object.
    const n = (result: typeof first.result) => (result.data as { doc: { n: number[] } }).doc.n;
    expect(n(second.result)).toBe(n(first.result));

    // errors describe the newest execution only.
    const third = tracker.accept({ patch: [], revision: 3 });
    expect(third).toEqual({ kind: 'result', result: { data: { doc: { title: 'B', n: [1] } }, revision: 3 } });
  });

  it('asks to re-subscribe on a revision gap, and applies nothing', () => {
    const tracker = createLiveResultTracker();
    tracker.accept({ data: { v: 1 }, revision: 1 });
    const gap = tracker.accept({ patch: [{ op: 'replace', path: '/v', value: 3 }], revision: 3 });
    expect(gap).toEqual({ kind: 'resubscribe', reason: 'revision gap: expected 2, got 3' });
    // Until a full result arrives nothing is shown.
    expect(tracker.accept({ patch: [], revision: 4 }).kind).toBe('resubscribe');
  });

  it('asks to re-subscribe when a patch does not apply or is malformed', () => {
    const tracker = createLiveResultTracker();
    tracker.accept({ data: { list: [1, 2] }, revision: 1 });
    const bad = tracker.accept({ patch: [{ op: 'remove', path: '/list/5' }], revision: 2 });
    expect(bad).toMatchObject({ kind: 'resubscribe', reason: expect.stringMatching(/out of bounds/) });

    tracker.accept({ data: { list: [1, 2] }, revision: 1 });
    expect(tracker.accept({ patch: [{ op: 'fly', path: '/list' }], revision: 2 })).toMatchObject({ kind: 'resubscribe' });
    tracker.accept({ data: { list: [1, 2] }, revision: 1 });
    expect(tracker.accept({ patch: [{ op: 'replace', path: '', value: 7 }], revision: 2 })).toMatchObject({
      kind: 'resubscribe',
      reason: 'the patch made data a non-object',
    });
    expect(tracker.accept('nonsense')).toMatchObject({ kind: 'resubscribe' });
  });

  it('starts afresh on a new revision 1 (graphql-ws re-subscribed after a reconnect)', () => {
    const tracker = createLiveResultTracker();
    tracker.accept({ data: { v: 1 }, revision: 1 });
    tracker.accept({ patch: [{ op: 'replace', path: '/v', value: 2 }], revision: 2 });
    expect(tracker.accept({ data: { v: 9 }, revision: 1 })).toEqual({ kind: 'result', result: { data: { v: 9 }, revision: 1 } });
    expect(tracker.accept({ patch: [{ op: 'replace', path: '/v', value: 10 }], revision: 2 })).toEqual({
      kind: 'result',
      result: { data: { v: 10 }, revision: 2 },
    });
  });

  it('passes ordinary results (no revision) through', () => {
    const tracker = createLiveResultTracker();
    expect(tracker.accept({ data: { v: 1 } })).toEqual({ kind: 'result', result: { data: { v: 1 }, revision: undefined } });
    expect(tracker.accept({ errors: [{ message: 'bad' }] })).toEqual({
      kind: 'result',
      result: { errors: [{ message: 'bad' }], revision: undefined },
    });
    // A patch now has nothing to apply to.
    expect(tracker.accept({ patch: [], revision: 2 }).kind).toBe('resubscribe');
  });
});
