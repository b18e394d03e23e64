import type { MetricChange } from "../eval/gate.js";
import { GATE_RULES } from "../eval/gate.js";
import { METRICS } from "../eval/metrics/metric-catalogue.js";

/**
 * A change as people read it: rates in percentage points (`-2.8pp`), everything else relative
 * (`+25.0%`), `new` from zero, empty when either side is unknown or nothing changed.
 */
export function formatChange(change: MetricChange): string {
  if (change.change === null || change.relative === null) return "";
  if (Math.abs(change.change) < 1e-12) return "=";
  const sign = change.change > 0 ? "+" : "-";
  if (METRICS[change.key].unit === "rate") return `${sign}${Math.abs(change.change * 100).toFixed(1)}pp`;
  if (!Number.isFinite(change.relative)) return "new";
  return `${sign}${Math.abs(change.relative * 100).toFixed(1)}%`;
}

/** The gate column: `FAIL` with the rule's flag, `ok` for a watched metric that held, empty otherwise. */
export function formatVerdict(change: MetricChange, limits: Readonly<Record<string, number>>): string {
  if (change.rule === undefined || change.change === null) return "";
  if (!change.regressed) return "ok";
  return `FAIL ${GATE_RULES[change.rule].flag} ${limits[change.rule]}`;
}
