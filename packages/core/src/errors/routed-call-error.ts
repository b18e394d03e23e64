import type { RouteRecord } from "../router/route-result.js";
import { hasMarker, ModelPolicyError } from "./model-policy-error.js";

const MARKER = Symbol.for("modelpolicy.error.routed_call");

/**
 * A runtime failure of a routed call, as opposed to a misconfiguration. It carries the same
 * record a successful call returns (policy, attempts, usage, cost, outcome), so the caller and
 * the telemetry can say what the call did before it failed.
 */
export class RoutedCallError extends ModelPolicyError {
  /** Brand checked by `isInstance`; a symbol key survives duplicate installs where `instanceof` fails. */
  readonly [MARKER] = true;

  /** What the call did before failing; `outcome` is `rejected` or `failed`. */
  readonly record: RouteRecord;

  constructor(message: string, record: RouteRecord, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RoutedCallError";
    this.record = record;
  }

  /** The error class that ended the call (`rate_limit`, `timeout`, …), for `error.type`. */
  get errorClass(): string {
    return this.record.errorClass ?? "unknown";
  }

  /** True for any routed-call error, whichever copy of the package made it. */
  static override isInstance(error: unknown): error is RoutedCallError {
    return hasMarker(error, MARKER);
  }
}
