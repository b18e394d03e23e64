import { CliError } from "../cli-error.js";
import { EXIT_CODES } from "../exit-codes.js";
import { fetchJson } from "../http/fetch-json.js";

/** One series of an instant vector: its labels and value (`NaN` kept as `NaN`). */
export interface PrometheusSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Where and how to query Prometheus. */
export interface PrometheusTarget {
  /** Base URL, e.g. `http://127.0.0.1:9090` (a path prefix is kept). */
  readonly url: string;
  readonly timeoutMs?: number | undefined;
}

/**
 * Runs one instant query through the HTTP API (`/api/v1/query`) at `time` (default: now) and
 * returns its vector. An error answer (bad PromQL, a timeout inside Prometheus) or a result of
 * another shape exits 5: it means the query and the server disagree, not that nothing was spent.
 */
export async function prometheusQuery(
  target: PrometheusTarget,
  query: string,
  time?: Date,
): Promise<PrometheusSample[]> {
  const url = new URL("api/v1/query", target.url.endsWith("/") ? target.url : `${target.url}/`);
  url.searchParams.set("query", query);
  if (time !== undefined) url.searchParams.set("time", (time.getTime() / 1000).toFixed(3));
  const body = (await fetchJson(url, "Prometheus", target.timeoutMs)) as {
    status?: unknown;
    error?: unknown;
    data?: { resultType?: unknown; result?: unknown };
  } | null;
  if (body?.status !== "success") {
    const message = typeof body?.error === "string" ? body.error : "no success status";
    throw new CliError(`Prometheus refused the query ${query}: ${message}`, EXIT_CODES.corruptData);
  }
  const result = body.data?.result;
  if (body.data?.resultType !== "vector" || !Array.isArray(result)) {
    throw new CliError(
      `Prometheus answered ${query} with something other than an instant vector.`,
      EXIT_CODES.corruptData,
    );
  }
  return result.map((series: { metric?: Record<string, string>; value?: [number, string] }) => ({
    labels: series.metric ?? {},
    value: Number(series.value?.[1]),
  }));
}
