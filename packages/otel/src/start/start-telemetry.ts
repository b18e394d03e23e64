import { type Attributes, diag, metrics } from "@opentelemetry/api";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  type Resource,
  resourceFromAttributes,
} from "@opentelemetry/resources";
import { MeterProvider, type MetricReader, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  type SpanExporter,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-node";
import { installExitHooks } from "./exit-hooks.js";
import { settleWithin } from "./settle-within.js";

/** Options of {@link startTelemetry}; the standard `OTEL_*` environment covers the rest. */
export interface StartTelemetryOptions {
  /** `service.name`; wins over `OTEL_SERVICE_NAME`, as in the OTel NodeSDK. */
  serviceName?: string;
  /** Extra resource attributes, e.g. `deployment.environment.name`. */
  resourceAttributes?: Attributes;
  /**
   * Base OTLP/HTTP URL (`/v1/traces` and `/v1/metrics` are appended). Defaults to
   * `OTEL_EXPORTER_OTLP_ENDPOINT` and the per-signal variables, else `http://localhost:4318`.
   */
  endpoint?: string;
  /**
   * Export over OTLP at all (default true). False keeps only `extraSpanExporters`,
   * `spanProcessors` and `metricReaders`: an app with no collector that still wants its local
   * ledger. `OTEL_TRACES_EXPORTER=none` / `OTEL_METRICS_EXPORTER=none` turn off one signal.
   */
  otlp?: boolean;
  /** More span processors, run beside the OTLP batch processor (e.g. the ledger's). */
  spanProcessors?: SpanProcessor[];
  /** More span exporters, each behind its own batch processor. */
  extraSpanExporters?: SpanExporter[];
  /** More metric readers, beside the periodic OTLP one. */
  metricReaders?: MetricReader[];
  /** How often metrics are exported; defaults to `OTEL_METRIC_EXPORT_INTERVAL`, else 60 s. */
  metricExportIntervalMillis?: number;
  /** Upper bound on `shutdown()` and `forceFlush()`, even when the collector is down. Default 5 s. */
  shutdownTimeoutMillis?: number;
  /** Flush on SIGTERM, SIGINT and `beforeExit` (default true). See `installExitHooks`. */
  exitHooks?: boolean;
}

/** What {@link startTelemetry} returns: the way to flush and stop what it started. */
export interface TelemetryHandle {
  /** False when `OTEL_SDK_DISABLED=true` made the whole start a no-op. */
  readonly enabled: boolean;
  /** Exports what is buffered; resolves within the shutdown timeout whatever the collector does. */
  forceFlush(): Promise<void>;
  /** Flushes and stops the providers and removes the exit hooks; bounded like `forceFlush`. Idempotent. */
  shutdown(): Promise<void>;
}

const DISABLED: TelemetryHandle = {
  enabled: false,
  forceFlush: async () => undefined,
  shutdown: async () => undefined,
};

/**
 * Turns OpenTelemetry on for an app that has none: a Node tracer provider with an OTLP/HTTP
 * batch exporter, a meter provider with a periodic OTLP/HTTP reader, both registered globally
 * (with the async-hooks context manager and W3C propagation), so the middleware, HTTP and vendor
 * instrumentations all report to one place. Built from the SDK pieces rather than NodeSDK, which
 * would pull in gRPC, protobuf, Zipkin and Prometheus exporters this never uses. The only place
 * in the library that registers globals; call it once, first thing in `main`.
 */
export function startTelemetry(options: StartTelemetryOptions = {}): TelemetryHandle {
  const env = process.env;
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return DISABLED;
  const timeoutMillis = options.shutdownTimeoutMillis ?? 5_000;
  const resource = resourceOf(options);

  const spanProcessors: SpanProcessor[] = [];
  const otlp = options.otlp ?? true;
  if (otlp && !isNone(env.OTEL_TRACES_EXPORTER)) {
    spanProcessors.push(
      new BatchSpanProcessor(new OTLPTraceExporter(exporterConfig(options.endpoint, "traces", timeoutMillis))),
    );
  }
  for (const exporter of options.extraSpanExporters ?? []) spanProcessors.push(new BatchSpanProcessor(exporter));
  spanProcessors.push(...(options.spanProcessors ?? []));
  const tracerProvider = new NodeTracerProvider({ resource, spanProcessors });

  const readers: MetricReader[] = [...(options.metricReaders ?? [])];
  if (otlp && !isNone(env.OTEL_METRICS_EXPORTER)) {
    readers.push(
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter(exporterConfig(options.endpoint, "metrics", timeoutMillis)),
        exportIntervalMillis:
          options.metricExportIntervalMillis ?? positiveNumber(env.OTEL_METRIC_EXPORT_INTERVAL) ?? 60_000,
      }),
    );
  }
  const meterProvider = new MeterProvider({ resource, readers });

  tracerProvider.register();
  metrics.setGlobalMeterProvider(meterProvider);

  const bounded = async (what: string, work: () => Promise<unknown>[]) => {
    const settled = Promise.allSettled(work()).then((results) => {
      for (const result of results)
        if (result.status === "rejected") diag.error(`@modelpolicy/otel: ${what} failed`, result.reason);
    });
    if (!(await settleWithin(settled, timeoutMillis)))
      diag.warn(`@modelpolicy/otel: ${what} gave up after ${timeoutMillis} ms`);
  };
  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    removeExitHooks();
    stopping ??= bounded("telemetry shutdown", () => [tracerProvider.shutdown(), meterProvider.shutdown()]);
    return stopping;
  };
  const removeExitHooks = options.exitHooks === false ? () => undefined : installExitHooks(shutdown);

  return {
    enabled: true,
    forceFlush: () => bounded("telemetry flush", () => [tracerProvider.forceFlush(), meterProvider.forceFlush()]),
    shutdown,
  };
}

function resourceOf(options: StartTelemetryOptions): Resource {
  let resource = defaultResource().merge(detectResources({ detectors: [envDetector, hostDetector] }));
  if (options.resourceAttributes) resource = resource.merge(resourceFromAttributes(options.resourceAttributes));
  if (options.serviceName) resource = resource.merge(resourceFromAttributes({ "service.name": options.serviceName }));
  return resource;
}

/**
 * The OTLP exporter settings that differ from the environment's. The export timeout follows the
 * shutdown timeout unless `OTEL_EXPORTER_OTLP[_SIGNAL]_TIMEOUT` says otherwise: the exporter's
 * retries run on timers that keep a process alive after `shutdown()` gave up waiting, so with
 * the default 10 s a service whose collector is down would linger that long on every exit.
 */
function exporterConfig(endpoint: string | undefined, signal: "traces" | "metrics", timeoutMillis: number) {
  const config: { url?: string; timeoutMillis?: number } = {};
  if (endpoint) config.url = `${endpoint.replace(/\/+$/, "")}/v1/${signal}`;
  const env = process.env;
  if (!env.OTEL_EXPORTER_OTLP_TIMEOUT && !env[`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_TIMEOUT`]) {
    config.timeoutMillis = timeoutMillis;
  }
  return config;
}

function isNone(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === "none";
}

function positiveNumber(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}
