import { type PollOptions, pollUntil } from "./poll.js";

/** Which of Jaeger's Monitor-tab series to ask for (`/api/metrics/{kind}`). */
export type JaegerMetricKind = "calls" | "latencies" | "errors";

/** A query of Jaeger's metrics API, the one the Monitor tab sends for a service. */
export interface JaegerMetricsQuery {
  service: string;
  kind: JaegerMetricKind;
  /** One series per operation (span name) instead of one for the service (default true). */
  groupByOperation?: boolean;
  /** Span kinds to include; Jaeger's own default is `server` only, which routed spans are not. */
  spanKinds?: ("unspecified" | "internal" | "server" | "client" | "producer" | "consumer")[];
  /** Quantile for `latencies` (default 0.95). */
  quantile?: number;
  /** Window ending now, in milliseconds (default 5 minutes). */
  lookbackMs?: number;
  /** Distance between points, in milliseconds (default 5 000). */
  stepMs?: number;
  /** The PromQL `rate()` window, in milliseconds (default 60 000). */
  ratePerMs?: number;
}

/** One series of a Monitor-tab answer, flattened: its labels and its numeric points. */
export interface JaegerMetricSeries {
  /** Labels such as `service_name` and, when grouped by operation, `operation`. */
  labels: Record<string, string>;
  /** Point values in time order; `NaN` where Prometheus had no value (e.g. no rate yet). */
  values: number[];
}

/** Jaeger's JSON rendering of its `MetricFamily` protobuf (fields it may omit are optional). */
interface MetricFamilyJson {
  name?: string;
  metrics?: {
    labels?: { name: string; value: string }[];
    metricPoints?: { gaugeValue?: { doubleValue?: number | string } }[];
  }[];
}

/**
 * Asks Jaeger's metrics API (`GET /api/metrics/{calls|latencies|errors}`), which reads the
 * spanmetrics series from its Prometheus backend: the very answer the UI's Monitor tab draws.
 * Throws on an HTTP error, e.g. when no metrics backend is configured or Prometheus is down.
 */
export async function getJaegerMetrics(queryUrl: string, query: JaegerMetricsQuery): Promise<JaegerMetricSeries[]> {
  const url = new URL(`/api/metrics/${query.kind}`, queryUrl);
  url.searchParams.set("service", query.service);
  url.searchParams.set("groupByOperation", String(query.groupByOperation ?? true));
  url.searchParams.set("endTs", String(Date.now()));
  url.searchParams.set("lookback", String(query.lookbackMs ?? 5 * 60_000));
  url.searchParams.set("step", String(query.stepMs ?? 5_000));
  url.searchParams.set("ratePer", String(query.ratePerMs ?? 60_000));
  if (query.kind === "latencies") url.searchParams.set("quantile", String(query.quantile ?? 0.95));
  for (const kind of query.spanKinds ?? []) url.searchParams.append("spanKind", kind);
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} -> ${response.status}: ${text.slice(0, 500)}`);
  const family = JSON.parse(text) as MetricFamilyJson;
  return (family.metrics ?? []).map((metric) => ({
    labels: Object.fromEntries((metric.labels ?? []).map((label) => [label.name, label.value])),
    // Prometheus's NaN (a quantile over no rate) arrives as the string "NaN".
    values: (metric.metricPoints ?? []).map((point) => Number(point.gaugeValue?.doubleValue ?? Number.NaN)),
  }));
}

/**
 * Polls `getJaegerMetrics` until every name in `operations` has a series with a positive value.
 * Span metrics travel span -> collector connector (flush interval) -> exporter -> Prometheus scrape
 * -> Jaeger's PromQL, so a test that just sent spans must wait for them.
 */
export function waitForJaegerOperationMetrics(
  queryUrl: string,
  query: JaegerMetricsQuery,
  operations: string[],
  options: PollOptions = {},
): Promise<JaegerMetricSeries[]> {
  let missing = operations;
  let last: JaegerMetricSeries[] = [];
  return pollUntil(
    async () => {
      const series = await getJaegerMetrics(queryUrl, { ...query, groupByOperation: true });
      last = series;
      const answered = new Set(
        series.filter((one) => one.values.some((value) => value > 0)).map((one) => one.labels.operation),
      );
      missing = operations.filter((operation) => !answered.has(operation));
      return missing.length === 0 ? series : undefined;
    },
    {
      timeoutMs: 20_000,
      intervalMs: 500,
      ...options,
      describe: () =>
        options.describe?.() ??
        `Jaeger ${query.kind} metrics of ${query.service} for ${missing.join(", ")} (last answer: ${JSON.stringify(last)})`,
    },
  );
}
