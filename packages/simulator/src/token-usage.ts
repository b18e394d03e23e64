import { countTokens, decode, encode } from "gpt-tokenizer/encoding/o200k_base";

/**
 * Tokens the chat format adds per message and to prime the reply, from OpenAI's published
 * counting recipe (the same numbers the router's budget check uses).
 */
export const TOKENS_PER_MESSAGE = 4;
export const TOKENS_PER_REPLY = 3;

/**
 * Prompt tokens of a chat request counted with the real o200k_base tokenizer, so simulated
 * usage, budgets and costs are the ones the same prompt would have at the provider, give or
 * take the few tokens of structured-output framing. Tool calls in the history count their name
 * and arguments, and offered tools their JSON, as the router's budget check counts them.
 */
export function countPromptTokens(
  messages: readonly { content: string; toolCalls?: readonly { name: string; arguments: string }[] }[],
  tools: readonly unknown[] = [],
): number {
  let total = TOKENS_PER_REPLY;
  for (const message of messages) {
    total += TOKENS_PER_MESSAGE + countTokens(message.content);
    for (const call of message.toolCalls ?? []) total += countTokens(call.name + call.arguments);
  }
  for (const tool of tools) total += countTokens(JSON.stringify(tool));
  return total;
}

/** Completion tokens of an answer (o200k_base). */
export function countCompletionTokens(text: string): number {
  return countTokens(text);
}

/**
 * Cuts an answer to at most `maxTokens` tokens, as a provider stops generating at the output
 * limit; `truncated` tells the caller to report `finish_reason: "length"`.
 */
export function truncateToTokens(
  text: string,
  maxTokens: number,
): { text: string; tokens: number; truncated: boolean } {
  const tokens = encode(text);
  if (tokens.length <= maxTokens) return { text, tokens: tokens.length, truncated: false };
  const kept = tokens.slice(0, Math.max(0, maxTokens));
  return { text: decode(kept), tokens: kept.length, truncated: true };
}
