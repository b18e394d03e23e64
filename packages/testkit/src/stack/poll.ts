/** How `pollUntil` polls and what it says when it gives up. */
export interface PollOptions {
  /** Give up after this long (default 10 000 ms). */
  timeoutMs?: number;
  /** Pause between probes (default 100 ms). */
  intervalMs?: number;
  /** Names what was awaited; evaluated at timeout, so it may describe the current state. */
  describe?: () => string;
  /** Checked before every probe; a returned reason rejects at once (e.g. "the server exited"). */
  abortIf?: () => string | undefined;
}

/**
 * Calls the async `probe` until it resolves to something other than `undefined`, and resolves
 * with that value; a probe that throws counts as "not yet" (a server that is still starting
 * refuses connections). Rejects after the timeout naming what was awaited and the last probe
 * error. Processes and exporters become ready asynchronously, so the stack polls, never sleeps.
 */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, options: PollOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const abortReason = options.abortIf?.();
    if (abortReason !== undefined) {
      throw new Error(`gave up waiting for ${options.describe?.() ?? "condition"}: ${abortReason}`);
    }
    try {
      const result = await probe();
      if (result !== undefined) return result;
    } catch (error) {
      // A failing probe is an expected "not ready yet"; keep the reason for the timeout message.
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const what = options.describe?.() ?? "condition";
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
