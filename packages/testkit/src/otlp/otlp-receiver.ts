import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { delayUnlessClosed, LoopbackHttpServer, readRequestBody } from "@modelpolicy/fake-provider";
import { waitUntil } from "../http/wait-until.js";
import { decodeLogs, type LogRecord, type OtlpLogsRequest } from "./log-record.js";
import { decodeMetrics, type MetricPoint, type OtlpMetricsRequest } from "./metric-point.js";
import { decodeTraces, type OtlpTracesRequest, type SpanRecord } from "./span-record.js";

/** How `failNext` fails export requests. */
export interface OtlpFailure {
  /** Default 503, which OTLP exporters treat as retryable. */
  status?: number;
  /** Sets `Retry-After`, which OTLP/HTTP exporters honour between retries. */
  retryAfterSeconds?: number;
}

/** One export request as received, for asserting on exporter headers, compression and retries. */
export interface OtlpRequestRecord {
  path: string;
  headers: IncomingHttpHeaders;
  /** Status the receiver answered with; `undefined` if the client gave up first. */
  status: number | undefined;
  time: number;
}

/** Matches records by count (at least n received) or by predicate (at least one matches). */
export type RecordMatch<T> = number | ((record: T) => boolean);

const JSON_RESPONSE = { "content-type": "application/json" };

/**
 * An OTLP/HTTP receiver on 127.0.0.1 that decodes JSON exports (gzip too) into flat span, metric
 * and log records. It stands in for the collector in tests, so the spans an app really exports can
 * be asserted without Docker, and collector faults (503, slowness) can be scripted to prove that
 * telemetry failures never change the app's behaviour. Protobuf is answered with 415: configure
 * exporters for JSON (`@opentelemetry/exporter-*-otlp-http` sends JSON by default).
 */
export class OtlpReceiver {
  /** Spans from accepted exports, in arrival order. */
  readonly spans: SpanRecord[] = [];
  /** Metric data points from accepted exports, in arrival order. */
  readonly metrics: MetricPoint[] = [];
  /** Log records from accepted exports, in arrival order. */
  readonly logs: LogRecord[] = [];
  /** Every request on any path, failed ones included. */
  readonly requests: OtlpRequestRecord[] = [];
  /** Spans accepted since start (not reset by `clear()`, so retries and drops can be counted). */
  spansReceived = 0;
  private failuresLeft = 0;
  private failure: OtlpFailure = {};
  private delayMs = 0;
  private readonly http = new LoopbackHttpServer((request, response) => this.handle(request, response));

  /** Starts listening on a free port; idempotent. */
  async start(port = 0): Promise<{ endpoint: string; port: number }> {
    const bound = await this.http.listen(port);
    return { endpoint: `http://127.0.0.1:${bound}`, port: bound };
  }

  /** `http://127.0.0.1:PORT`, the value for `OTEL_EXPORTER_OTLP_ENDPOINT`; throws before `start()`. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.http.port}`;
  }

  /** Full traces URL, the `url` option of `OTLPTraceExporter`. */
  get tracesUrl(): string {
    return `${this.endpoint}/v1/traces`;
  }

  /** Full metrics URL, the `url` option of `OTLPMetricExporter`. */
  get metricsUrl(): string {
    return `${this.endpoint}/v1/metrics`;
  }

  /** Full logs URL, the `url` option of `OTLPLogExporter`. */
  get logsUrl(): string {
    return `${this.endpoint}/v1/logs`;
  }

  /** Requests received on any path, failed and delayed ones included. */
  get requestsReceived(): number {
    return this.requests.length;
  }

  /** Makes the next `count` export requests fail (default 503) without storing their data. */
  failNext(count: number, failure: OtlpFailure = {}): this {
    this.failuresLeft = count;
    this.failure = failure;
    return this;
  }

  /**
   * Delays every answer by `ms` (0 turns it off). Data of a request whose client gives up during
   * the delay is not stored, matching what the exporter believes happened.
   */
  setDelay(ms: number): this {
    this.delayMs = ms;
    return this;
  }

