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

/** What a fulfilled `next` is compared as, so that no thrown value can be mistaken for it. */
const FULFILLED = Symbol("fulfilled");

/** Runs one layer around `next`, then answers what `next` produced (running it now if the layer did not). */
async function guard<T>(layer: Layer<T>, next: () => Promise<T>, report: DiagnosticHandler, label: string): Promise<T> {
  let settled: Promise<T> | undefined;
  const once = () => {
    settled ??= next();
    return settled;
  };
  try {
    await layer(once);
  } catch (error) {
    // A layer that rethrows what `next` rejected with has not failed; anything else it threw has.
    const rejection = settled
      ? await settled.then(
          () => FULFILLED,
          (reason: unknown) => reason,
        )
      : FULFILLED;
    if (error !== rejection) report(`middleware failed in ${label}; the call goes on`, error);
    return once();
  }
  if (!settled) report(`middleware did not call next in ${label}; the call runs without it`);
  return once();
}
