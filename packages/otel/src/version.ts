/** Instrumentation scope name of every tracer and meter this package creates. */
export const INSTRUMENTATION_NAME = "@modelpolicy/otel";

/**
 * Instrumentation scope version; kept equal to package.json's `version` (a test checks it), so
 * a backend can tell which build emitted a span without reading package.json at run time.
 */
export const INSTRUMENTATION_VERSION = "0.1.0";
