import type { TokenUsage } from "@modelpolicy/core";
import type { ChatCompletionRequest } from "./openai-client-like.js";

/**
 * Where a response's token counts came from: the server's `usage`, or the adapter's estimate
 * because the server sent none (or only part of it). Never a silent 0: a local server that
 * reports nothing still shows up in budgets and cost with a number, and the record says it is
 * an estimate.
 */
export type UsageSource = "provider" | "estimated";

/** The `usage` object of a chat completion, read defensively. */
export interface CompletionUsageShape {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
  prompt_tokens_details?: { cached_tokens?: unknown } | null;
}

/**
 * Tokens the chat format adds per message and for the reply primer, from OpenAI's published
 * counting recipe; core's budget check adds the same, so the two estimates agree.
 */
const TOKENS_PER_MESSAGE = 4;
const TOKENS_PER_REPLY = 3;

/**
 * A token estimate of `characters` characters: one token per four, rounded up. The adapter
 * cannot carry a tokenizer (its only dependency is core, and a local model's vocabulary is not
 * OpenAI's anyway); four characters per token is the usual rule for English text under BPE
 * vocabularies, and it is the same rule core's budget check uses before it counts exactly.
 */
export function estimateTokens(characters: number): number {
  return Math.ceil(characters / 4);
}

/**
 * The usage of a completion: the server's counts where it sent them, estimates (see
 * {@link estimateTokens}) for whatever it left out — the prompt from the messages actually sent,
 * plus the per-message overhead; the output from the answer's text.
 */
export function completionUsage(
  usage: CompletionUsageShape | null | undefined,
  request: ChatCompletionRequest,
  answer: string,
): { usage: TokenUsage; usageSource: UsageSource } {
  const input = tokenCount(usage?.prompt_tokens);
  const output = tokenCount(usage?.completion_tokens);
  const cached = tokenCount(usage?.prompt_tokens_details?.cached_tokens);
  const result: TokenUsage = {
    inputTokens: input ?? estimatePromptTokens(request),
    outputTokens: output ?? estimateTokens(answer.length),
  };
  if (cached !== undefined) result.cachedInputTokens = cached;
  return { usage: result, usageSource: input === undefined || output === undefined ? "estimated" : "provider" };
}

function estimatePromptTokens(request: ChatCompletionRequest): number {
  let characters = 0;
  for (const message of request.messages) characters += message.content?.length ?? 0;
  return estimateTokens(characters) + TOKENS_PER_MESSAGE * request.messages.length + TOKENS_PER_REPLY;
}

/**
 * A usage count as the router can sum and price it, or `undefined` when the server did not send
 * one: OpenAI-compatible servers have been seen to send strings or nulls here, which would
 * concatenate instead of add and reach spans as text.
 */
function tokenCount(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}
