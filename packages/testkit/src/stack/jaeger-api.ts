import type { JaegerOperation, JaegerTrace } from "./jaeger-trace.js";
import { type PollOptions, pollUntil } from "./poll.js";

/** The envelope every Jaeger HTTP API answer comes in. */
interface JaegerResponse<T> {
  data: T | null;
  errors: { code: number; msg: string }[] | null;
}

/** A search over Jaeger's `/api/traces`, the same query the UI's search form sends. */
export interface TraceQuery {
  service: string;
  operation?: string;
  /** Span or process tags that must all match; Jaeger compares values as strings. */
  tags?: Record<string, string | number | boolean>;
  /** Maximum number of traces (Jaeger's default is 20). */
  limit?: number;
  /** How far back to search, in milliseconds (default: Jaeger's own, two days). */
  lookbackMs?: number;
}

async function getJaeger<T>(queryUrl: string, path: string, params: Record<string, string>): Promise<T> {
  const url = new URL(path, queryUrl);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} -> ${response.status}: ${text.slice(0, 500)}`);
  const body = JSON.parse(text) as JaegerResponse<T>;
  if (body.errors !== null && body.errors.length > 0) {
    throw new Error(`GET ${url} -> ${body.errors.map((error) => error.msg).join("; ")}`);
  }
  return body.data as T;
}

/** Names of the services Jaeger has spans for (`GET /api/services`). */
export async function getServices(queryUrl: string): Promise<string[]> {
  return (await getJaeger<string[] | null>(queryUrl, "/api/services", {})) ?? [];
}

/** Operations (span names) recorded for `service` (`GET /api/operations?service=`). */
export async function getOperations(queryUrl: string, service: string): Promise<JaegerOperation[]> {
  return (await getJaeger<JaegerOperation[] | null>(queryUrl, "/api/operations", { service })) ?? [];
}

/** Traces matching `query` (`GET /api/traces?service=&operation=&tags=`), newest first. */
export async function findTraces(queryUrl: string, query: TraceQuery): Promise<JaegerTrace[]> {
  const params: Record<string, string> = { service: query.service };
  if (query.operation !== undefined) params.operation = query.operation;
  if (query.tags !== undefined) {
    const tags = Object.fromEntries(Object.entries(query.tags).map(([key, value]) => [key, String(value)]));
    params.tags = JSON.stringify(tags);
  }
  if (query.limit !== undefined) params.limit = String(query.limit);
  if (query.lookbackMs !== undefined) {
    const nowMicros = Date.now() * 1_000;
    params.start = String(nowMicros - query.lookbackMs * 1_000);
    params.end = String(nowMicros + 60_000_000); // tolerate a minute of clock skew in sent spans
  }
  return (await getJaeger<JaegerTrace[] | null>(queryUrl, "/api/traces", params)) ?? [];
}

/** `PollOptions` plus how many matching traces to wait for. */
export interface WaitForTracesOptions extends PollOptions {
  /** Resolve once at least this many traces match (default 1). */
  minCount?: number;
}

/**
 * Polls `findTraces` until at least `minCount` traces match. Spans reach Jaeger through the
 * collector's batch processor and exporter, so a test that just sent one must wait for it.
 */
export function waitForTraces(
  queryUrl: string,
  query: TraceQuery,
  options: WaitForTracesOptions = {},
): Promise<JaegerTrace[]> {
  const minCount = options.minCount ?? 1;
  let lastCount = 0;
  return pollUntil(
    async () => {
      const traces = await findTraces(queryUrl, query);
      lastCount = traces.length;
      return traces.length >= minCount ? traces : undefined;
    },
    {
      timeoutMs: 15_000,
      intervalMs: 200,
      ...options,
      describe: () =>
        options.describe?.() ?? `${minCount} trace(s) for ${JSON.stringify(query)} in Jaeger (found ${lastCount})`,
    },
  );
}
