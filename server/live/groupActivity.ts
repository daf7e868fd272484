/**
 * The part of a group's state that only a group with something going on needs: pending
 * invalidations, a timer, errors, a resume log, a shared payload for joiners, throttle times. An idle
 * group (most of them, when there are thousands) has none of it: it is made on the first value set
 * and dropped when every field is back to its default (liveQueryGroup.ts), ten fields fewer per group.
 */
import type { GraphQLFormattedError } from 'graphql';
import type { LiveUpdate } from './liveResult.js';
import type { ResumeLog } from './resumeLog.js';

/** Before any time `nowMs` returns, and a small integer (no heap number per group). */
export const NEVER = -(2 ** 30);

/** The fields, with their defaults (what a group without activity reads). */
export class GroupActivity {
  resumeLog: ResumeLog | undefined = undefined;
  errors: readonly GraphQLFormattedError[] | undefined = undefined;
  errorsJson = '';
  initial: LiveUpdate | undefined = undefined;
  pendingKeys: Set<string> | undefined = undefined;
  pendingSince = 0;
  overtaken = 0;
  timer: ReturnType<typeof setTimeout> | undefined = undefined;
  lastRunAt = NEVER;
  lastPublishAt = NEVER;
}

/** What a group without activity reads. */
export const QUIET: Readonly<GroupActivity> = Object.freeze(new GroupActivity());

const FIELDS = Object.keys(QUIET) as (keyof GroupActivity)[];

/** True when every field has its default: the activity can be dropped. */
export function isQuiet(activity: GroupActivity): boolean {
  for (const field of FIELDS) if (activity[field] !== QUIET[field]) return false;
  return true;
}
