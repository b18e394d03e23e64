/**
 * Waits for `work` at most `timeoutMs`, then resolves anyway: `true` when `work` settled in time
 * (fulfilled or rejected alike), `false` when the time ran out first. Shutdown and flush paths
 * use it so that an unreachable collector or a wedged exporter delays a process by a bounded
 * time, never by its own retry schedule. The timer is unref'd, so it never keeps a process alive.
 */
export function settleWithin(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
    const settled = () => {
      clearTimeout(timer);
      resolve(true);
    };
    work.then(settled, settled);
  });
}
