import { type TracerProvider as ApiTracerProvider, context, propagation, trace } from "@opentelemetry/api";
import type { InstalledPackage } from "./installed-package.js";
import type { OtlpExporterConfig, SpanExporterLike, TelemetrySdk } from "./telemetry-sdk.js";

// The modules are `require`d at run time from whatever the host installed; these types are only
// for checking our calls against each line's real API (SDK 2 through the dev-only aliases). The
// resources API is the same in both lines, so one type serves.
type SdkTrace3 = typeof import("@opentelemetry/sdk-trace");
type SdkTraceNode2 = typeof import("sdk-trace-node-v2");
type SdkMetrics3 = typeof import("@opentelemetry/sdk-metrics");
type SdkMetrics2 = typeof import("sdk-metrics-v2");
type Resources = typeof import("@opentelemetry/resources");
type Resource = import("@opentelemetry/resources").Resource;
type ContextAsyncHooks = typeof import("@opentelemetry/context-async-hooks");
type Core = typeof import("@opentelemetry/core");
/** The OTLP/HTTP exporters have the same constructor in 0.2xx and 0.3xx. */
type TraceExporterModule = { OTLPTraceExporter: new (config: OtlpExporterConfig) => SpanExporterLike };
type MetricExporterModule = { OTLPMetricExporter: new (config: OtlpExporterConfig) => unknown };

/** The packages of one line that `loadTelemetrySdk` found and checked. */
export interface LinePackages {
  /** `@opentelemetry/sdk-trace` 3 or `@opentelemetry/sdk-trace-node` 2. */
  readonly trace: InstalledPackage;
  readonly resources: InstalledPackage;
  readonly metrics: InstalledPackage;
  /** Line 3 only: SDK 3 has no `register()`, so the context manager comes from its own package. */
  readonly contextManager?: InstalledPackage | undefined;
  /** Present when OTLP traces are on. */
  readonly traceExporter?: InstalledPackage | undefined;
  /** Present when OTLP metrics are on. */
  readonly metricExporter?: InstalledPackage | undefined;
}

/**
 * The uniform {@link TelemetrySdk} over one line's packages. The two lines differ in three places:
 * the provider class (`TracerProvider` / `NodeTracerProvider`), the processor constructors
 * (`{ exporter }` / a bare exporter) and registration (done here in SDK 3, by `register()` in 2).
 * Objects cross from us to the SDK as the structural types of `telemetry-sdk.ts`, hence the casts.
 */
export function telemetrySdkOfLine(line: 2 | 3, packages: LinePackages): TelemetrySdk {
  const resources = packages.resources.load() as Resources;
  const common = {
    line,
    resource(layers: readonly Readonly<Record<string, unknown>>[]): unknown {
      let resource = resources
        .defaultResource()
        .merge(resources.detectResources({ detectors: [resources.envDetector, resources.hostDetector] }));
      for (const layer of layers) resource = resource.merge(resources.resourceFromAttributes(layer));
      return resource;
    },
    otlpSpanExporter(config: OtlpExporterConfig): SpanExporterLike {
      const { OTLPTraceExporter } = loaded(packages.traceExporter) as TraceExporterModule;
      return new OTLPTraceExporter(config);
    },
  };
  const otlpMetricExporter = (config: OtlpExporterConfig) => {
    const { OTLPMetricExporter } = loaded(packages.metricExporter) as MetricExporterModule;
    return new OTLPMetricExporter(config);
  };

  if (line === 3) {
    const sdkTrace = packages.trace.load() as SdkTrace3;
    const sdkMetrics = packages.metrics.load() as SdkMetrics3;
    type Exporter = ConstructorParameters<SdkTrace3["BatchSpanProcessor"]>[0]["exporter"];
    type Processor = NonNullable<ConstructorParameters<SdkTrace3["TracerProvider"]>[0]>["spanProcessors"];
    type Readers = NonNullable<ConstructorParameters<SdkMetrics3["MeterProvider"]>[0]>["readers"];
    type MetricExporter = ConstructorParameters<SdkMetrics3["PeriodicExportingMetricReader"]>[0]["exporter"];
    return {
      ...common,
      tracerProvider: (resource, spanProcessors) =>
        new sdkTrace.TracerProvider({
          resource: resource as Resource,
          spanProcessors: [...spanProcessors] as Processor,
        }),
      batchSpanProcessor: (exporter) => new sdkTrace.BatchSpanProcessor({ exporter: exporter as Exporter }),
      meterProvider: (resource, readers) =>
        new sdkMetrics.MeterProvider({ resource: resource as Resource, readers: [...readers] as Readers }),
      otlpMetricReader: (config, exportIntervalMillis) =>
        new sdkMetrics.PeriodicExportingMetricReader({
          exporter: otlpMetricExporter(config) as MetricExporter,
          exportIntervalMillis,
        }),
      register(tracerProvider: ApiTracerProvider) {
        const { AsyncLocalStorageContextManager } = loaded(packages.contextManager) as ContextAsyncHooks;
        // The SDK's own copy of core, so the propagators are of the same line.
        const core = loaded(packages.trace.dependency("@opentelemetry/core")) as Core;
        context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
        propagation.setGlobalPropagator(
          new core.CompositePropagator({
            propagators: [new core.W3CTraceContextPropagator(), new core.W3CBaggagePropagator()],
          }),
        );
        trace.setGlobalTracerProvider(tracerProvider);
      },
    };
  }

  const sdkTrace = packages.trace.load() as SdkTraceNode2;
  const sdkMetrics = packages.metrics.load() as SdkMetrics2;
  type Exporter = ConstructorParameters<SdkTraceNode2["BatchSpanProcessor"]>[0];
  type Processor = NonNullable<ConstructorParameters<SdkTraceNode2["NodeTracerProvider"]>[0]>["spanProcessors"];
  type Readers = NonNullable<ConstructorParameters<SdkMetrics2["MeterProvider"]>[0]>["readers"];
  type MetricExporter = ConstructorParameters<SdkMetrics2["PeriodicExportingMetricReader"]>[0]["exporter"];
  return {
    ...common,
    tracerProvider: (resource, spanProcessors) =>
      new sdkTrace.NodeTracerProvider({
        resource: resource as Resource,
        spanProcessors: [...spanProcessors] as Processor,
      }),
    batchSpanProcessor: (exporter) => new sdkTrace.BatchSpanProcessor(exporter as Exporter),
    meterProvider: (resource, readers) =>
      new sdkMetrics.MeterProvider({ resource: resource as Resource, readers: [...readers] as Readers }),
    otlpMetricReader: (config, exportIntervalMillis) =>
      new sdkMetrics.PeriodicExportingMetricReader({
        exporter: otlpMetricExporter(config) as MetricExporter,
        exportIntervalMillis,
      }),
    register(tracerProvider: ApiTracerProvider) {
      // NodeTracerProvider.register() sets the AsyncLocalStorage context manager and W3C propagation.
      (tracerProvider as InstanceType<SdkTraceNode2["NodeTracerProvider"]>).register();
    },
  };
}

function loaded(found: InstalledPackage | undefined): unknown {
  if (found === undefined) throw new Error("@modelpolicy/otel: an SDK package was used that was not loaded");
  return found.load();
}
