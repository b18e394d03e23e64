import { DEFAULT_TOKENS_PER_FILE, DEFAULT_TOKENS_PER_IMAGE } from "../adapter/content-part.js";
import type { ChatMessage } from "../adapter/model-adapter.js";
import type { ToolDefinition } from "../adapter/tool-definition.js";
import { checkInputBudget, type PartTokens } from "../budget/check-input-budget.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import type { PolicyTable, ResolvedPolicy } from "../policy/policy-table.js";
import type { CallState } from "./call-state.js";

/**
 * Checks a call's input against its policy's budget before anything is sent, and answers the
 * tier the call starts on: the policy's own when the input fits; else, for a policy that
 * escalates, the first later tier whose context window fits. Records the count in `state`.
 * Throws {@link BudgetExceededError} (outcome `rejected`) when nothing fits.
 */
export function admitInput(
  table: PolicyTable,
  policy: ResolvedPolicy,
  messages: readonly ChatMessage[],
  state: CallState,
  tools?: readonly ToolDefinition[],
): string {
  state.inputTokens = checkInputBudget(messages, policy.max_input_tokens, tools, partTokensOf(policy));
  if (state.inputTokens.withinBudget) return policy.model_tier;
  const escalated =
    policy.on_budget_exceeded === "escalate" ? escalationTier(table, policy, messages, tools) : undefined;
  if (!escalated) {
    throw new BudgetExceededError(
      state.inputTokens.tokens,
      policy.max_input_tokens,
      state.toRecord("rejected", "budget_exceeded"),
    );
  }
  state.escalatedToTier = escalated;
  return escalated;
}

/**
 * The first tier after the policy's own whose context window fits the input and the output
 * limit, up to the policy's `max_tier`; tiers that do not declare a window are passed over,
 * since fitting cannot be known.
 */
function escalationTier(
  table: PolicyTable,
  policy: ResolvedPolicy,
  messages: readonly ChatMessage[],
  tools: readonly ToolDefinition[] | undefined,
): string | undefined {
  const order = table.tierOrder;
  const cap = policy.max_tier === undefined ? order.length : order.indexOf(policy.max_tier) + 1;
  for (const tier of order.slice(order.indexOf(policy.model_tier) + 1, cap)) {
    const window = table.tiers[tier]?.context_window;
    if (window === undefined) continue;
    if (checkInputBudget(messages, window - policy.max_output_tokens, tools, partTokensOf(policy)).withinBudget)
      return tier;
  }
  return undefined;
}

/** The policy's bounds for image and file parts, or the documented defaults. */
function partTokensOf(policy: ResolvedPolicy): PartTokens {
  return {
    image: policy.max_tokens_per_image ?? DEFAULT_TOKENS_PER_IMAGE,
    file: policy.max_tokens_per_file ?? DEFAULT_TOKENS_PER_FILE,
  };
}
