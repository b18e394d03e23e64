import { formatTable } from "../format/text-table.js";
import type { CallSummary } from "./call-summary.js";
import type { FirstChunkStats } from "./first-chunk-stats.js";

/** Output formats of `modelpolicy calls`. */
export const CALLS_FORMATS = ["table", "json"] as const;

/** One of {@link CALLS_FORMATS}. */
export type CallsFormat = (typeof CALLS_FORMATS)[number];

/**
 * Prints calls newest first. The table shows `policy@version` in one column and the trace link
 * last, so it can be clicked in a terminal, then, when some calls streamed, the time to first
 * chunk per task (`firstChunk`). JSON stays the list of calls, each with its own
 * `time_to_first_chunk_ms`, so scripts that read it keep working.
 */
export function renderCalls(
  calls: readonly CallSummary[],
  format: CallsFormat,
  firstChunk: readonly FirstChunkStats[] = [],
): string {
  if (format === "json") return `${JSON.stringify(calls, null, 2)}\n`;
  if (calls.length === 0) return "no matching calls.\n";
  const dash = (value: string | null) => value ?? "-";
  return listTable(calls, dash) + firstChunkTable(firstChunk, dash);
}

function listTable(calls: readonly CallSummary[], dash: (value: string | null) => string): string {
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

function firstChunkTable(stats: readonly FirstChunkStats[], dash: (value: string | null) => string): string {
  if (stats.length === 0) return "";
  const ms = (value: number | null) =>
    value === null ? "-" : value >= 100 ? String(Math.round(value)) : value.toFixed(1);
  return `\ntime to first chunk of streamed calls (router.stream), per task:\n${formatTable(
    ["task", "streamed_calls", "ttfc_p50_ms", "ttfc_p95_ms"],
    stats.map((row) => [dash(row.task), String(row.streamed_calls), ms(row.p50_ms), ms(row.p95_ms)]),
    { align: ["left", "right", "right", "right"] },
  )}`;
}
