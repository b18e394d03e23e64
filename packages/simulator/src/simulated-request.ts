/** A tool call in the history: an assistant turn's call, its arguments as JSON text. */
export interface SimulatedMessageToolCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * One message as the simulated provider received it, content flattened to text. Tool turns look
 * the same from both APIs: an assistant turn's calls are `toolCalls` (OpenAI `tool_calls`,
 * Anthropic `tool_use` blocks), and each tool result is a `tool` message with its `toolCallId`
 * (an OpenAI `tool` message, or one Anthropic `tool_result` block of a user turn).
 */
export interface SimulatedMessage {
  role: string;
  content: string;
  /** The calls of an assistant turn; absent when it made none. */
  toolCalls?: SimulatedMessageToolCall[];
  /** The call a `tool` message answers. */
  toolCallId?: string;
}

/** A tool the request offers the model. */
export interface SimulatedTool {
  name: string;
  description: string | undefined;
  /** The JSON Schema of its arguments (OpenAI `function.parameters`, Anthropic `input_schema`). */
  parameters: unknown;
}

/**
 * Whether the model may call the offered tools, in OpenAI's terms: Anthropic's `any` reads as
 * `required`, and a named tool as `{ name }`.
 */
export type SimulatedToolChoice = "auto" | "none" | "required" | { name: string };

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
  /**
   * The tools offered, for the model to call. An Anthropic tool forced with `tool_choice` is among
   * them and is also the `responseFormat`: on the wire a forced tool that carries structured
   * output and a forced tool the caller wants called look the same, and either answer fits
   * (a plain value becomes the forced tool's input, a `ToolCallAnswer` names its calls).
   */
  tools: SimulatedTool[];
  /** `tool_choice` as sent; `undefined` when absent (the provider's default, `auto` with tools). */
  toolChoice: SimulatedToolChoice | undefined;
  /** `max_completion_tokens`, else `max_tokens`, when sent. */
  maxTokens: number | undefined;
  body: Readonly<Record<string, unknown>>;
}

/**
 * Supplies the assistant's answer for a request: a string is sent as is, a `ToolCallAnswer`
 * (`toolCallAnswer(calls)`) as tool calls, any other value as JSON (as a forced tool's input for
 * an Anthropic structured-output request); `undefined` means "no fixture", and the provider
 * answers with a generic text. Fixtures come from the caller, so the simulator knows nothing
 * about any workflow.
 */
export type Responder = (request: SimulatedRequest) => unknown | Promise<unknown>;

/** Reads a chat-completions body into a {@link SimulatedRequest}. */
export function openAIRequestOf(body: Readonly<Record<string, unknown>>): SimulatedRequest {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const format = body.response_format as
    | { type?: string; json_schema?: { name?: string; schema?: unknown } }
    | undefined;
  const limit = body.max_completion_tokens ?? body.max_tokens;
  const tools = Array.isArray(body.tools) ? (body.tools as { function?: ToolShape }[]) : [];
  return {
    api: "openai",
    model: typeof body.model === "string" ? body.model : "",
    messages: messages.map(openAIMessageOf),
    responseFormat:
      format?.type === "json_schema"
        ? { name: format.json_schema?.name, schema: format.json_schema?.schema }
        : undefined,
    tools: tools.flatMap((tool) => toolOf(tool?.function, tool?.function?.parameters)),
    toolChoice: openAIToolChoiceOf(body.tool_choice),
    maxTokens: typeof limit === "number" ? limit : undefined,
    body,
  };
}

/**
 * Reads a Messages API body into a {@link SimulatedRequest}, `system` first, each `tool_result`
 * block as a `tool` message of its own.
 */
export function anthropicRequestOf(body: Readonly<Record<string, unknown>>): SimulatedRequest {
  const messages = Array.isArray(body.messages) ? body.messages.flatMap(anthropicMessagesOf) : [];
  const system = textOf(body.system);
  if (system !== "") messages.unshift({ role: "system", content: system });
  const choice = body.tool_choice as { type?: string; name?: string } | undefined;
  const tools = Array.isArray(body.tools) ? (body.tools as (ToolShape & { input_schema?: unknown })[]) : [];
  const forced = choice?.type === "tool" ? tools.find((tool) => tool?.name === choice.name) : undefined;
  return {
    api: "anthropic",
    model: typeof body.model === "string" ? body.model : "",
    messages,
    responseFormat: forced ? { name: choice?.name, schema: forced.input_schema } : undefined,
    tools: tools.flatMap((tool) => toolOf(tool, tool?.input_schema)),
    toolChoice: anthropicToolChoiceOf(choice),
    maxTokens: typeof body.max_tokens === "number" ? body.max_tokens : undefined,
    body,
  };
}

