import type { Responder, SimulatedRequest } from "./simulated-request.js";
import { countCompletionTokens, countPromptTokens, truncateToTokens } from "./token-usage.js";
import { type SimulatedToolCall, ToolCallAnswer } from "./tool-call-answer.js";

/** A tool call the simulator is about to send, its arguments as JSON text (ids come from the wire). */
export interface SentToolCall {
  readonly name: string;
  readonly arguments: string;
}

/** An answer the simulator is about to send, with the token counts it reports. */
export interface SimulatedAnswer {
  /** The answer text (JSON text for a structured answer), cut at the request's output limit. */
  readonly text: string;
  /**
   * The tool calls of a `ToolCallAnswer`; `undefined` for an answer in text. The output limit
   * keeps the calls that fit whole and drops the rest.
   */
  readonly toolCalls: readonly SentToolCall[] | undefined;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** The output limit cut the answer (`finish_reason: "length"`, `stop_reason: "max_tokens"`). */
  readonly truncated: boolean;
  /** No fixture covered the request, so this is the generic answer. */
  readonly generic: boolean;
}

/** The responder threw; the simulator answers 500 with this message rather than inventing an answer. */
export class ResponderFailure extends Error {
  constructor(cause: unknown) {
    super(
      `SIMULATED provider: the fixture responder failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = "ResponderFailure";
  }
}

/**
 * The answer to one request: the responder's fixture (a string as is, a `ToolCallAnswer` as
 * tool calls, anything else as JSON) or the generic answer, cut at the output limit, with real
 * o200k_base counts of the prompt and the answer. The same counts serve both APIs: Claude's
 * tokenizer differs, but a demo needs counts that grow with the real text, not Anthropic's
 * exact ones.
 */
export async function simulatedAnswer(request: SimulatedRequest, responder?: Responder): Promise<SimulatedAnswer> {
  let fixture: unknown;
  try {
    fixture = await responder?.(request);
  } catch (error) {
    throw new ResponderFailure(error);
  }
  const promptTokens = countPromptTokens(request.messages, request.tools);
  const limit = request.maxTokens ?? Number.POSITIVE_INFINITY;
  if (ToolCallAnswer.isInstance(fixture)) {
    return { ...cutToolCalls(fixture, request, limit), promptTokens, generic: false };
  }
  const content =
    fixture === undefined ? genericAnswer(request) : typeof fixture === "string" ? fixture : JSON.stringify(fixture);
  const cut = truncateToTokens(content, limit);
  return {
    text: cut.text,
    toolCalls: undefined,
    promptTokens,
    completionTokens: cut.tokens,
    truncated: cut.truncated,
    generic: fixture === undefined,
  };
}

/**
 * A tool-call answer within the output limit: the text cut like any answer, then the calls that
 * fit whole (name and arguments counted), the rest dropped. A provider would stop inside a call;
 * keeping whole calls leaves the client nothing half-parsed while the finish reason still says
 * the limit was hit.
 */
function cutToolCalls(
  answer: ToolCallAnswer,
  request: SimulatedRequest,
  limit: number,
): Pick<SimulatedAnswer, "text" | "toolCalls" | "completionTokens" | "truncated"> {
  const cut = truncateToTokens(answer.text, limit);
  let tokens = cut.tokens;
  let truncated = cut.truncated;
  const toolCalls: SentToolCall[] = [];
  for (const call of answer.calls) {
    const sent = { name: call.name, arguments: argumentsText(call, request) };
    const cost = countCompletionTokens(sent.name + sent.arguments);
    if (truncated || tokens + cost > limit) {
      truncated = true;
      break;
    }
    toolCalls.push(sent);
    tokens += cost;
  }
  return { text: cut.text, toolCalls, completionTokens: tokens, truncated };
}

/** A call's arguments as JSON text; the Messages API can only carry a JSON object as tool input. */
function argumentsText(call: SimulatedToolCall, request: SimulatedRequest): string {
  if (typeof call.name !== "string" || call.name === "") {
    throw new ResponderFailure(new Error("a tool call needs a non-empty name"));
  }
  const text = typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments ?? {});
  if (request.api === "anthropic" && !isJsonObject(text)) {
    throw new ResponderFailure(
      new Error(`tool call "${call.name}": the Messages API sends tool input as a JSON object, not ${text}`),
    );
  }
  return text;
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** The deterministic answer to a request no fixture covers; JSON when JSON was asked for. */
function genericAnswer(request: SimulatedRequest): string {
  const note = `SIMULATED provider: no fixture answer for this request (model ${request.model}).`;
  return request.responseFormat ? JSON.stringify({ simulated: true, note }) : note;
}
