import type { RouteRecord } from "../router/route-result.js";
import { hasMarker } from "./model-policy-error.js";
import { RoutedCallError } from "./routed-call-error.js";

const MARKER = Symbol.for("modelpolicy.error.budget_exceeded");

/**
 * The input was over the policy's `max_input_tokens` and the policy does not escalate. Thrown
 * before any provider call, so it costs nothing; `counted` is at least `allowed + 1` and may be a
 * lower bound when counting stopped early at the limit.
 */
export class BudgetExceededError extends RoutedCallError {
  /** Brand checked by `isInstance`; a symbol key survives duplicate installs where `instanceof` fails. */
  readonly [MARKER] = true;
  /** Tokens counted in the input (counting stops just past the limit). */
  readonly counted: number;
  /** The policy's input-token budget. */
  readonly allowed: number;

  constructor(counted: number, allowed: number, record: RouteRecord) {
    super(
      `input of task "${record.task}" has at least ${counted} tokens; policy ${record.policy.id}@${record.policy.version} allows ${allowed}`,
      record,
    );
    this.name = "BudgetExceededError";
    this.counted = counted;
    this.allowed = allowed;
  }

  static override isInstance(error: unknown): error is BudgetExceededError {
    return hasMarker(error, MARKER);
  }
}
