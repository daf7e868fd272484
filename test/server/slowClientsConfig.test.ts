import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.js';

describe('SLOW_CLIENT_WATERMARK_BYTES and SLOW_CLIENT_TIMEOUT_MS', () => {
  it('are read and validated, with defaults of 256 KiB and 60 s', () => {
    expect(readConfig({}).slowClients).toEqual({ watermarkBytes: 256 * 1024, timeoutMs: 60_000 });
    expect(readConfig({ SLOW_CLIENT_WATERMARK_BYTES: '65536', SLOW_CLIENT_TIMEOUT_MS: '5000' }).slowClients).toEqual({
      watermarkBytes: 65_536,
      timeoutMs: 5_000,
    });
    expect(() => readConfig({ SLOW_CLIENT_WATERMARK_BYTES: '10' })).toThrow(
      'SLOW_CLIENT_WATERMARK_BYTES expects an integer from 1024 to 4194304, but got "10".',
    );
    expect(() => readConfig({ SLOW_CLIENT_TIMEOUT_MS: '1m' })).toThrow('SLOW_CLIENT_TIMEOUT_MS expects an integer from 1000 to 3600000, but got "1m".');
  });
});
