/**
 * Waits for `work` at most `ms`, then resolves anyway with `false`: every wait in the suite is
 * bounded, so a wedged exporter fails a test instead of hanging the run. The timer is unref'd.
 */
export function settleWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      resolve(true);
    };
    work.then(done, done);
  });
}