  /**
   * Resolves with the received spans once `match` holds: a number waits for at least that many
   * spans and resolves with all of them; a predicate waits for at least one match and resolves
   * with all matches. Rejects after `timeoutMs` listing the span names that did arrive.
   */
  waitForSpans(match: RecordMatch<SpanRecord>, timeoutMs = 5_000): Promise<SpanRecord[]> {
    return waitForRecords(this.spans, match, timeoutMs, "span", (span) => span.name);
  }

  /** Like `waitForSpans`, for metric data points (names listed on timeout). */
  waitForMetrics(match: RecordMatch<MetricPoint>, timeoutMs = 5_000): Promise<MetricPoint[]> {
    return waitForRecords(this.metrics, match, timeoutMs, "metric point", (point) => point.name);
  }

  /** Like `waitForSpans`, for log records (bodies listed on timeout). */
  waitForLogs(match: RecordMatch<LogRecord>, timeoutMs = 5_000): Promise<LogRecord[]> {
    return waitForRecords(this.logs, match, timeoutMs, "log record", (log) => String(log.body));
  }

  /** Forgets received data, requests and scripted faults; counters since start stay. */
  clear(): void {
    this.spans.length = 0;
    this.metrics.length = 0;
    this.logs.length = 0;
    this.requests.length = 0;
    this.failuresLeft = 0;
    this.delayMs = 0;
  }

  /** Stops the receiver and destroys open connections. */
  async close(): Promise<void> {
    await this.http.close();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? "/").split("?")[0]!;
    const record: OtlpRequestRecord = { path, headers: request.headers, status: undefined, time: Date.now() };
    this.requests.push(record);
    const body = await readRequestBody(request);
    const answer = (status: number, payload: unknown, headers: Record<string, string> = JSON_RESPONSE) => {
      record.status = status;
      response.writeHead(status, headers).end(typeof payload === "string" ? payload : JSON.stringify(payload));
    };

    if (this.delayMs > 0 && !(await delayUnlessClosed(this.delayMs, response))) return;
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      const headers: Record<string, string> = { ...JSON_RESPONSE };
      if (this.failure.retryAfterSeconds !== undefined) headers["retry-after"] = String(this.failure.retryAfterSeconds);
      answer(this.failure.status ?? 503, { code: 14, message: "testkit: scripted failure" }, headers);
      return;
    }
    if (request.method !== "POST" || !["/v1/traces", "/v1/metrics", "/v1/logs"].includes(path)) {
      answer(404, { code: 5, message: `testkit: no OTLP endpoint at ${request.method} ${path}` });
      return;
    }
    const contentType = request.headers["content-type"] ?? "";
    if (!contentType.includes("json")) {
      answer(415, { code: 3, message: `testkit: only application/json is supported, got "${contentType}"` });
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString("utf8"));
    } catch {
      answer(400, { code: 3, message: "testkit: body is not valid JSON" });
      return;
    }
    this.store(path, payload);
    answer(200, {});
  }

  private store(path: string, payload: unknown): void {
    if (path === "/v1/traces") {
      const spans = decodeTraces(payload as OtlpTracesRequest);
      this.spans.push(...spans);
      this.spansReceived += spans.length;
    } else if (path === "/v1/metrics") {
      this.metrics.push(...decodeMetrics(payload as OtlpMetricsRequest));
    } else {
      this.logs.push(...decodeLogs(payload as OtlpLogsRequest));
    }
  }
}

function waitForRecords<T>(
  records: T[],
  match: RecordMatch<T>,
  timeoutMs: number,
  noun: string,
  label: (record: T) => string,
): Promise<T[]> {
  const wanted = typeof match === "number" ? `${match} ${noun}(s)` : `a ${noun} matching the predicate`;
  return waitUntil(
    () => {
      if (typeof match === "number") return records.length >= match ? [...records] : undefined;
      const matches = records.filter(match);
      return matches.length > 0 ? matches : undefined;
    },
    {
      timeoutMs,
      describe: () => {
        const names = records.slice(0, 20).map(label).join(", ");
        return `${wanted}; received ${records.length}${records.length > 0 ? `: ${names}` : ""}${records.length > 20 ? ", …" : ""}`;
      },
    },
  );
}
