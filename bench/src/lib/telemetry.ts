import { context, metrics, type TracerProvider, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import type { ExportResult } from "@opentelemetry/core";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import {
  BatchSpanProcessor,
  type ReadableSpan,
  TracerProvider as SdkTracerProvider,
  type SpanExporter,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace";

/**
 * The exporter every instrumented variant shares: counts spans and drops them, so export cost is
 * the same (near zero) for all and the difference between variants is the instrumentation itself.
 */
export class CountingSpanExporter implements SpanExporter {
  spans = 0;
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.spans += spans.length;
    resultCallback({ code: 0 });
  }
  async shutdown(): Promise<void> {}
  async forceFlush(): Promise<void> {}
}

/** The process's OTel SDK as a benchmark variant sets it up. */
export interface BenchTelemetry {
  readonly tracerProvider: SdkTracerProvider;
  readonly meterProvider: MeterProvider;
  readonly exporter: CountingSpanExporter;
  /**
   * Exports everything buffered (spans; metrics are collected on their own 60 s interval), after
   * one `setImmediate` turn so work an instrumentation deferred off the caller's path (the
   * middleware's metric batch) lands inside the block's CPU window too.
   */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Registers an SDK TracerProvider (AsyncLocalStorage context manager) with a BatchSpanProcessor
 * over the counting exporter, plus any `extraProcessors` (the ledger), and a global MeterProvider
 * with a periodic reader into memory, as a service with OTel set up would have.
 */
export function setUpTelemetry(extraProcessors: readonly SpanProcessor[] = []): BenchTelemetry {
  const exporter = new CountingSpanExporter();
  const tracerProvider = new SdkTracerProvider({
    spanProcessors: [new BatchSpanProcessor({ exporter }), ...extraProcessors],
  });
  registerGlobally(tracerProvider);
  const meterProvider = new MeterProvider({
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
        exportIntervalMillis: 60_000,
      }),
    ],
  });
  metrics.setGlobalMeterProvider(meterProvider);
  return {
    tracerProvider,
    meterProvider,
    exporter,
    flush: async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      await tracerProvider.forceFlush();
    },
    shutdown: async () => {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

export type { TracerProvider };

/**
 * What `NodeTracerProvider.register()` did before SDK 3 merged the trace packages: the
 * AsyncLocalStorage context manager, so spans nest across awaits, and the global provider.
 */
export function registerGlobally(provider: SdkTracerProvider): void {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
}
