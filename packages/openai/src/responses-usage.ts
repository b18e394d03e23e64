import type { TokenUsage } from "@modelpolicy/core";
import { estimateTokens, type UsageSource } from "./completion-usage.js";
import type { ResponsesRequest } from "./responses-request.js";

/** The `usage` object of a Responses API response, read defensively. */
export interface ResponsesUsageShape {
  input_tokens?: unknown;
  output_tokens?: unknown;
  input_tokens_details?: { cached_tokens?: unknown } | null;
}

/**
 * The usage of a response: `input_tokens`, `output_tokens` and
 * `input_tokens_details.cached_tokens` where the server sent them, estimates (a token per four
 * characters of the input items, function calls and outputs included, and of the answer) for
 * what it left out, as for chat.
 */
export function responsesUsage(
  usage: ResponsesUsageShape | null | undefined,
  request: ResponsesRequest,
  answer: string,
): { usage: TokenUsage; usageSource: UsageSource } {
  const input = tokenCount(usage?.input_tokens);
  const output = tokenCount(usage?.output_tokens);
  const cached = tokenCount(usage?.input_tokens_details?.cached_tokens);
  let characters = 0;
  for (const item of request.input) {
    if ("content" in item) characters += item.content.length;
    else if (item.type === "function_call") characters += item.name.length + item.arguments.length;
    else characters += item.output.length;
  }
  const result: TokenUsage = {
    inputTokens: input ?? estimateTokens(characters),
    outputTokens: output ?? estimateTokens(answer.length),
  };
  if (cached !== undefined) result.cachedInputTokens = cached;
  return { usage: result, usageSource: input === undefined || output === undefined ? "estimated" : "provider" };
}

function tokenCount(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}
