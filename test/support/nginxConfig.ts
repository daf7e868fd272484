/**
 * deploy/nginx.conf made runnable by a test: the same directives, with the test's listen port,
 * upstream instances, temp paths and logs swapped in, and the proxy timeouts optionally scaled to a
 * shorter KEEPALIVE_MS. Each swap checks that the sample still has what it replaces, so a sample
 * that drifts fails here, saying what was expected, instead of testing something else.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The sample configuration. */
export const SAMPLE_NGINX_CONF = path.resolve('deploy/nginx.conf');

/** What to swap into the sample. */
export interface SampleConfigOptions {
  /** The loopback port nginx listens on. */
  port: number;
  /** Ports of the livedoc instances on 127.0.0.1 (the upstream's servers, in order). */
  upstreams: readonly number[];
  /** Folder for temp files and the access log. */
  dir: string;
  /** Replaces `proxy_read_timeout` and `proxy_send_timeout` (milliseconds); default: the sample's. */
  proxyTimeoutMs?: number;
}

/** The sample's text. */
export function readSampleConfig(): string {
  return readFileSync(SAMPLE_NGINX_CONF, 'utf8');
}

/** The value of a directive that occurs exactly once in `config`; throws when it does not. */
export function directiveValue(config: string, name: string): string {
  const matches = [...config.matchAll(new RegExp(`^\\s*${name}\\s+([^;]+);`, 'gm'))];
  if (matches.length !== 1) {
    throw new Error(`${SAMPLE_NGINX_CONF} should set ${name} exactly once, but sets it ${matches.length} times.`);
  }
  return matches[0]![1]!.trim();
}

/** nginx's time (`75s`, `2500ms`, `1m`; a bare number is seconds) in milliseconds. */
export function nginxTimeMs(value: string): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(value);
  if (!match) throw new Error(`Expected an nginx time such as 75s, but got ${JSON.stringify(value)}.`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'] ?? 1_000;
  return Number(match[1]) * unit;
}

/** nginx's size (`1m`, `512k`, bytes when bare) in bytes. */
export function nginxSizeBytes(value: string): number {
  const match = /^(\d+)([kKmMgG])?$/.exec(value);
  if (!match) throw new Error(`Expected an nginx size such as 1m, but got ${JSON.stringify(value)}.`);
  const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase()] ?? 1;
  return Number(match[1]) * unit;
}

/** The sample with the test's port, instances, temp paths and timeouts. */
export function sampleConfigFor(options: SampleConfigOptions, sample = readSampleConfig()): string {
  let config = replaceOnce(sample, /^(\s*)listen\s+\d+\s*;/m, `$1listen 127.0.0.1:${options.port};`, 'listen <port>;');
  config = replaceUpstreams(config, options.upstreams);
  if (options.proxyTimeoutMs !== undefined) {
    for (const name of ['proxy_read_timeout', 'proxy_send_timeout']) {
      const pattern = new RegExp(`^(\\s*)${name}\\s+[^;]+;`, 'm');
      config = replaceOnce(config, pattern, `$1${name} ${options.proxyTimeoutMs}ms;`, `${name} <time>;`);
    }
  }
  const local = [
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `${kind}_temp_path ${path.join(options.dir, kind)};`),
    `access_log ${path.join(options.dir, 'access.log')};`,
  ];
  config = replaceOnce(config, /^http\s*\{/m, `http {\n  ${local.join('\n  ')}`, 'http {');
  // As root, nginx would switch its workers to `nobody`, who may not enter the temporary folder.
  return process.getuid?.() === 0 ? `user root;\n${config}` : config;
}

/** Replaces the upstream's `server 127.0.0.1:<port> <params>;` lines by one per instance, keeping the params. */
function replaceUpstreams(config: string, ports: readonly number[]): string {
  const pattern = /^(\s*)server\s+127\.0\.0\.1:\d+([^;]*);\n/gm;
  const lines = [...config.matchAll(pattern)];
  if (lines.length < 2) {
    throw new Error(`${SAMPLE_NGINX_CONF} should list two or more upstream servers (server 127.0.0.1:<port> …;), but lists ${lines.length}.`);
  }
  const [, indent = '', params = ''] = lines[0]!;
  let first = true;
  return config.replace(pattern, () => {
    if (!first) return '';
    first = false;
    return ports.map((port) => `${indent}server 127.0.0.1:${port}${params};\n`).join('');
  });
}

function replaceOnce(config: string, pattern: RegExp, replacement: string, what: string): string {
  const count = [...config.matchAll(new RegExp(pattern.source, `${pattern.flags}g`))].length;
  if (count !== 1) throw new Error(`${SAMPLE_NGINX_CONF} should contain "${what}" once, but contains it ${count} times.`);
  return config.replace(pattern, replacement);
}
