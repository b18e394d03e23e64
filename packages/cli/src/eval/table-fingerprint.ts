import { createHash } from "node:crypto";
import type { PolicyTable } from "@modelpolicy/core";

/**
 * A short digest of everything in a table that can change an eval's answers: its version, tier
 * bindings, prices, latency tiers and every policy's digest. Results on disk carry it, so
 * `--resume` never mixes the answers of two tables.
 */
export function tableFingerprint(table: PolicyTable): string {
  const content = JSON.stringify({
    version: table.version,
    tiers: table.tierOrder.map((name) => [name, table.tiers[name]]),
    prices: Object.entries(table.prices).sort(([a], [b]) => a.localeCompare(b)),
    latencyTiers: Object.entries(table.latencyTiers).sort(([a], [b]) => a.localeCompare(b)),
    policies: table.policies.map((policy) => [policy.task, policy.digest]),
    unknownTask: table.unknownTask ?? null,
  });
  return createHash("sha256").update(content).digest("hex").slice(0, 12);
}
