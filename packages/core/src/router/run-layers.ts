import type { DiagnosticHandler } from "../diagnostic-handler.js";

/** One middleware hook bound to its argument: receives `next`, may return anything. */
export type Layer<T> = (next: () => Promise<T>) => unknown;

/**
 * Runs `inner` wrapped by `layers` (the first is outermost) so that no layer can change the
 * outcome: each layer's `next` runs `inner` at most once, its value or rejection is what the
 * caller gets, a layer that throws is reported and ignored, and a layer that never calls `next`
 * is bypassed. This is what lets telemetry sit in the hot path without ever breaking a call.
 */
export function runLayers<T>(
  layers: readonly Layer<T>[],
  inner: () => Promise<T>,
  report: DiagnosticHandler,
  label: string,
): Promise<T> {
  let next = inner;
  for (let index = layers.length - 1; index >= 0; index -= 1) {
    const layer = layers[index] as Layer<T>;
    const innerNext = next;
    next = () => guard(layer, innerNext, report, label);
  }
  return next();
}

/**
 * Runs one layer around `next`. Sync-first: no `async` wrapper, so a layer that returns a promise
 * costs one `then` on it, not an extra promise and two awaits per layer and call; the caller
 * still resumes only after the layer's own promise settled (its span has ended).
 */
function guard<T>(layer: Layer<T>, next: () => Promise<T>, report: DiagnosticHandler, label: string): Promise<T> {
  let settled: Promise<T> | undefined;
  const once = () => {
    settled ??= next();
    return settled;
  };
  const done = (): Promise<T> => {
    if (!settled) {
      report(`middleware did not call next in ${label}; the call runs without it`);
      return once();
    }
    return settled;
  };
  const failed = (error: unknown): Promise<T> => {
    if (!settled) {
      report(`middleware failed in ${label}; the call goes on`, error);
      return once();
    }
    // A layer that rethrows what `next` rejected with has not failed; anything else it threw has.
    return settled.then(
      (value) => {
        report(`middleware failed in ${label}; the call goes on`, error);
        return value;
      },
      (rejection: unknown) => {
        if (error !== rejection) report(`middleware failed in ${label}; the call goes on`, error);
        throw rejection;
      },
    );
  };
  let returned: unknown;
  try {
    returned = layer(once);
  } catch (error) {
    return failed(error);
  }
  if (isThenable(returned)) return Promise.resolve(returned).then(done, failed);
  return done();
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as PromiseLike<unknown>).then === "function"
  );
}
