/** How `waitUntil` polls and what it says when it gives up. */
export interface WaitUntilOptions {
  /** Give up after this long (default 5000 ms). */
  timeoutMs?: number;
  /** Poll interval (default 10 ms). */
  intervalMs?: number;
  /** Describes what was awaited, evaluated at timeout so it can include the current state. */
  describe?: () => string;
}

/**
 * Polls `probe` until it returns something other than `undefined` and resolves with it, or rejects
 * after the timeout with a message that says what was awaited. Telemetry arrives asynchronously
 * (batch processors, exporters), so tests poll for an outcome rather than sleep a guessed amount.
 */
export async function waitUntil<T>(probe: () => T | undefined, options: WaitUntilOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const intervalMs = options.intervalMs ?? 10;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = probe();
    if (result !== undefined) return result;
    if (Date.now() >= deadline) {
      const what = options.describe?.() ?? "condition";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
