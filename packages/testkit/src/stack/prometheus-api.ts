import { type PollOptions, pollUntil } from "./poll.js";

/** One series of an instant-query result: its labels and `[unixSeconds, "value"]`. */
export interface PrometheusSample {
  metric: Record<string, string>;
  value: [number, string];
}

interface PrometheusResponse<T> {
  status: "success" | "error";
  data?: T;
  errorType?: string;
  error?: string;
}

/**
 * Runs an instant PromQL query (`GET /api/v1/query`) and returns the resulting vector. Rejects on
 * a query error and on a non-vector result (scalars and matrices are not what cost queries ask).
 */
export async function queryPrometheus(prometheusUrl: string, promql: string): Promise<PrometheusSample[]> {
  const url = new URL("/api/v1/query", prometheusUrl);
  url.searchParams.set("query", promql);
  const response = await fetch(url);
  const body = (await response.json()) as PrometheusResponse<{ resultType: string; result: PrometheusSample[] }>;
  if (body.status !== "success" || body.data === undefined) {
    throw new Error(`PromQL ${promql} -> ${body.errorType ?? response.status}: ${body.error ?? "no data"}`);
  }
  if (body.data.resultType !== "vector") {
    throw new Error(`PromQL ${promql} returned a ${body.data.resultType}, expected a vector`);
  }
  return body.data.result;
}

/**
 * Polls `promql` until it returns a non-empty vector. A metric sent to the collector appears only
 * after the batch processor flushes and Prometheus scrapes the exporter, which takes a moment.
 */
export function waitForPrometheusSamples(
  prometheusUrl: string,
  promql: string,
  options: PollOptions = {},
): Promise<PrometheusSample[]> {
  return pollUntil(
    async () => {
      const samples = await queryPrometheus(prometheusUrl, promql);
      return samples.length > 0 ? samples : undefined;
    },
    { timeoutMs: 15_000, intervalMs: 250, describe: () => `samples for ${promql}`, ...options },
  );
}

/** A scrape target's state from `/api/v1/targets`. */
interface PrometheusTarget {
  scrapeUrl: string;
  health: "up" | "down" | "unknown";
  lastError: string;
}

/**
 * Polls `/api/v1/targets` until every active target is `up`, so the first query after startup
 * already sees scraped data instead of racing the first scrape.
 */
export function waitForPrometheusTargetsUp(prometheusUrl: string, options: PollOptions = {}): Promise<void> {
  let last: PrometheusTarget[] = [];
  return pollUntil(
    async () => {
      const response = await fetch(new URL("/api/v1/targets", prometheusUrl));
      const body = (await response.json()) as PrometheusResponse<{ activeTargets: PrometheusTarget[] }>;
      last = body.data?.activeTargets ?? [];
      return last.length > 0 && last.every((target) => target.health === "up") ? true : undefined;
    },
    {
      describe: () =>
        `Prometheus targets up (${last.map((target) => `${target.scrapeUrl}: ${target.health} ${target.lastError}`).join(", ") || "none yet"})`,
      ...options,
    },
  ).then(() => undefined);
}
