import { formatTable } from "../format/text-table.js";
import type { CallSummary } from "./call-summary.js";

/** Output formats of `modelpolicy calls`. */
export const CALLS_FORMATS = ["table", "json"] as const;

/** One of {@link CALLS_FORMATS}. */
export type CallsFormat = (typeof CALLS_FORMATS)[number];

/**
 * Prints calls newest first. The table shows `policy@version` in one column and the trace link
 * last, so it can be clicked in a terminal; JSON keeps every field apart.
 */
export function renderCalls(calls: readonly CallSummary[], format: CallsFormat): string {
  if (format === "json") return `${JSON.stringify(calls, null, 2)}\n`;
  if (calls.length === 0) return "no matching calls.\n";
  const dash = (value: string | null) => value ?? "-";
  return formatTable(
    ["time", "task", "policy", "outcome", "reason", "model_served", "trace_id", "link"],
    calls.map((call) => [
      call.time,
      dash(call.task),
      `${dash(call.policy_id)}@${dash(call.policy_version)}`,
      `${dash(call.outcome)}${call.fallback_used && call.outcome !== "fallback_ok" ? " (fallback)" : ""}`,
      dash(call.reason),
      dash(call.model_served),
      dash(call.trace_id),
      dash(call.link),
    ]),
  );
}
