import { type Attributes, context, metrics, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  AggregationTemporality,
  type DataPoint,
  type Histogram,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";

/**
 * A real OTel SDK wired to in-memory exporters, plus the async context manager the router's
 * awaits need for parent/child links. No part of the API is mocked: spans and metrics go
 * through the same SDK code an application runs.
 */
export class TelemetryHarness {
  readonly spanExporter = new InMemorySpanExporter();
  readonly metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  readonly tracerProvider: TracerProvider;
  readonly meterProvider: MeterProvider;
  private readonly contextManager = new AsyncLocalStorageContextManager();

  constructor(extraProcessors: SpanProcessor[] = []) {
    this.tracerProvider = new TracerProvider({
      spanProcessors: [new SimpleSpanProcessor({ exporter: this.spanExporter }), ...extraProcessors],
    });
    this.meterProvider = new MeterProvider({
      readers: [new PeriodicExportingMetricReader({ exporter: this.metricExporter, exportIntervalMillis: 3_600_000 })],
    });
    context.setGlobalContextManager(this.contextManager.enable());
  }

  spans(): ReadableSpan[] {
    return this.spanExporter.getFinishedSpans();
  }

  routedSpans(): ReadableSpan[] {
    return this.spans().filter((span) => span.name.startsWith("route "));
  }

  attemptSpans(): ReadableSpan[] {
    return this.spans().filter((span) => span.name.startsWith("chat "));
  }

  /** Data points of one metric after a flush, each with its attributes. */
  async points(name: string): Promise<DataPoint<number | Histogram>[]> {
    await this.meterProvider.forceFlush();
    const batches = this.metricExporter.getMetrics();
    const last = batches[batches.length - 1];
    const found = last?.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((metric) => metric.descriptor.name === name);
    return (found?.dataPoints ?? []) as DataPoint<number | Histogram>[];
  }

  /** The unit and description a metric was created with. */
  async descriptor(name: string) {
    await this.meterProvider.forceFlush();
    const batches = this.metricExporter.getMetrics();
    return batches[batches.length - 1]?.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((metric) => metric.descriptor.name === name)?.descriptor;
  }

  async close(): Promise<void> {
    await this.tracerProvider.shutdown();
    await this.meterProvider.shutdown();
    context.disable();
    trace.disable();
    metrics.disable();
  }
}

/** Every attribute value of every span, joined, for "does this text appear anywhere" checks. */
export function allAttributeText(spans: readonly ReadableSpan[]): string {
  const parts: string[] = [];
  const add = (attributes: Attributes) => {
    for (const value of Object.values(attributes)) parts.push(Array.isArray(value) ? value.join(" ") : String(value));
  };
  for (const span of spans) {
    add(span.attributes);
    for (const event of span.events) add(event.attributes ?? {});
    parts.push(span.status.message ?? "");
  }
  return parts.join("\n");
}
