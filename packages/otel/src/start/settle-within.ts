/**
 * Waits for `work` at most `timeoutMillis`, then resolves anyway with `false`. Shutdown paths
 * use it so an unreachable collector delays a process's exit by a bounded time, not by the
 * exporter's own retry schedule. The timer is unref'd: it never keeps the process alive.
 */
export function settleWithin(work: Promise<unknown>, timeoutMillis: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMillis);
    timer.unref?.();
    work.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(true);
      },
    );
  });
}
