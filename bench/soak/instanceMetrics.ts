/**
 * What each instance says about itself at the end, from its Prometheus `/metrics`: open connections,
 * live queries and groups, messages and bytes sent, slow clients dropped, closes by code. A restarted
 * instance counts from its restart.
 */
import type { Instance } from './cluster.js';

/** The `livedoc_*` samples of one instance, by `name{labels}`. */
export type InstanceMetrics = Record<string, number>;

const KEPT = [
  'livedoc_connections_open',
  'livedoc_live_queries',
  'livedoc_live_query_groups',
  'livedoc_patch_messages_sent_total',
  'livedoc_sent_bytes_total',
  'livedoc_slow_clients_dropped_total',
  'livedoc_websocket_closes_total',
  'livedoc_limits_hit_total',
  // Resumed subscriptions by answer (empty, patch, whole), where the server resumes.
  'livedoc_live_resumes_total',
];

/** Reads the kept samples of `instance` (nonzero ones only) with the cluster's metrics token. */
export async function readInstanceMetrics(instance: Instance, token: string): Promise<InstanceMetrics> {
  const response = await fetch(instance.httpUrl.replace(/\/graphql$/, '/metrics'), { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`Expected 200 from /metrics of instance ${instance.index}, but got ${response.status}.`);
  const metrics: InstanceMetrics = {};
  for (const line of (await response.text()).split('\n')) {
    const match = /^(livedoc_[a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (!match || !KEPT.includes(match[1]!)) continue;
    const value = Number(match[3]);
    if (value !== 0) metrics[`${match[1]}${match[2] ?? ''}`] = value;
  }
  return metrics;
}
