import type { Responder, SimulatedRequest } from "./simulated-request.js";
import { countPromptTokens, truncateToTokens } from "./token-usage.js";

/** An answer the simulator is about to send, with the token counts it reports. */
export interface SimulatedAnswer {
  /** The answer text (JSON text for a structured answer), cut at the request's output limit. */
  readonly text: string;
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
 * The answer to one request: the responder's fixture (a string as is, anything else as JSON) or
 * the generic answer, cut at the output limit, with real o200k_base counts of the prompt and the
 * answer. The same counts serve both APIs: Claude's tokenizer differs, but a demo needs counts
 * that grow with the real text, not Anthropic's exact ones.
 */
export async function simulatedAnswer(request: SimulatedRequest, responder?: Responder): Promise<SimulatedAnswer> {
  let fixture: unknown;
  try {
    fixture = await responder?.(request);
  } catch (error) {
    throw new ResponderFailure(error);
  }
  const content =
    fixture === undefined ? genericAnswer(request) : typeof fixture === "string" ? fixture : JSON.stringify(fixture);
  const cut = truncateToTokens(content, request.maxTokens ?? Number.POSITIVE_INFINITY);
  return {
    text: cut.text,
    promptTokens: countPromptTokens(request.messages),
    completionTokens: cut.tokens,
    truncated: cut.truncated,
    generic: fixture === undefined,
  };
}

/** The deterministic answer to a request no fixture covers; JSON when JSON was asked for. */
function genericAnswer(request: SimulatedRequest): string {
  const note = `SIMULATED provider: no fixture answer for this request (model ${request.model}).`;
  return request.responseFormat ? JSON.stringify({ simulated: true, note }) : note;
}
