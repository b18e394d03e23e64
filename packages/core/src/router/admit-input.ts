import { DEFAULT_TOKENS_PER_FILE, DEFAULT_TOKENS_PER_IMAGE } from "../adapter/content-part.js";
import type { ChatMessage, ModelAdapter } from "../adapter/model-adapter.js";
import type { ToolDefinition } from "../adapter/tool-definition.js";
import { checkInputBudget, type PartTokens } from "../budget/check-input-budget.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import type { PolicyTable, ResolvedPolicy } from "../policy/policy-table.js";
import type { CallState } from "./call-state.js";
import { fallbackChain } from "./fallback-chain.js";

/** How one policy's input is counted: the part bounds and the tokenizer safety factor of its providers. */
export interface InputCounting {
  readonly partTokens: PartTokens;
  readonly safetyFactor: number;
}

/**
 * Checks a call's input against its policy's budget before anything is sent, and answers the
 * tier the call starts on: the policy's own when the input fits; else, for a policy that
 * escalates, the first later tier whose context window fits. Records the count in `state`.
 * Throws {@link BudgetExceededError} (outcome `rejected`) when nothing fits.
 */
export function admitInput(
  table: PolicyTable,
  policy: ResolvedPolicy,
  counting: InputCounting,
  messages: readonly ChatMessage[],
  state: CallState,
  tools?: readonly ToolDefinition[],
): string {
  const { partTokens, safetyFactor } = counting;
  state.inputTokens = checkInputBudget(messages, policy.max_input_tokens, tools, partTokens, safetyFactor);
  if (state.inputTokens.withinBudget) return policy.model_tier;
  const escalated =
    policy.on_budget_exceeded === "escalate" ? escalationTier(table, policy, counting, messages, tools) : undefined;
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
  counting: InputCounting,
  messages: readonly ChatMessage[],
  tools: readonly ToolDefinition[] | undefined,
): string | undefined {
  const order = table.tierOrder;
  const cap = policy.max_tier === undefined ? order.length : order.indexOf(policy.max_tier) + 1;
  for (const tier of order.slice(order.indexOf(policy.model_tier) + 1, cap)) {
    const window = table.tiers[tier]?.context_window;
    if (window === undefined) continue;
    const budget = window - policy.max_output_tokens;
    if (checkInputBudget(messages, budget, tools, counting.partTokens, counting.safetyFactor).withinBudget) return tier;
  }
  return undefined;
}

/**
 * How a policy's input is counted, from the adapters of every provider its calls can reach (its
 * chain, and the tiers an over-budget call may escalate to): the largest tokenizer safety factor
 * among them, and the policy's image and file bounds, else the largest an adapter declares, else
 * the documented defaults. The budget so holds for whichever model ends up answering.
 */
export function inputCountingFor(
  table: PolicyTable,
  policy: ResolvedPolicy,
  adapterFor: (provider: string) => ModelAdapter | undefined,
): InputCounting {
  const providers = new Set<string>();
  for (const target of fallbackChain(policy, table)) if (target.kind === "model") providers.add(target.provider);
  if (policy.on_budget_exceeded === "escalate") {
    const order = table.tierOrder;
    for (const tier of order.slice(order.indexOf(policy.model_tier) + 1)) {
      const provider = table.tiers[tier]?.provider;
      if (provider !== undefined) providers.add(provider);
    }
  }
  let safetyFactor = 1;
  let image = DEFAULT_TOKENS_PER_IMAGE;
  for (const provider of providers) {
    const estimate = adapterFor(provider)?.inputTokenEstimate;
    if (estimate === undefined) continue;
    safetyFactor = Math.max(safetyFactor, estimate.safetyFactor);
    image = Math.max(image, estimate.maxTokensPerImage ?? 0);
  }
  return {
    safetyFactor,
    partTokens: {
      image: policy.max_tokens_per_image ?? image,
      file: policy.max_tokens_per_file ?? DEFAULT_TOKENS_PER_FILE,
    },
  };
}