interface ToolShape {
  name?: unknown;
  description?: unknown;
  parameters?: unknown;
}

function toolOf(tool: ToolShape | undefined, parameters: unknown): SimulatedTool[] {
  if (typeof tool?.name !== "string") return [];
  const description = typeof tool.description === "string" ? tool.description : undefined;
  return [{ name: tool.name, description, parameters }];
}

function openAIToolChoiceOf(choice: unknown): SimulatedToolChoice | undefined {
  if (choice === "auto" || choice === "none" || choice === "required") return choice;
  const name = (choice as { function?: { name?: unknown } } | undefined)?.function?.name;
  return typeof name === "string" ? { name } : undefined;
}

function anthropicToolChoiceOf(choice: { type?: string; name?: string } | undefined): SimulatedToolChoice | undefined {
  switch (choice?.type) {
    case "auto":
    case "none":
      return choice.type;
    case "any":
      return "required";
    default:
      return typeof choice?.name === "string" ? { name: choice.name } : undefined;
  }
}

function openAIMessageOf(message: {
  role?: unknown;
  content?: unknown;
  tool_calls?: unknown;
  tool_call_id?: unknown;
}): SimulatedMessage {
  const read: SimulatedMessage = {
    role: typeof message?.role === "string" ? message.role : "user",
    content: textOf(message?.content),
  };
  if (Array.isArray(message?.tool_calls)) {
    read.toolCalls = (message.tool_calls as { id?: unknown; function?: { name?: unknown; arguments?: unknown } }[]).map(
      (call) => ({
        id: typeof call?.id === "string" ? call.id : "",
        name: typeof call?.function?.name === "string" ? call.function.name : "",
        arguments: typeof call?.function?.arguments === "string" ? call.function.arguments : "",
      }),
    );
  }
  if (typeof message?.tool_call_id === "string") read.toolCallId = message.tool_call_id;
  return read;
}

/** A content block of a Messages API turn, as far as the simulator reads it. */
interface AnthropicBlock {
  type?: unknown;
  text?: unknown;
  id?: unknown;
  name?: unknown;
  input?: unknown;
  tool_use_id?: unknown;
  content?: unknown;
}

/**
 * One Messages API turn as simulated messages: an assistant turn's `tool_use` blocks become its
 * `toolCalls`; a user turn's `tool_result` blocks become `tool` messages, ahead of any text the
 * turn also carries, so a responder reads tool history the same way from both APIs.
 */
function anthropicMessagesOf(message: { role?: unknown; content?: unknown }): SimulatedMessage[] {
  const role = typeof message?.role === "string" ? message.role : "user";
  const content = message?.content;
  if (!Array.isArray(content)) return [{ role, content: textOf(content) }];
  const blocks = content as AnthropicBlock[];
  const text = textOf(blocks.filter((block) => block?.type !== "tool_result"));
  if (role === "assistant") {
    const calls = blocks.filter((block) => block?.type === "tool_use");
    const read: SimulatedMessage = { role, content: text };
    if (calls.length > 0) {
      read.toolCalls = calls.map((call) => ({
        id: typeof call.id === "string" ? call.id : "",
        name: typeof call.name === "string" ? call.name : "",
        arguments: JSON.stringify(call.input ?? {}),
      }));
    }
    return [read];
  }
  const results: SimulatedMessage[] = blocks
    .filter((block) => block?.type === "tool_result")
    .map((block) => ({
      role: "tool",
      content: textOf(block.content),
      toolCallId: typeof block.tool_use_id === "string" ? block.tool_use_id : "",
    }));
  return results.length > 0 && text === "" ? results : [...results, { role, content: text }];
}

/** A string, or the text of its content parts/blocks (images and tool blocks carry none). */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part: { text?: unknown }) => (part && typeof part.text === "string" ? part.text : "")).join("");
}
