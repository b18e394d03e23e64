import type { MessagesRequestBody } from "./messages-request-body.js";

/**
 * One content block of an answer. A `tool_use` block without a `name` takes the tool the request
 * forced with `tool_choice: {type: "tool", name}`, so an answer to a structured-output request
 * gives only its input and not the tool name the adapter derived from a schema. Without an `id`
 * it gets one unique per server (`toolu_testkit_3_0`); a test that sends the tool's result back
 * in a later request scripts the id it will look for.
 */
export type FakeContentBlock =
  | { type: "text"; text: string }
  | { type: "tool_use"; id?: string; name?: string; input: unknown };

/** Token counts to report; input and output left out are estimated from the request and answer. */
export interface FakeAnthropicUsage {
  /** `usage.input_tokens`: input tokens after the last cache breakpoint (cache reads and writes excluded). */
  inputTokens?: number;
  outputTokens?: number;
  /** `usage.cache_read_input_tokens` (default 0). */
  cacheReadInputTokens?: number;
  /** `usage.cache_creation_input_tokens` (default 0), reported as 5-minute cache writes. */
  cacheCreationInputTokens?: number;
}

/** What a Messages API answer says: its blocks, and optionally its stop reason, usage and served model. */
export interface AnthropicMessageContent {
  content: FakeContentBlock[];
  /** `stop_reason`; default `tool_use` when a tool_use block is present, else `end_turn`. */
  stopReason?: string;
  usage?: FakeAnthropicUsage;
  /** Model reported as served (default: the requested model). */
  model?: string;
}

/** A content block as the fake sends it. */
export type AnthropicContentBlockBody =
  | { type: "text"; text: string }
  | { type: "tool_use"; id: string; name: string; input: unknown };

/** `usage` of a Messages API answer; `input_tokens` excludes cache reads and writes, as Anthropic reports it. */
export interface AnthropicUsageBody {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  service_tier: "standard";
}

/** The subset of Anthropic's `Message` object the fake produces; enough for both SDK majors. */
export interface AnthropicMessageBody {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: AnthropicContentBlockBody[];
  stop_reason: string;
  stop_sequence: null;
  usage: AnthropicUsageBody;
}

/**
 * The text of a `system` field or a message's `content`: a string, or the text of its blocks
 * (a `tool_result` block's content included, so a tool's answer counts as input).
 */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let text = "";
  for (const part of content) {
    if (!part || typeof part !== "object") continue;
    const block = part as { type?: unknown; text?: unknown; content?: unknown };
    if (typeof block.text === "string") text += block.text;
    else if (block.type === "tool_result") text += contentText(block.content);
  }
  return text;
}

/** Estimated input tokens of a request (system prompt and messages, ceil(characters / 4)). */
export function estimateMessagesInputTokens(body: MessagesRequestBody | undefined): number {
  let characters = contentText(body?.system).length;
  for (const message of body?.messages ?? []) characters += contentText(message.content).length;
  return Math.ceil(characters / 4);
}

/** The deterministic default answer: the last user message, prefixed, so a test sees which input arrived. */
export function echoText(body: MessagesRequestBody | undefined): string {
  const messages = body?.messages ?? [];
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.role === "user") return `echo: ${contentText(message.content).slice(0, 200)}`;
  }
  return "echo: (no user message)";
}

/**
 * Builds a complete `Message` for an answer. Unnamed tool calls take the tool the request forced,
 * and usage left out is estimated, so every successful call has token counts to price.
 * `sequence` makes the message and tool-call ids unique per server; `idTag` names the fake in them
 * (`msg_testkit_3`), so a captured answer says where it came from.
 */
export function anthropicMessageBody(
  reply: AnthropicMessageContent,
  request: MessagesRequestBody | undefined,
  sequence: number,
  idTag = "testkit",
): AnthropicMessageBody {
  const forced = request?.tool_choice?.type === "tool" ? request.tool_choice.name : undefined;
  const content = reply.content.map((block, index): AnthropicContentBlockBody => {
    if (block.type === "text") return { type: "text", text: block.text };
    const name = block.name ?? forced ?? request?.tools?.[0]?.name ?? "testkit_tool";
    const id = block.id ?? `toolu_${idTag}_${sequence}_${index}`;
    return { type: "tool_use", id, name, input: block.input };
  });
  let outputCharacters = 0;
  for (const block of content) {
    outputCharacters += block.type === "text" ? block.text.length : JSON.stringify(block.input).length;
  }
  const usage = reply.usage ?? {};
  const cacheWrites = usage.cacheCreationInputTokens ?? 0;
  return {
    id: `msg_${idTag}_${sequence}`,
    type: "message",
    role: "assistant",
    model: reply.model ?? request?.model ?? "testkit-model",
    content,
    stop_reason: reply.stopReason ?? (content.some((block) => block.type === "tool_use") ? "tool_use" : "end_turn"),
    stop_sequence: null,
    usage: {
      input_tokens: usage.inputTokens ?? estimateMessagesInputTokens(request),
      output_tokens: usage.outputTokens ?? Math.ceil(outputCharacters / 4),
      cache_creation_input_tokens: cacheWrites,
      cache_read_input_tokens: usage.cacheReadInputTokens ?? 0,
      cache_creation: { ephemeral_5m_input_tokens: cacheWrites, ephemeral_1h_input_tokens: 0 },
      service_tier: "standard",
    },
  };
}
