import {
  ATTR_MODEL_POLICY_FALLBACK_REASON,
  ATTR_MODEL_POLICY_FALLBACK_USED,
  ATTR_MODEL_POLICY_ID,
  ATTR_MODEL_POLICY_MODEL_SERVED,
  ATTR_MODEL_POLICY_OUTCOME,
  ATTR_MODEL_POLICY_TASK,
  ATTR_MODEL_POLICY_TIME_TO_FIRST_CHUNK,
  ATTR_MODEL_POLICY_VERSION,
  SPAN_MODEL_POLICY_ROUTE_NAME,
} from "@modelpolicy/core/conventions";
import { type JaegerTrace, jaegerTags, searchJaegerTraces } from "../jaeger/jaeger-traces.js";
import { type CallSummary, FAILED_OUTCOMES, traceLink } from "./call-summary.js";

/** What `calls` asks of Jaeger. */
export interface JaegerCallsQuery {
  readonly url: string;
  readonly service: string;
  readonly since: Date;
  readonly until: Date;
  readonly failedOnly: boolean;
  readonly limit: number;
  readonly jaegerUi: string;
  readonly timeoutMs?: number | undefined;
}

/** Stable OTel `error.type`, which the routed span sets to the router's error class on failure. */
const ERROR_TYPE = "error.type";
/** `route ` — what every routed span's name starts with, from its name template `route {model_policy.task}`. */
const ROUTE_SPAN_PREFIX = SPAN_MODEL_POLICY_ROUTE_NAME.slice(0, SPAN_MODEL_POLICY_ROUTE_NAME.indexOf("{"));

/**
 * Recent routed calls from Jaeger: the `route …` spans of the service, newest first. With
 * `failedOnly` it runs one tag search per reason (fallback used, each failed outcome) and keeps
 * only routed spans that match themselves, not traces where some other span did.
 */
export async function jaegerCalls(query: JaegerCallsQuery): Promise<CallSummary[]> {
  const tagSets: (Record<string, string> | undefined)[] = query.failedOnly
    ? [
        { [ATTR_MODEL_POLICY_FALLBACK_USED]: "true" },
        ...FAILED_OUTCOMES.map((outcome) => ({ [ATTR_MODEL_POLICY_OUTCOME]: outcome })),
      ]
    : [undefined];
  const searches = await Promise.all(
    tagSets.map((tags) =>
      searchJaegerTraces({
        url: query.url,
        service: query.service,
        start: query.since,
        end: query.until,
        tags,
        limit: query.limit,
        timeoutMs: query.timeoutMs,
      }),
    ),
  );
  const calls = new Map<string, CallSummary>();
  for (const trace of searches.flat()) {
    for (const call of routedCalls(trace, query)) calls.set(`${call.trace_id}/${call.time}/${call.task}`, call);
  }
  return [...calls.values()].sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0)).slice(0, query.limit);
}

function* routedCalls(trace: JaegerTrace, query: JaegerCallsQuery): Generator<CallSummary> {
  for (const span of trace.spans ?? []) {
    if (!span.operationName.startsWith(ROUTE_SPAN_PREFIX)) continue;
    const service = span.processID === undefined ? undefined : trace.processes?.[span.processID]?.serviceName;
    if (service !== undefined && service !== query.service) continue;
    const tags = jaegerTags(span);
    if (typeof tags.get(ATTR_MODEL_POLICY_TASK) !== "string") continue;
    const outcome = string(tags.get(ATTR_MODEL_POLICY_OUTCOME));
    const fallbackUsed = bool(tags.get(ATTR_MODEL_POLICY_FALLBACK_USED));
    const failed = fallbackUsed === true || (FAILED_OUTCOMES as readonly (string | null)[]).includes(outcome);
    if (query.failedOnly && !failed) continue;
    const endMs = (span.startTime + span.duration) / 1000;
    if (endMs < query.since.getTime() || endMs >= query.until.getTime()) continue;
    const traceId = span.traceID ?? trace.traceID;
    yield {
      time: new Date(endMs).toISOString(),
      task: string(tags.get(ATTR_MODEL_POLICY_TASK)),
      policy_id: string(tags.get(ATTR_MODEL_POLICY_ID)),
      policy_version: string(tags.get(ATTR_MODEL_POLICY_VERSION)),
      outcome,
      fallback_used: fallbackUsed,
      reason: string(tags.get(ERROR_TYPE)) ?? string(tags.get(ATTR_MODEL_POLICY_FALLBACK_REASON)),
      model_served: string(tags.get(ATTR_MODEL_POLICY_MODEL_SERVED)),
      trace_id: traceId,
      time_to_first_chunk_ms: firstChunkMs(tags.get(ATTR_MODEL_POLICY_TIME_TO_FIRST_CHUNK)),
      link: traceLink(query.jaegerUi, traceId),
    };
  }
}

// The span attribute is in seconds, as OpenTelemetry durations are.
function firstChunkMs(value: unknown): number | null {
  const seconds = typeof value === "string" ? Number(value) : value;
  return typeof seconds === "number" && Number.isFinite(seconds) ? Number((seconds * 1000).toFixed(3)) : null;
}

function string(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

// Jaeger sends bool tags as JSON booleans; some pipelines turn them into strings on the way.
function bool(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  return null;
}
