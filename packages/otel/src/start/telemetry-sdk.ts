import type { MeterProvider, TracerProvider } from "@opentelemetry/api";
import type { ExportResultLike } from "../ledger/readable-span-like.js";

/**
 * A span exporter of either SDK line (`SpanExporter` of `@opentelemetry/sdk-trace` 3 or of
 * `sdk-trace-base`/`-node` 2), typed by shape so that `@modelpolicy/otel/start` names no SDK
 * package in its types: a service compiles against whichever line it installed.
 */
export interface SpanExporterLike {
  export(spans: readonly unknown[], resultCallback: (result: ExportResultLike) => void): void;
  shutdown(): Promise<void>;
  forceFlush?(): Promise<void>;
}

/** A span processor of either SDK line, typed by shape for the same reason as {@link SpanExporterLike}. */
export interface SpanProcessorLike {
  onStart(span: unknown, parentContext: unknown): void;
  onEnd(span: unknown): void;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** A metric reader of either `@opentelemetry/sdk-metrics` line, typed by shape. */
export interface MetricReaderLike {
  setMetricProducer(metricProducer: unknown): void;
  collect(options?: unknown): Promise<unknown>;
  forceFlush(options?: unknown): Promise<void>;
  shutdown(options?: unknown): Promise<void>;
}

/** A provider `startTelemetry` built: the API provider plus the SDK's flush and shutdown. */
export interface SdkProvider {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** The OTLP/HTTP exporter settings `startTelemetry` sets; the exporter reads the rest from `OTEL_*`. */
export interface OtlpExporterConfig {
  url?: string;
  timeoutMillis?: number;
}

/**
 * One OpenTelemetry SDK line as `startTelemetry` uses it: the same few constructors whichever
 * line the service installed, so the start-up logic is written once. Built by `loadTelemetrySdk`
 * from the line's own packages; nothing here is loaded before `startTelemetry()` runs.
 */
export interface TelemetrySdk {
  /** 3 for `@opentelemetry/sdk-trace` 3.x, 2 for `@opentelemetry/sdk-trace-node` 2.x. */
  readonly line: 2 | 3;
  /**
   * The default resource, `OTEL_RESOURCE_ATTRIBUTES`/`OTEL_SERVICE_NAME` and the host, then each
   * layer merged over the previous one.
   */
  resource(layers: readonly Readonly<Record<string, unknown>>[]): unknown;
  tracerProvider(resource: unknown, spanProcessors: readonly SpanProcessorLike[]): TracerProvider & SdkProvider;
  batchSpanProcessor(exporter: SpanExporterLike): SpanProcessorLike;
  /** Throws unless the trace exporter was loaded (it is only when OTLP traces are on). */
  otlpSpanExporter(config: OtlpExporterConfig): SpanExporterLike;
  meterProvider(resource: unknown, readers: readonly MetricReaderLike[]): MeterProvider & SdkProvider;
  /** A periodic reader over the OTLP/HTTP metric exporter; throws unless that exporter was loaded. */
  otlpMetricReader(config: OtlpExporterConfig, exportIntervalMillis: number): MetricReaderLike;
  /**
   * Makes `tracerProvider` the global one, with an AsyncLocalStorage context manager and W3C
   * trace-context and baggage propagation, as `NodeTracerProvider.register()` did in SDK 2.
   */
  register(tracerProvider: TracerProvider): void;
}
