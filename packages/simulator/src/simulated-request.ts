/** One message as the simulated provider received it, content flattened to text. */
export interface SimulatedMessage {
  role: string;
  content: string;
}

/** The two HTTP APIs the simulator speaks. */
export type SimulatedApi = "openai" | "anthropic";

/**
 * What a responder sees of a request, the same for both APIs: the fields an answer depends on,
 * read from the wire exactly as the SDK sent them, plus the raw body for anything else. An
 * Anthropic request's top-level `system` comes first as a `system` message, so a responder that
 * recognises a task by its system prompt answers it whichever provider the router chose.
 */
export interface SimulatedRequest {
  /** `openai` for chat completions, `anthropic` for the Messages API. */
  api: SimulatedApi;
  model: string;
  messages: SimulatedMessage[];
  /**
   * The structured output asked for: OpenAI's `response_format.json_schema`, or the tool an
   * Anthropic request forces with `tool_choice` (its name and `input_schema`).
   */
  responseFormat: { name: string | undefined; schema: unknown } | undefined;
  /** `max_completion_tokens`, else `max_tokens`, when sent. */
  maxTokens: number | undefined;
  body: Readonly<Record<string, unknown>>;
}

/**
 * Supplies the assistant's answer for a request: a string is sent as is, any other value as
 * JSON (as a forced tool's input for an Anthropic structured-output request); `undefined`
 * means "no fixture", and the provider answers with a generic text. Fixtures come from the
 * caller, so the simulator knows nothing about any workflow.
 */
export type Responder = (request: SimulatedRequest) => unknown | Promise<unknown>;

/** Reads a chat-completions body into a {@link SimulatedRequest}. */
export function openAIRequestOf(body: Readonly<Record<string, unknown>>): SimulatedRequest {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const format = body.response_format as
    | { type?: string; json_schema?: { name?: string; schema?: unknown } }
    | undefined;
  const limit = body.max_completion_tokens ?? body.max_tokens;
  return {
    api: "openai",
    model: typeof body.model === "string" ? body.model : "",
    messages: messages.map(messageOf),
    responseFormat:
      format?.type === "json_schema"
        ? { name: format.json_schema?.name, schema: format.json_schema?.schema }
        : undefined,
    maxTokens: typeof limit === "number" ? limit : undefined,
    body,
  };
}

/** Reads a Messages API body into a {@link SimulatedRequest}, `system` first. */
export function anthropicRequestOf(body: Readonly<Record<string, unknown>>): SimulatedRequest {
  const messages = Array.isArray(body.messages) ? body.messages.map(messageOf) : [];
  const system = textOf(body.system);
  if (system !== "") messages.unshift({ role: "system", content: system });
  const choice = body.tool_choice as { type?: string; name?: string } | undefined;
  const tools = Array.isArray(body.tools) ? (body.tools as { name?: unknown; input_schema?: unknown }[]) : [];
  const forced = choice?.type === "tool" ? tools.find((tool) => tool?.name === choice.name) : undefined;
  return {
    api: "anthropic",
    model: typeof body.model === "string" ? body.model : "",
    messages,
    responseFormat: forced ? { name: choice?.name, schema: forced.input_schema } : undefined,
    maxTokens: typeof body.max_tokens === "number" ? body.max_tokens : undefined,
    body,
  };
}

function messageOf(message: { role?: unknown; content?: unknown }): SimulatedMessage {
  return { role: typeof message?.role === "string" ? message.role : "user", content: textOf(message?.content) };
}

/** A string, or the text of its content parts/blocks (images and tool blocks carry none). */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part: { text?: unknown }) => (part && typeof part.text === "string" ? part.text : "")).join("");
}
