/**
 * One routed call as `modelpolicy calls` lists it, from either source. `reason` is the error type
 * when the call failed, else the fallback reason, so one column answers "why is it here".
 */
export interface CallSummary {
  /** ISO-8601 UTC end time. */
  readonly time: string;
  readonly task: string | null;
  readonly policy_id: string | null;
  readonly policy_version: string | null;
  readonly outcome: string | null;
  readonly fallback_used: boolean | null;
  readonly reason: string | null;
  readonly model_served: string | null;
  readonly trace_id: string | null;
  /** For a streamed call, milliseconds from its start to the first chunk the caller got; else `null`. */
  readonly time_to_first_chunk_ms: number | null;
  /** Where to look at the whole trace: `{jaegerUi}/trace/{trace_id}`. */
  readonly link: string | null;
}

/** Outcomes `calls --failed` lists (besides any call that used a fallback). */
export const FAILED_OUTCOMES = ["failed", "rejected"] as const;

/** The Jaeger UI link of a trace. */
export function traceLink(jaegerUi: string, traceId: string | null): string | null {
  return traceId === null ? null : `${jaegerUi.replace(/\/+$/, "")}/trace/${traceId}`;
}
