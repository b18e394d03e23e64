import type { SpendWindow } from "../policy/policy-schema.js";
import type { RouteRecord } from "../router/route-result.js";
import { hasMarker } from "./model-policy-error.js";
import { RoutedCallError } from "./routed-call-error.js";

const MARKER = Symbol.for("modelpolicy.error.budget_exhausted");

/**
 * The policy's spend budget for the current window was used up and its `on_exhausted` is
 * `stop`. Raised before the target the budget ruled on, so that target cost nothing; the record
 * is `rejected` when no attempt was sent yet and `failed` when earlier attempts were (their cost
 * is in it), with `errorClass` `budget_exhausted` either way.
 */
export class BudgetExhaustedError extends RoutedCallError {
  /** Brand checked by `isInstance`; a symbol key survives duplicate installs where `instanceof` fails. */
  readonly [MARKER] = true;
  /** The policy's budget in USD per window. */
  readonly limitUsd: number;
  /** USD the fleet had spent in the window, as this replica knew it. */
  readonly spentUsd: number;
  readonly window: SpendWindow;

  constructor(limitUsd: number, spentUsd: number, window: SpendWindow, record: RouteRecord) {
    super(
      `spend budget of policy ${record.policy.id}@${record.policy.version} is used up: ${spentUsd.toFixed(4)} of ${limitUsd} USD this ${window} (task "${record.task}")`,
      record,
    );
    this.name = "BudgetExhaustedError";
    this.limitUsd = limitUsd;
    this.spentUsd = spentUsd;
    this.window = window;
  }

  static override isInstance(error: unknown): error is BudgetExhaustedError {
    return hasMarker(error, MARKER);
  }
}
