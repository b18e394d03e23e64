// The bundled observability stack as test processes, and clients for what it stores.
export { collectorConfigPaths } from "./collector-config-paths.js";
export { findFreePorts, findNamedFreePorts } from "./free-port.js";
export {
  findTraces,
  getOperations,
  getServices,
  type TraceQuery,
  type WaitForTracesOptions,
  waitForTraces,
} from "./jaeger-api.js";
export {
  getJaegerMetrics,
  type JaegerMetricKind,
  type JaegerMetricSeries,
  type JaegerMetricsQuery,
  waitForJaegerOperationMetrics,
} from "./jaeger-metrics-api.js";
export {
  type JaegerLog,
  type JaegerOperation,
  type JaegerProcess,
  type JaegerReference,
  type JaegerSpan,
  type JaegerTag,
  type JaegerTrace,
  parentSpanId,
  tagValue,
} from "./jaeger-trace.js";
export { JAEGER_MODULE_VERSION, locateJaegerBinary } from "./locate-jaeger-binary.js";
export { locatePrometheusBinary } from "./locate-prometheus-binary.js";
export {
  addExitCleanup,
  type ManagedProcess,
  type ManagedProcessOptions,
  startManagedProcess,
} from "./managed-process.js";
export { type PollOptions, pollUntil } from "./poll.js";
export {
  type PrometheusSample,
  queryPrometheus,
  waitForPrometheusSamples,
  waitForPrometheusTargetsUp,
} from "./prometheus-api.js";
export { type RunningStack, type StartStackOptions, startStack } from "./start-stack.js";
