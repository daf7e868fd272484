/**
 * Resume settings (docs/protocol.md, "Resume"): the secret that signs tokens and the bounds of each
 * group's patch log, from RESUME_SECRET, RESUME_LOG_ENTRIES and RESUME_LOG_BYTES.
 */
import { createHmac } from 'node:crypto';
import { DEFAULT_RESUME_LOG_BYTES, DEFAULT_RESUME_LOG_ENTRIES, type LiveResumeOptions } from '../live/liveQueryEngine.js';
import { readInteger } from '../runtime/envInteger.js';

/** Shortest RESUME_SECRET, as for AUTH_SECRET: an HMAC-SHA-256 key of at least 256 bits. */
const MIN_RESUME_SECRET_CHARS = 32;

/** Reads the resume settings; throws naming the variable, what was expected and what arrived. */
export function readResumeConfig(env: NodeJS.ProcessEnv): LiveResumeOptions {
  const options: LiveResumeOptions = {
    logEntries: readInteger('RESUME_LOG_ENTRIES', env.RESUME_LOG_ENTRIES, DEFAULT_RESUME_LOG_ENTRIES, 0, 10_000),
    logBytes: readInteger('RESUME_LOG_BYTES', env.RESUME_LOG_BYTES, DEFAULT_RESUME_LOG_BYTES, 0, 16 * 1024 * 1024, 'bytes'),
  };
  const secret = env.RESUME_SECRET;
  if (secret !== undefined && secret !== '') {
    if (secret.length < MIN_RESUME_SECRET_CHARS) {
      throw new Error(`RESUME_SECRET expects at least ${MIN_RESUME_SECRET_CHARS} characters, but got ${secret.length}.`);
    }
    options.secret = new TextEncoder().encode(secret);
  }
  return options;
}

/**
 * The engine's resume options: without a secret of their own, one derived from AUTH_SECRET (instances
 * that share it verify each other's viewers' tokens, so they resume each other's clients too), else
 * none (the engine makes one up: resume on this instance only, until it restarts).
 */
export function resumeOptions(options: LiveResumeOptions | undefined, authSecret: string | Uint8Array | undefined): LiveResumeOptions {
  if (options?.secret || !authSecret) return options ?? {};
  // A key of its own, not the JWT key itself: an HMAC of a fixed label under it.
  const secret = createHmac('sha256', authSecret).update('livedoc resume tokens').digest();
  return { ...options, secret };
}
