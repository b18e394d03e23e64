/**
 * Receives errors that modelpolicy swallows on purpose: a throwing middleware, an unknown price,
 * a telemetry failure. The call goes on; the error is reported here. Replace it to route them to
 * your logger (the OTel package routes them to `diag`).
 */
export type DiagnosticHandler = (message: string, error?: unknown) => void;

/**
 * The default handler: `console.warn`, at most once per distinct message every `intervalMs`,
 * so a failing dependency under load warns instead of flooding the log.
 */
export function rateLimitedWarn(intervalMs = 10_000): DiagnosticHandler {
  const lastWarned = new Map<string, number>();
  return (message, error) => {
    const now = Date.now();
    const last = lastWarned.get(message);
    if (last !== undefined && now - last < intervalMs) return;
    if (lastWarned.size > 1000) lastWarned.clear();
    lastWarned.set(message, now);
    const detail = error instanceof Error ? `: ${error.message}` : error === undefined ? "" : `: ${String(error)}`;
    console.warn(`[modelpolicy] ${message}${detail}`);
  };
}

/**
 * Wraps a diagnostic handler so that it can never throw into its caller: a user's handler that
 * fails loses its report, never a call's result or a span. Every place that reports what it
 * swallows goes through it — the router, and the OTel package's middleware and ledger exporter.
 */
export function guardDiagnostic(handler: DiagnosticHandler): DiagnosticHandler {
  return (message, error) => {
    try {
      handler(message, error);
    } catch {
      // A failing diagnostic handler has nowhere left to report to.
    }
  };
}
