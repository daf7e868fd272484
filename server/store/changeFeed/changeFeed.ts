/**
 * The change feed: LISTEN on the channel the triggers NOTIFY, each payload parsed into keys and
 * records and handed to the store's listeners; a re-established connection (notifications may have
 * been lost meanwhile) is announced as "everything may have changed".
 */
import { ALL_KEYS } from '../../keys/resourceKeys.js';
import type { Db, StoreLogger } from '../../db/db.js';
import type { ChangedRecords } from '../types.js';
import { parseChangePayload, type RecordReader } from './changePayload.js';

/** The NOTIFY channel the triggers of the migrations publish invalidation keys on. */
export const CHANGES_CHANNEL = 'livedoc_changes';

/** A subscribed change feed. */
export interface ChangeFeed {
  /** Resolves when LISTEN is active (changes before that are not reported); rejects if it failed. */
  readonly listening: Promise<void>;
  /** True once LISTEN is active. */
  isSubscribed(): boolean;
  /** Stops listening. */
  stop(): Promise<void>;
}

/** Starts the change feed of `db`, handing every change to `announce`. */
export function startChangeFeed(
  db: Db,
  readers: Readonly<Record<string, RecordReader>>,
  announce: (keys: string[], records?: ChangedRecords) => void,
  logger: StoreLogger,
): ChangeFeed {
  let subscribed = false;
  const onPayload = (payload: string) => {
    const change = parseChangePayload(payload, readers);
    if (change === null) {
      logger.warn({ payload: payload.slice(0, 200) }, `ignored a malformed ${CHANGES_CHANNEL} payload`);
      return;
    }
    announce(change.keys, change.records);
  };
  const stopConnectionWatch = db.onConnectionChange((ready) => {
    if (ready) announce([ALL_KEYS]);
  });
  const unlistening = db.listen(CHANGES_CHANNEL, onPayload).then((unlisten) => {
    subscribed = true;
    return unlisten;
  });
  // openStore awaits `listening`; this only keeps an unobserved failure from being unhandled.
  unlistening.catch((err: unknown) => {
    logger.error({ err: err instanceof Error ? err.message : String(err) }, `LISTEN ${CHANGES_CHANNEL} failed`);
  });
  return {
    listening: unlistening.then(() => undefined),
    isSubscribed: () => subscribed,
    async stop() {
      stopConnectionWatch();
      const unlisten = await unlistening.catch(() => null);
      await unlisten?.().catch(() => {});
    },
  };
}
