import { type Context, context, type Exception, type Span, SpanStatusCode } from "@opentelemetry/api";
import { ATTR_ERROR_TYPE } from "./semconv.js";
import type { TelemetryErrorHandler } from "./telemetry-error-handler.js";

/**
 * Runs `next` with the span's context active. A context manager that throws before calling
 * `next` must not cost the work, so `next` then runs outside the span's context instead.
 */
export function runInContext<T>(
  spanContext: Context,
  next: () => Promise<T>,
  report: TelemetryErrorHandler,
): Promise<T> {
  let called = false;
  const run = () => {
    called = true;
    return next();
  };
  try {
    return context.with(spanContext, run);
  } catch (error) {
    if (called) throw error;
    report("could not activate the span's context; the work goes on outside it", error);
    return next();
  }
}

/**
 * Marks a span failed: `error.type`, status ERROR with the error's message when it is an
 * exception we record, and the `exception` event. Provider messages never get here: attempts
 * pass `recordException: false`.
 */
export function markFailed(span: Span, errorType: string, error: unknown, recordException: boolean): void {
  span.setAttribute(ATTR_ERROR_TYPE, errorType);
  if (recordException && error !== undefined) span.recordException(asException(error));
  const message = recordException && error instanceof Error ? error.message : undefined;
  span.setStatus(message === undefined ? { code: SpanStatusCode.ERROR } : { code: SpanStatusCode.ERROR, message });
}

/** Ends a span; a span processor that throws on end is reported, never passed on. */
export function endSpan(span: Span, report: TelemetryErrorHandler): void {
  try {
    span.end();
  } catch (error) {
    report("a span processor failed while ending a span", error);
  }
}

/**
 * Fails open when a span cannot start: reports, ends whatever was started, and lets the caller
 * run its work without a span, as instrumentation-openai does.
 */
export function abandon(span: Span | undefined, error: unknown, report: TelemetryErrorHandler): void {
  report("could not start a span; the call goes on without one", error);
  if (span !== undefined) endSpan(span, report);
}

function asException(error: unknown): Exception {
  if (error instanceof Error || typeof error === "string") return error;
  return String(error);
}
