/**
 * Resume, as the engine's groups do it: every published state gets its stamp (once per group
 * revision) and its patch goes into the group's bounded log; a subscriber bringing a token is
 * verified here, and later brought from the state it names to its group's (groupMembers.ts).
 */
import { print, type DocumentNode } from 'graphql';
import { recordPatch, type ResumeLog, type ResumeLogLimits } from './resumeLog.js';
import { createResumeSigner, hashOfStamp, SHARED_SCOPE, tagScope, type ResumePoint, type ResumeSigner } from './resumeTokens.js';

/** How subscribers that came with a token were answered (or how many tokens were not verified). */
export interface ResumeCounts {
  /** An empty patch: the client's state was the current one. */
  empty: number;
  /** The patches it missed, from the group's log. */
  patch: number;
  /** The whole result: the state was not in the log, or the token did not verify. */
  whole: number;
}

/** What every group of an engine shares for resume. */
export interface ResumeContext {
  readonly signer: ResumeSigner;
  readonly limits: ResumeLogLimits;
  /** The printed text of a document (cached). */
  readonly sourceOf: (document: DocumentNode) => string;
  readonly counts: ResumeCounts;
}

/** Options of resume. */
export interface LiveResumeOptions {
  /**
   * Signs the tokens: every instance that should resume another's clients needs the same one (at
   * least 32 bytes). Default: one made up per engine (a restart, or another instance, then cannot
   * verify this one's tokens and sends whole results).
   */
  secret?: Uint8Array;
  /** Most patches one group's log keeps. Default {@link DEFAULT_RESUME_LOG_ENTRIES}; 0 keeps none. */
  logEntries?: number;
  /** Most bytes of patch JSON one group's log keeps. Default {@link DEFAULT_RESUME_LOG_BYTES}. */
  logBytes?: number;
}

/** Default bound of a group's resume log, in patches. */
export const DEFAULT_RESUME_LOG_ENTRIES = 64;
/** Default bound of a group's resume log, in bytes of patch JSON. */
export const DEFAULT_RESUME_LOG_BYTES = 64 * 1024;

/** The resume context of an engine (`sourceOf`: its cached printer of documents). */
export function createResumeContext(options: LiveResumeOptions = {}, sourceOf: (document: DocumentNode) => string = print): ResumeContext {
  return {
    signer: createResumeSigner(options.secret),
    limits: { entries: options.logEntries ?? DEFAULT_RESUME_LOG_ENTRIES, bytes: options.logBytes ?? DEFAULT_RESUME_LOG_BYTES },
    sourceOf,
    counts: { empty: 0, patch: 0, whole: 0 },
  };
}

/** The parts of a group resume reads and writes. */
export interface ResumableGroup {
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown> | undefined;
  readonly scope: string | undefined;
  readonly resume: ResumeContext;
  /** The resume stamp of the current state ('' before the first result; resumeTokens.ts). */
  resumeStamp: string;
  resumeLog: ResumeLog | undefined;
}

/**
 * The operation as tokens sign it, the same text on every instance: the printed document, the
 * operation name and the (key-sorted) variables. Not the throttle: it does not change the result.
 */
function operationOf(context: ResumeContext, request: Pick<ResumableGroup, 'document' | 'operationName' | 'variables'>): string {
  return `${context.sourceOf(request.document)}\0${request.operationName ?? ''}\0${JSON.stringify(request.variables ?? {})}`;
}

/**
 * Names the group's new state (`dataJson`, its errors' JSON) with its stamp and logs the patch
 * (`patchJson`) that led there from the previous state, if there was one.
 */
export function stampState(group: ResumableGroup, dataJson: string, errorsJson: string, patchJson?: string): void {
  const { signer, limits } = group.resume;
  const previous = group.resumeStamp;
  const hash = signer.stateHash(dataJson, errorsJson);
  group.resumeStamp = signer.stamp(operationOf(group.resume, group), tagScope(group.scope), hash);
  if (patchJson !== undefined && previous) group.resumeLog = recordPatch(group.resumeLog, hashOfStamp(previous), patchJson, limits);
}

/** The hash of the group's current state ('' before its first result). */
export function currentHash(group: ResumableGroup): string {
  return group.resumeStamp ? hashOfStamp(group.resumeStamp) : '';
}

/**
 * The point a subscriber's token names, when a server with this secret signed it for this operation,
 * for the subscriber's own viewer scope or for a group shared by every viewer; else undefined (the
 * subscriber gets the whole result).
 */
export function verifyResume(
  context: ResumeContext,
  request: { document: DocumentNode; operationName?: string | null; variables?: Record<string, unknown> | null },
  viewer: string,
  token: string,
): ResumePoint | undefined {
  const operation = operationOf(context, {
    document: request.document,
    operationName: request.operationName ?? undefined,
    variables: request.variables ?? undefined,
  });
  const point = context.signer.verify(token, operation, [tagScope(viewer), SHARED_SCOPE]);
  if (!point) context.counts.whole++;
  return point;
}
