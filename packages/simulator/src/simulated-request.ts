import type { RecordedRequest } from "@modelpolicy/testkit";

/** One chat message as the simulated provider received it, content flattened to text. */
export interface SimulatedMessage {
  role: string;
  content: string;
}

/**
 * What a responder sees of a chat-completions request: the fields an answer depends on, read
 * from the wire exactly as the SDK sent them, plus the raw body for anything else.
 */
export interface SimulatedRequest {
  model: string;
  messages: SimulatedMessage[];
  /** `response_format.json_schema` when the client asked for structured output. */
  responseFormat: { name: string | undefined; schema: unknown } | undefined;
  /** `max_completion_tokens`, else `max_tokens`, when sent. */
  maxTokens: number | undefined;
  body: Readonly<Record<string, unknown>>;
}

/**
 * Supplies the assistant's answer for a request: a string is sent as is, any other value as
 * JSON; `undefined` means "no fixture", and the provider answers with a generic text. Fixtures
 * come from the caller, so the simulator knows nothing about any workflow.
 */
export type Responder = (request: SimulatedRequest) => unknown | Promise<unknown>;

/** Reads a recorded HTTP request into a {@link SimulatedRequest}. */
export function simulatedRequestOf(recorded: RecordedRequest): SimulatedRequest {
  const body = (recorded.body ?? {}) as Record<string, unknown>;
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const format = body.response_format as
    | { type?: string; json_schema?: { name?: string; schema?: unknown } }
    | undefined;
  const limit = body.max_completion_tokens ?? body.max_tokens;
  return {
    model: recorded.model ?? "",
    messages: messages.map((message: { role?: unknown; content?: unknown }) => ({
      role: typeof message.role === "string" ? message.role : "user",
      content: textOf(message.content),
    })),
    responseFormat:
      format?.type === "json_schema"
        ? { name: format.json_schema?.name, schema: format.json_schema?.schema }
        : undefined,
    maxTokens: typeof limit === "number" ? limit : undefined,
    body,
  };
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part: { text?: unknown }) => (part && typeof part.text === "string" ? part.text : "")).join("");
}
