/** The process logger: JSON lines in production, one-line text otherwise (pino). */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the root logger at `level` ('silent' in tests). */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined });
}
