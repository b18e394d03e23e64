/** One chat message of a request; only the fields the body builder reads are typed. */
export interface ChatMessageBody {
  role: string;
  content?: unknown;
}

/** The fields of a `POST /v1/chat/completions` body that a completion depends on. */
export interface ChatRequestBody {
  model?: string;
  messages?: readonly ChatMessageBody[];
}

/** Token counts to report; anything left out is estimated from the request and the answer. */
export interface CompletionUsage {
  promptTokens?: number;
  completionTokens?: number;
  /** Reported as `usage.prompt_tokens_details.cached_tokens` (default 0). */
  cachedTokens?: number;
}

/**
 * What a completion says. `json` becomes `choices[0].message.content`: a string as is, any other
 * value JSON-encoded, because structured-output answers are objects and plain answers strings.
 */
export interface CompletionContent {
  json: unknown;
  usage?: CompletionUsage;
  /** `choices[0].finish_reason` (default `stop`); `length` says the output limit cut the answer. */
  finishReason?: string;
  /** Model reported as served (default: the requested model), as providers report a dated snapshot. */
  model?: string;
  /**
   * Tool calls the answer makes, sent as `choices[0].message.tool_calls` (arguments an object is
   * JSON-encoded, a string sent as is, so a test can send arguments that do not parse). With
   * them the finish reason defaults to `tool_calls` and a `json` of `null` sends `content: null`.
   */
  toolCalls?: readonly FakeToolCall[];
}

/** One scripted tool call; `id` defaults to `call_<index>`. */
export interface FakeToolCall {
  id?: string;
  name: string;
  arguments: unknown;
}

/** A tool call as OpenAI sends it. */
export interface ToolCallBody {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** The subset of OpenAI's `chat.completion` object the fake produces; enough for SDKs and adapters. */
export interface ChatCompletionBody {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  system_fingerprint: string;
  choices: {
    index: number;
    message: { role: "assistant"; content: string | null; refusal: null; tool_calls?: ToolCallBody[] };
    logprobs: null;
    finish_reason: string;
  }[];
  usage: {
    prompt_tokens: number;
    completion_tokens: number;
    total_tokens: number;
    prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
    completion_tokens_details: { reasoning_tokens: number; audio_tokens: number };
  };
}

function messageText(message: ChatMessageBody): string {
  const { content } = message;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let text = "";
  for (const part of content) {
    if (part && typeof part === "object" && typeof (part as { text?: unknown }).text === "string") {
      text += (part as { text: string }).text;
    }
  }
  return text;
}

/**
 * Estimates tokens as ceil(characters / 4), the usual rule of thumb. The fake only needs counts
 * that are deterministic and grow with the input, so cost and budget assertions are stable without
 * shipping a tokenizer.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Total estimated prompt tokens of a request's messages. */
export function estimatePromptTokens(body: ChatRequestBody | undefined): number {
  let characters = 0;
  for (const message of body?.messages ?? []) characters += messageText(message).length;
  return Math.ceil(characters / 4);
}

/**
 * The deterministic default content: the last user message, prefixed. A fake without a scripted
 * answer still sends one that proves which input reached the server.
 */
export function echoContent(body: ChatRequestBody | undefined): string {
  const messages = body?.messages ?? [];
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.role === "user") return `echo: ${messageText(message).slice(0, 200)}`;
  }
  return "echo: (no user message)";
}

/**
 * Builds a complete `chat.completion` body for an answer, filling usage from the estimate where
 * the answer leaves it out so every successful call has token counts to price. `sequence` makes
 * the id unique per server; `idTag` names the fake in the id and system fingerprint
 * (`chatcmpl-testkit-3`), so a captured answer says where it came from.
 */
export function chatCompletionBody(
  reply: CompletionContent,
  request: ChatRequestBody | undefined,
  sequence: number,
  idTag = "testkit",
): ChatCompletionBody {
  const toolCalls = reply.toolCalls?.map(
    (call, index): ToolCallBody => ({
      id: call.id ?? `call_${index}`,
      type: "function",
      function: {
        name: call.name,
        arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
      },
    }),
  );
  const content =
    toolCalls !== undefined && reply.json === null
      ? null
      : typeof reply.json === "string"
        ? reply.json
        : JSON.stringify(reply.json);
  const usage: CompletionUsage = reply.usage ?? {};
  const promptTokens = usage.promptTokens ?? estimatePromptTokens(request);
  let answered = content ?? "";
  for (const call of toolCalls ?? []) answered += call.function.name + call.function.arguments;
  const completionTokens = usage.completionTokens ?? estimateTokens(answered);
  return {
    id: `chatcmpl-${idTag}-${sequence}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: reply.model ?? request?.model ?? "testkit-model",
    system_fingerprint: `fp_${idTag}`,
    choices: [
      {
        index: 0,
        message:
          toolCalls === undefined
            ? { role: "assistant", content, refusal: null }
            : { role: "assistant", content, refusal: null, tool_calls: toolCalls },
        logprobs: null,
        finish_reason: reply.finishReason ?? (toolCalls === undefined ? "stop" : "tool_calls"),
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: usage.cachedTokens ?? 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
    },
  };
}
