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

const TASK = "model_policy.task";
const OUTCOME = "model_policy.outcome";
const FALLBACK_USED = "model_policy.fallback.used";

/**
 * Recent routed calls from Jaeger: the `route …` spans of the service, newest first. With
 * `failedOnly` it runs one tag search per reason (fallback used, each failed outcome) and keeps
 * only routed spans that match themselves, not traces where some other span did.
 */
export async function jaegerCalls(query: JaegerCallsQuery): Promise<CallSummary[]> {
  const tagSets: (Record<string, string> | undefined)[] = query.failedOnly
    ? [{ [FALLBACK_USED]: "true" }, ...FAILED_OUTCOMES.map((outcome) => ({ [OUTCOME]: outcome }))]
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
    if (!span.operationName.startsWith("route ")) continue;
    const service = span.processID === undefined ? undefined : trace.processes?.[span.processID]?.serviceName;
    if (service !== undefined && service !== query.service) continue;
    const tags = jaegerTags(span);
    if (typeof tags.get(TASK) !== "string") continue;
    const outcome = string(tags.get(OUTCOME));
    const fallbackUsed = bool(tags.get(FALLBACK_USED));
    const failed = fallbackUsed === true || (FAILED_OUTCOMES as readonly (string | null)[]).includes(outcome);
    if (query.failedOnly && !failed) continue;
    const endMs = (span.startTime + span.duration) / 1000;
    if (endMs < query.since.getTime() || endMs >= query.until.getTime()) continue;
    const traceId = span.traceID ?? trace.traceID;
    yield {
      time: new Date(endMs).toISOString(),
      task: string(tags.get(TASK)),
      policy_id: string(tags.get("model_policy.id")),
      policy_version: string(tags.get("model_policy.version")),
      outcome,
      fallback_used: fallbackUsed,
      reason: string(tags.get("error.type")) ?? string(tags.get("model_policy.fallback.reason")),
      model_served: string(tags.get("model_policy.model.served")),
      trace_id: traceId,
      link: traceLink(query.jaegerUi, traceId),
    };
  }
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
