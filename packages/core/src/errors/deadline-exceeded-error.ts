import type { RouteRecord } from "../router/route-result.js";
import { hasMarker } from "./model-policy-error.js";
import { RoutedCallError } from "./routed-call-error.js";

const MARKER = Symbol.for("modelpolicy.error.deadline_exceeded");

/**
 * The call's deadline passed, or its caller aborted it, before a result was ready. In-flight
 * provider requests were aborted; `record.errorClass` is `timeout` or `aborted`.
 */
export class DeadlineExceededError extends RoutedCallError {
  /** Brand checked by `isInstance`; a symbol key survives duplicate installs where `instanceof` fails. */
  readonly [MARKER] = true;

  constructor(message: string, record: RouteRecord, options?: { cause?: unknown }) {
    super(message, record, options);
    this.name = "DeadlineExceededError";
  }

  static override isInstance(error: unknown): error is DeadlineExceededError {
    return hasMarker(error, MARKER);
  }
}
