export { type ExitHookTarget, installExitHooks } from "./exit-hooks.js";
export { type StartTelemetryOptions, startTelemetry, type TelemetryHandle } from "./start-telemetry.js";
export type { MetricReaderLike, SpanExporterLike, SpanProcessorLike } from "./telemetry-sdk.js";
export { TelemetrySdkMissingError } from "./telemetry-sdk-missing-error.js";
