import { type BulkheadPolicy, bulkhead } from "cockatiel";
import type { LatencyTierConfig } from "../policy/policy-schema.js";

/**
 * One cockatiel bulkhead per latency tier: its own concurrency limit and queue, so a fast-tier
 * call never waits behind slow-tier calls, and a tier that backs up sheds its own load.
 */
export class LatencyBulkheads {
  private readonly bulkheads = new Map<string, BulkheadPolicy>();

  constructor(tiers: Readonly<Record<string, LatencyTierConfig>>) {
    for (const [name, config] of Object.entries(tiers)) {
      this.bulkheads.set(name, bulkhead(config.max_concurrent, config.max_queue));
    }
  }

  /** The bulkhead of a declared latency tier (the table loader guarantees it exists). */
  get(tier: string): BulkheadPolicy {
    const found = this.bulkheads.get(tier);
    if (!found) throw new Error(`latency tier "${tier}" has no bulkhead`);
    return found;
  }
}
