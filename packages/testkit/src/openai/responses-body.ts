import { estimateTokens } from "@modelpolicy/fake-provider";
import type { CompletionReply, EchoReply } from "./fake-reply.js";
import type { ChatCompletionRequestBody } from "./recorded-request.js";

/** One item of a Responses API `output`: the assistant's message, its text or its refusal. */
export interface ResponsesMessageItem {
  type: "message";
  id: string;
  status: "completed" | "incomplete";
  role: "assistant";
  content: ({ type: "output_text"; text: string; annotations: [] } | { type: "refusal"; refusal: string })[];
}

/** A function call in a Responses API `output`: `call_id` is what a `function_call_output` answers. */
export interface ResponsesFunctionCallItem {
  type: "function_call";
  id: string;
  call_id: string;
  name: string;
  arguments: string;
  status: "completed";
}

/** OpenAI's `Response` object (non-streaming), as the fake produces it. */
export interface ResponsesBody {
  id: string;
  object: "response";
  created_at: number;
  status: "completed" | "incomplete";
  incomplete_details: { reason: "max_output_tokens" | "content_filter" } | null;
  error: null;
  model: string;
  output: (ResponsesMessageItem | ResponsesFunctionCallItem)[];
  service_tier: string;
  usage: {
    input_tokens: number;
    input_tokens_details: { cached_tokens: number };
    output_tokens: number;
    output_tokens_details: { reasoning_tokens: number };
    total_tokens: number;
  };
}

/** The text of a Responses API input item's content: a string, or its `input_text` parts. */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let text = "";
  for (const part of content) {
    const value = (part as { text?: unknown } | null)?.text;
    if (typeof value === "string") text += value;
  }
  return text;
}

/**
 * Every text of a Responses API request: `instructions`, then `input` (a string, or items:
 * messages, function calls' arguments and function outputs).
 */
export function responsesInputText(body: ChatCompletionRequestBody | undefined): string[] {
  const texts: string[] = [];
  if (typeof body?.instructions === "string") texts.push(body.instructions);
  const input = body?.input;
  if (typeof input === "string") texts.push(input);
  else if (Array.isArray(input))
    for (const item of input) {
      const { content, arguments: args, output } = (item ?? {}) as Record<string, unknown>;
      texts.push(typeof args === "string" ? args : typeof output === "string" ? output : contentText(content));
    }
  return texts;
}

/** The last user text of a Responses API request, echoed the way chat echoes its last user message. */
function echoInput(body: ChatCompletionRequestBody | undefined): string {
  const input = body?.input;
  if (typeof input === "string") return `echo: ${input.slice(0, 200)}`;
  if (Array.isArray(input)) {
    for (let index = input.length - 1; index >= 0; index -= 1) {
      const item = input[index] as { role?: unknown; content?: unknown } | undefined;
      if (item?.role === "user") return `echo: ${contentText(item.content).slice(0, 200)}`;
    }
  }
  return "echo: (no user input)";
}

/**
 * The body of a successful `POST /v1/responses` for a scripted reply (or the echo): the reply's
 * `json` as the message's `output_text` (objects JSON-encoded, as for chat). The chat finish
 * reasons a script already uses map onto the Responses API's states: `length` is `incomplete`
 * with `max_output_tokens`, `content_filter` is `incomplete` with `content_filter` (and a
 * `refusal` part instead of text when the reply's `json` is empty), anything else `completed`.
 * A reply's `toolCalls` become `function_call` items after the message, which is left out when
 * the reply's `json` is `null` (as `reply.toolCalls` scripts it). Usage is `input_tokens` /
 * `output_tokens` / `input_tokens_details.cached_tokens` from `usage`, else estimated from the
 * input, the text and the calls.
 */
export function responsesBody(
  reply: CompletionReply | EchoReply,
  request: ChatCompletionRequestBody | undefined,
  sequence: number,
): ResponsesBody {
  const text =
    "json" in reply ? (typeof reply.json === "string" ? reply.json : JSON.stringify(reply.json)) : echoInput(request);
  const finish = "json" in reply ? reply.finishReason : undefined;
  const reason = finish === "length" ? "max_output_tokens" : finish === "content_filter" ? "content_filter" : undefined;
  const refused = reason === "content_filter" && text === "";
  const usage = "usage" in reply ? (reply.usage ?? {}) : {};
  const calls = "toolCalls" in reply ? (reply.toolCalls ?? []) : [];
  const functionCalls = calls.map(
    (call, index): ResponsesFunctionCallItem => ({
      type: "function_call",
      id: `fc_testkit_${sequence}_${index}`,
      call_id: call.id ?? `call_${index}`,
      name: call.name,
      arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
      status: "completed",
    }),
  );
  const message: ResponsesMessageItem = {
    type: "message",
    id: `msg_testkit_${sequence}`,
    status: reason === undefined ? "completed" : "incomplete",
    role: "assistant",
    content: refused
      ? [{ type: "refusal", refusal: "I can't help with that." }]
      : [{ type: "output_text", text, annotations: [] }],
  };
  const withoutText = functionCalls.length > 0 && "json" in reply && reply.json === null;
  let answered = withoutText ? "" : text;
  for (const call of functionCalls) answered += call.name + call.arguments;
  let estimatedInput = 0;
  for (const part of responsesInputText(request)) estimatedInput += estimateTokens(part);
  const inputTokens = usage.promptTokens ?? estimatedInput;
  const outputTokens = usage.completionTokens ?? estimateTokens(answered);
  return {
    id: `resp_testkit_${sequence}`,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status: reason === undefined ? "completed" : "incomplete",
    incomplete_details: reason === undefined ? null : { reason },
    error: null,
    model: ("model" in reply ? reply.model : undefined) ?? request?.model ?? "testkit-model",
    output: withoutText ? functionCalls : [message, ...functionCalls],
    service_tier: "default",
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: usage.cachedTokens ?? 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + outputTokens,
    },
  };
}
