import { guardDiagnostic } from "@modelpolicy/core";
import { diag } from "@opentelemetry/api";

/**
 * Receives the failures telemetry swallows on purpose (a span that could not start, a throwing
 * span processor, a broken meter). Same shape as core's `DiagnosticHandler`, so a router's
 * `onDiagnostic` can be passed as is.
 */
export type TelemetryErrorHandler = (message: string, error: unknown) => void;

/**
 * The user's handler (default: OpenTelemetry's `diag.error`) behind core's `guardDiagnostic`, so
 * that reporting can never throw either: losing a log line beats changing the host's behaviour.
 */
export function safeErrorHandler(handler: TelemetryErrorHandler | undefined): TelemetryErrorHandler {
  return guardDiagnostic(handler ?? ((message, error) => diag.error(`@modelpolicy/otel: ${message}`, error)));
}
