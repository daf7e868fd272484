import { describe, expect, it } from 'vitest';
import { resumeOptions } from '../../server/app/resumeConfig.js';
import { readConfig } from '../../server/config.js';

describe('RESUME_SECRET, RESUME_LOG_ENTRIES and RESUME_LOG_BYTES', () => {
  it('are read and validated, with a 64-patch, 64 KiB log by default', () => {
    expect(readConfig({}).resume).toEqual({ logEntries: 64, logBytes: 65_536 });
    const config = readConfig({ RESUME_SECRET: 's'.repeat(32), RESUME_LOG_ENTRIES: '0', RESUME_LOG_BYTES: '1024' }).resume;
    expect(config).toEqual({ logEntries: 0, logBytes: 1024, secret: new TextEncoder().encode('s'.repeat(32)) });
    expect(() => readConfig({ RESUME_SECRET: 'short' })).toThrow('RESUME_SECRET expects at least 32 characters, but got 5.');
    expect(() => readConfig({ RESUME_LOG_ENTRIES: '-1' })).toThrow('RESUME_LOG_ENTRIES expects an integer from 0 to 10000, but got "-1".');
    expect(() => readConfig({ RESUME_LOG_BYTES: 'lots' })).toThrow('RESUME_LOG_BYTES expects an integer from 0 to 16777216 bytes, but got "lots".');
  });

  it('derive the secret from AUTH_SECRET when none is set, the same on every instance, and not the key itself', () => {
    const auth = 'a'.repeat(40);
    const one = resumeOptions({}, auth).secret;
    expect(one).toEqual(resumeOptions(undefined, auth).secret);
    expect(Buffer.from(one!).toString()).not.toContain(auth);
    expect(resumeOptions({ secret: new Uint8Array(32) }, auth).secret).toEqual(new Uint8Array(32));
    expect(resumeOptions({}, undefined).secret).toBeUndefined();
  });
});
