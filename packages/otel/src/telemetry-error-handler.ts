import { diag } from "@opentelemetry/api";

/**
 * Receives the failures telemetry swallows on purpose (a span that could not start, a throwing
 * span processor, a broken meter). Same shape as core's `DiagnosticHandler`, so a router's
 * `onDiagnostic` can be passed as is.
 */
export type TelemetryErrorHandler = (message: string, error: unknown) => void;

/**
 * Wraps the user's handler (default: OpenTelemetry's `diag.error`) so that reporting can never
 * throw either: losing a log line beats changing the host's behaviour.
 */
export function safeErrorHandler(handler: TelemetryErrorHandler | undefined): TelemetryErrorHandler {
  const target = handler ?? ((message: string, error: unknown) => diag.error(`@modelpolicy/otel: ${message}`, error));
  return (message, error) => {
    try {
      target(message, error);
    } catch {
      // A failing error handler has nowhere left to report to.
    }
  };
}
