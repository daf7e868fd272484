import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../client/backoff.js';
import { createConnectionState, type ConnectionStatus } from '../../client/connectionState.js';
import { isLiveQuery } from '../../client/isLiveQuery.js';
import { latestValues, type PushSink } from '../../client/latestValues.js';

describe('isLiveQuery', () => {
  it.each([
    ['query Q @live { a }', undefined, true],
    ['query Q @live(throttle: 100) { a }', undefined, true],
    ['query Q($on: Boolean!) @live(if: $on) { a }', undefined, true],
    ['query Q @live(if: false) { a }', undefined, false],
    ['query Q { a }', undefined, false],
    ['{ a }', undefined, false],
    ['subscription S { a }', undefined, false],
    ['query A { a } query B @live { b }', 'B', true],
    ['query A { a } query B @live { b }', 'A', false],
    ['query A { a } query B @live { b }', undefined, false],
  ])('%s (operation %s) → %s', (source, operationName, expected) => {
    expect(isLiveQuery(parse(source), operationName)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially with jitter in [cap/2, cap], and is capped', () => {
    const options = { baseMs: 100, maxMs: 1_000 };
    expect([0, 1, 2, 3, 10].map((n) => backoffDelay(n, options, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([0, 1, 2, 3, 10].map((n) => backoffDelay(n, options, () => 1))).toEqual([100, 200, 400, 800, 1_000]);
    expect(backoffDelay(1_000, options, () => 1)).toBe(1_000);
  });
});

describe('connection state', () => {
  it('notifies listeners of changes only, until they unsubscribe', () => {
    const state = createConnectionState();
    const seen: ConnectionStatus[] = [];
    const stop = state.subscribe((status) => seen.push(status));
    state.set('connecting');
    state.set('connecting');
    state.set('live');
    stop();
    state.set('reconnecting');
    expect(seen).toEqual(['connecting', 'live']);
    expect(state.get()).toBe('reconnecting');
  });
});

describe('latestValues', () => {
  it('keeps only the newest unread value, then ends or throws as the source does', async () => {
    let sink!: PushSink<number>;
    const values = latestValues<number>((s) => {
      sink = s;
      return () => {};
    });
    sink.next(1);
    sink.next(2);
    expect(await values.next()).toEqual({ value: 2, done: false });
    const pending = values.next();
    sink.next(3);
    expect(await pending).toEqual({ value: 3, done: false });
    sink.next(4);
    sink.error(new Error('gone'));
    expect(await values.next()).toEqual({ value: 4, done: false });
    await expect(values.next()).rejects.toThrow('gone');
    expect(await values.next()).toEqual({ value: undefined, done: true });
  });

  it('stops the source when the consumer leaves', async () => {
    let stopped = 0;
    const values = latestValues<number>((s) => {
      s.next(1);
      return () => {
        stopped++;
      };
    });
    for await (const value of values) {
      expect(value).toBe(1);
      break;
    }
    expect(stopped).toBe(1);
  });
});
