/**
 * Writes of one tick to one socket leave in one system call: a socket's first live update of a tick
 * corks its TCP stream and one `process.nextTick` uncorks every stream corked in that tick. A group
 * publishes to all its members in one synchronous loop, so a client with several live queries that
 * change together gets them in one `writev` instead of one `write` each; a client with one costs
 * one cork and uncork.
 */
import type { Duplex } from 'node:stream';

/** A socket's stream and whether it is corked until the end of this tick. */
export interface TickCorked {
  readonly stream: Duplex;
  corkedThisTick: boolean;
}

const corked: TickCorked[] = [];

/** Corks `target`'s stream until the end of this tick (once per tick). */
export function corkForTick(target: TickCorked): void {
  if (target.corkedThisTick) return;
  target.corkedThisTick = true;
  target.stream.cork();
  if (corked.push(target) === 1) process.nextTick(uncorkAll);
}

function uncorkAll(): void {
  // Uncorking writes, and a write's callback may cork again: take the list first.
  const targets = corked.splice(0);
  for (const target of targets) {
    target.corkedThisTick = false;
    target.stream.uncork();
  }
}
