import { settleWithin } from "@modelpolicy/core";
import { type Attributes, diag, metrics } from "@opentelemetry/api";
import { installExitHooks } from "./exit-hooks.js";
import { type PackageFinder, packageFinder } from "./installed-package.js";
import { loadTelemetrySdk } from "./load-telemetry-sdk.js";
import type { MetricReaderLike, OtlpExporterConfig, SpanExporterLike, SpanProcessorLike } from "./telemetry-sdk.js";

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
  /** More span processors, run beside the OTLP batch processor; of the SDK line the app installed. */
  spanProcessors?: readonly SpanProcessorLike[];
  /** More span exporters, each behind its own batch processor (e.g. the ledger's `LedgerSpanExporter`). */
  extraSpanExporters?: readonly SpanExporterLike[];
  /** More metric readers, beside the periodic OTLP one; of the `sdk-metrics` line the app installed. */
  metricReaders?: readonly MetricReaderLike[];
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
 * Turns OpenTelemetry on for an app that has none: a tracer provider with an OTLP/HTTP batch
 * exporter, a meter provider with a periodic OTLP/HTTP reader, both registered globally (with the
 * AsyncLocalStorage context manager and W3C propagation), so the middleware, HTTP and vendor
 * instrumentations all report to one place. Built from the SDK pieces rather than NodeSDK, which
 * would pull in gRPC, protobuf, Zipkin and Prometheus exporters this never uses. The SDK is the
 * one the app installed, SDK 3 (`@opentelemetry/sdk-trace`) or SDK 2
 * (`@opentelemetry/sdk-trace-node`), loaded synchronously with `require`; a missing or mixed SDK
 * throws `TelemetrySdkMissingError` naming what to install, before anything is registered. The
 * only place in the library that registers globals; call it once, first thing in `main`.
 */
export function startTelemetry(options: StartTelemetryOptions = {}): TelemetryHandle {
  return startTelemetryFrom(packageFinder(import.meta.url), options);
}

/**
 * {@link startTelemetry} with the SDK packages looked up by `find` instead of from this package.
 * Not part of the public entry: the tests use it to run SDK 2 in a workspace that installs 3.
 */
export function startTelemetryFrom(find: PackageFinder, options: StartTelemetryOptions): TelemetryHandle {
  const env = process.env;
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return DISABLED;
  const timeoutMillis = options.shutdownTimeoutMillis ?? 5_000;
  const otlp = options.otlp ?? true;
  const otlpTraces = otlp && !isNone(env.OTEL_TRACES_EXPORTER);
  const otlpMetrics = otlp && !isNone(env.OTEL_METRICS_EXPORTER);
  const sdk = loadTelemetrySdk(find, { otlpTraces, otlpMetrics });
  const resource = sdk.resource(resourceLayers(options));

  const spanProcessors: SpanProcessorLike[] = [];
  if (otlpTraces) {
    spanProcessors.push(
      sdk.batchSpanProcessor(sdk.otlpSpanExporter(exporterConfig(options.endpoint, "traces", timeoutMillis))),
    );
  }
  for (const exporter of options.extraSpanExporters ?? []) spanProcessors.push(sdk.batchSpanProcessor(exporter));
  spanProcessors.push(...(options.spanProcessors ?? []));
  const tracerProvider = sdk.tracerProvider(resource, spanProcessors);

  const readers: MetricReaderLike[] = [...(options.metricReaders ?? [])];
  if (otlpMetrics) {
    readers.push(
      sdk.otlpMetricReader(
        exporterConfig(options.endpoint, "metrics", timeoutMillis),
        options.metricExportIntervalMillis ?? positiveNumber(env.OTEL_METRIC_EXPORT_INTERVAL) ?? 60_000,
      ),
    );
  }
  const meterProvider = sdk.meterProvider(resource, readers);

  sdk.register(tracerProvider);
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

/** Resource attributes over the SDK's defaults and environment: the option's, then the service name. */
function resourceLayers(options: StartTelemetryOptions): Attributes[] {
  const layers: Attributes[] = [];
  if (options.resourceAttributes) layers.push(options.resourceAttributes);
  if (options.serviceName) layers.push({ "service.name": options.serviceName });
  return layers;
}

/**
 * The OTLP exporter settings that differ from the environment's. The export timeout follows the
 * shutdown timeout unless `OTEL_EXPORTER_OTLP[_SIGNAL]_TIMEOUT` says otherwise: the exporter's
 * retries run on timers that keep a process alive after `shutdown()` gave up waiting, so with
 * the default 10 s a service whose collector is down would linger that long on every exit.
 */
function exporterConfig(
  endpoint: string | undefined,
  signal: "traces" | "metrics",
  timeoutMillis: number,
): OtlpExporterConfig {
  const config: OtlpExporterConfig = {};
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
