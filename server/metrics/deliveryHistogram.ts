/**
 * The delivery-time histogram as prom-client exports it, read from {@link DeliveryTimes} at scrape
 * time. prom-client's own `observe` costs about 300 ns and a few allocations per call, and a delivery
 * is observed once per member write (10,000 members: 3 ms per patch); our accumulator costs a few
 * nanoseconds. So this histogram is never observed: it overrides the one method prom-client's
 * registry reads a metric's values with (`getForPromString`, which `get` uses too).
 */
import { Histogram, type Registry } from 'prom-client';
import { DELIVERY_BUCKETS, type DeliveryTimes } from './deliveryTimes.js';

/** One exported sample. */
interface Sample {
  value: number;
  labels: Record<string, string | number>;
  metricName: string;
}

/** A histogram whose samples come from `times`. */
export class DeliveryHistogram extends Histogram {
  readonly #name: string;
  readonly #help: string;
  readonly #times: DeliveryTimes;

  constructor(name: string, help: string, times: DeliveryTimes, registry: Registry) {
    super({ name, help, buckets: [...DELIVERY_BUCKETS], registers: [registry] });
    this.#name = name;
    this.#help = help;
    this.#times = times;
  }

  /** The samples in prom-client's shape: cumulative buckets, then sum and count. */
  getForPromString(): Promise<{ name: string; help: string; type: 'histogram'; aggregator: 'sum'; values: Sample[] }> {
    const totals = this.#times.totals;
    const values: Sample[] = [];
    let cumulative = 0;
    for (let i = 0; i < totals.length; i++) {
      cumulative += totals[i] ?? 0;
      const le = DELIVERY_BUCKETS[i] ?? '+Inf';
      values.push({ value: cumulative, labels: { le }, metricName: `${this.#name}_bucket` });
    }
    values.push({ value: this.#times.sumSeconds, labels: {}, metricName: `${this.#name}_sum` });
    values.push({ value: cumulative, labels: {}, metricName: `${this.#name}_count` });
    return Promise.resolve({ name: this.#name, help: this.#help, type: 'histogram', aggregator: 'sum', values });
  }
}
