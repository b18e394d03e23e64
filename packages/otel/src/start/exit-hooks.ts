/** The few members of `process` the exit hooks use, so tests can drive them without signals. */
export interface ExitHookTarget {
  readonly pid: number;
  on(event: string, listener: (signal: NodeJS.Signals) => void): unknown;
  removeListener(event: string, listener: (signal: NodeJS.Signals) => void): unknown;
  listenerCount(event: string): number;
  kill(pid: number, signal: NodeJS.Signals): unknown;
}

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

/**
 * Flushes telemetry when the process is about to end, without taking the ending over. On
 * `beforeExit` it flushes once and lets Node exit normally. On SIGTERM or SIGINT it removes its
 * own listeners, flushes, and then, only when the host has no listener of its own for that
 * signal, raises the signal again so Node's default (exit) still happens: Ctrl-C keeps working
 * and the exit code stays the signal's. When the host listens itself, exiting is the host's
 * call. Never calls `process.exit`. Returns a function that removes the hooks.
 */
export function installExitHooks(flush: () => Promise<void>, target: ExitHookTarget = process): () => void {
  let installed = true;
  const uninstall = () => {
    if (!installed) return;
    installed = false;
    for (const signal of SIGNALS) target.removeListener(signal, onSignal);
    target.removeListener("beforeExit", onBeforeExit);
  };
  const flushQuietly = () => flush().catch(() => undefined);

  function onSignal(signal: NodeJS.Signals): void {
    uninstall();
    const hostHandlesIt = target.listenerCount(signal) > 0;
    void flushQuietly().then(() => {
      if (!hostHandlesIt) target.kill(target.pid, signal);
    });
  }

  function onBeforeExit(): void {
    uninstall();
    void flushQuietly();
  }

  for (const signal of SIGNALS) target.on(signal, onSignal);
  target.on("beforeExit", onBeforeExit);
  return uninstall;
}
