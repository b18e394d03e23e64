import { CliError } from "../cli-error.js";
import { EXIT_CODES } from "../exit-codes.js";
import { fetchJson } from "../http/fetch-json.js";

/** A span as Jaeger's HTTP API (`/api/traces`) returns it, reduced to what the CLI reads. */
export interface JaegerSpan {
  readonly traceID: string;
  readonly spanID: string;
  readonly operationName: string;
  /** Microseconds since the epoch. */
  readonly startTime: number;
  /** Microseconds. */
  readonly duration: number;
  readonly processID?: string;
  readonly tags?: readonly { readonly key: string; readonly value: unknown }[];
}

/** One trace of a search, with the service name of each process. */
export interface JaegerTrace {
  readonly traceID: string;
  readonly spans: readonly JaegerSpan[];
  readonly processes?: Readonly<Record<string, { readonly serviceName?: string }>>;
}

/** A trace search: service, window and tag filter, as the Jaeger UI's search form sends it. */
export interface JaegerSearch {
  readonly url: string;
  readonly service: string;
  readonly start: Date;
  readonly end: Date;
  readonly tags?: Readonly<Record<string, string>> | undefined;
  readonly limit: number;
  readonly timeoutMs?: number | undefined;
}

/**
 * Searches traces through the API the Jaeger UI uses (`/api/traces`), which both Jaeger v1 and
 * v2's query service serve. Tags are matched by Jaeger on any span of a trace, so callers still
 * check the span they care about.
 */
export async function searchJaegerTraces(search: JaegerSearch): Promise<JaegerTrace[]> {
  const url = new URL("api/traces", search.url.endsWith("/") ? search.url : `${search.url}/`);
  url.searchParams.set("service", search.service);
  url.searchParams.set("start", String(search.start.getTime() * 1000));
  url.searchParams.set("end", String(search.end.getTime() * 1000));
  url.searchParams.set("limit", String(search.limit));
  if (search.tags !== undefined) url.searchParams.set("tags", JSON.stringify(search.tags));
  const body = (await fetchJson(url, "Jaeger", search.timeoutMs)) as {
    data?: unknown;
    errors?: { msg?: string }[] | null;
  } | null;
  if (body?.data === null && Array.isArray(body.errors) && body.errors.length > 0) {
    throw new CliError(`Jaeger refused the search: ${body.errors[0]?.msg ?? "unknown error"}`, EXIT_CODES.corruptData);
  }
  if (body?.data === null || body?.data === undefined) return [];
  if (!Array.isArray(body.data))
    throw new CliError("Jaeger answered a trace search with no trace list.", EXIT_CODES.corruptData);
  return body.data as JaegerTrace[];
}

/** A span's tags as a map (Jaeger sends a list of `{key, type, value}`). */
export function jaegerTags(span: JaegerSpan): Map<string, unknown> {
  return new Map((span.tags ?? []).map((tag) => [tag.key, tag.value]));
}
