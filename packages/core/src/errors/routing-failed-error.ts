import type { RouteRecord } from "../router/route-result.js";
import { hasMarker } from "./model-policy-error.js";
import { RoutedCallError } from "./routed-call-error.js";

const MARKER = Symbol.for("modelpolicy.error.routing_failed");

/**
 * Every attempt the policy allowed failed, or a failure was of a class the policy does not
 * fall back on, or the fallback chain reached `stop`. `cause` is the last provider error.
 */
export class RoutingFailedError extends RoutedCallError {
  /** Brand checked by `isInstance`; a symbol key survives duplicate installs where `instanceof` fails. */
  readonly [MARKER] = true;

  constructor(message: string, record: RouteRecord, options?: { cause?: unknown }) {
    super(message, record, options);
    this.name = "RoutingFailedError";
  }

  static override isInstance(error: unknown): error is RoutingFailedError {
    return hasMarker(error, MARKER);
  }
}
