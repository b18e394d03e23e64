import type { BudgetAction, SpendWindow } from "../policy/policy-schema.js";

/**
 * What a policy's spend budget did to a call, at the first target it ruled on: `degrade` moved
 * the call from `fromModel` to the cheaper tier `toTier` (`toModel`), `stop` refused it,
 * `review` let it go on and sent its answer to review.
 */
export interface SpendDecision {
  readonly action: BudgetAction;
  /** When it was decided; on the clock of `RouteRecord.startedAt`. */
  readonly at: number;
  /** The model the call was about to use. */
  readonly fromModel: string;
  readonly toTier: string | undefined;
  readonly toModel: string | undefined;
}

/**
 * A call's view of its policy's spend budget (`RouteRecord.spend`), for telemetry: the limit,
 * the window, what the fleet had spent in it after the call's last priced attempt as this
 * replica knew it, what remains (never below 0), and the decision the budget forced, if any.
 */
export interface SpendReport {
  readonly limitUsd: number;
  readonly window: SpendWindow;
  readonly spentUsd: number;
  readonly remainingUsd: number;
  readonly decision: SpendDecision | undefined;
}
