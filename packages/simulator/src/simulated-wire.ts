import type { ServerResponse } from "node:http";
import {
  anthropicErrorBody,
  anthropicMessageBody,
  anthropicStreamEvents,
  type ChatRequestBody,
  chatCompletionBody,
  type FakeContentBlock,
  formatServerSentEvent,
  type MessagesRequestBody,
  openAIErrorBody,
} from "@modelpolicy/fake-provider";
import type { SimulatedAnswer } from "./simulated-answer.js";
import type { SimulatedApi, SimulatedRequest } from "./simulated-request.js";

/** Names the simulator in every id it sends (`chatcmpl-simulated-3`, `msg_simulated_3`). */
const ID_TAG = "simulated";

/** How one API shapes what the simulator sends: a successful answer, an error, the request-id header. */
export interface SimulatedWire {
  readonly requestIdHeader: string;
  /** The success body for `answer`, reporting `servedModel`. */
  answerBody(answer: SimulatedAnswer, request: SimulatedRequest, sequence: number, servedModel: string): unknown;
  /** The API's error body for a status; `code` is OpenAI's `error.code` (Anthropic has only a type). */
  errorBody(status: number, message: string, code?: string | null): unknown;
}

/**
 * OpenAI chat completions: `chat.completion` answers, `{error: {message, type, param, code}}`
 * errors. Tool calls go out as `message.tool_calls` (ids `call_simulated_<n>_<i>`, `content`
 * null unless the answer also has text) with `finish_reason: "tool_calls"`.
 */
const openAIWire: SimulatedWire = {
  requestIdHeader: "x-request-id",
  answerBody: (answer, request, sequence, servedModel) => {
    const toolCalls = answer.toolCalls?.length
      ? answer.toolCalls.map((call, index) => ({ id: `call_${ID_TAG}_${sequence}_${index}`, ...call }))
      : undefined;
    return chatCompletionBody(
      {
        json: toolCalls !== undefined && answer.text === "" ? null : answer.text,
        usage: { promptTokens: answer.promptTokens, completionTokens: answer.completionTokens },
        finishReason: answer.truncated ? "length" : toolCalls ? "tool_calls" : "stop",
        model: servedModel,
        ...(toolCalls ? { toolCalls } : {}),
      },
      request.body as ChatRequestBody,
      sequence,
      ID_TAG,
    );
  },
  errorBody: (status, message, code = null) => openAIErrorBody(status, code, { message }),
};

/**
 * The Messages API: `Message` answers, `{type: "error", error: {type, message}}` errors. A
 * structured-output request (a forced tool) is answered by calling that tool with the answer as
 * its input, the way Claude answers it; a non-object answer goes under `output`, as adapters
 * wrap non-object schemas. A cut answer is plain text with `stop_reason: "max_tokens"`. Tool
 * calls are `tool_use` blocks (after the text, if any) with `stop_reason: "tool_use"`.
 */
const anthropicWire: SimulatedWire = {
  requestIdHeader: "request-id",
  answerBody: (answer, request, sequence, servedModel) =>
    anthropicMessageBody(
      {
        content: contentBlocks(answer, request),
        ...(answer.truncated ? { stopReason: "max_tokens" } : {}),
        usage: { inputTokens: answer.promptTokens, outputTokens: answer.completionTokens },
        model: servedModel,
      },
      request.body as MessagesRequestBody,
      sequence,
      ID_TAG,
    ),
  errorBody: (status, message) => anthropicErrorBody(status, { message }, `req_${ID_TAG}`),
};

/** The wire of one API. */
export function wireOf(api: SimulatedApi): SimulatedWire {
  return api === "openai" ? openAIWire : anthropicWire;
}

function contentBlocks(answer: SimulatedAnswer, request: SimulatedRequest): FakeContentBlock[] {
  if (answer.toolCalls === undefined) return [contentBlock(answer, request)];
  const calls = answer.toolCalls.map(
    (call): FakeContentBlock => ({ type: "tool_use", name: call.name, input: JSON.parse(call.arguments) }),
  );
  return answer.text === "" && calls.length > 0 ? calls : [{ type: "text", text: answer.text }, ...calls];
}

function contentBlock(answer: SimulatedAnswer, request: SimulatedRequest): FakeContentBlock {
  if (request.responseFormat === undefined || answer.truncated) return { type: "text", text: answer.text };
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    return { type: "text", text: answer.text };
  }
  const input = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : { output: parsed };
  return { type: "tool_use", input };
}

/**
 * Sends a Messages API answer as the server-sent events of `stream: true`, one flushed write per
 * event, stopping quietly when the client goes away.
 */
export async function streamAnthropicAnswer(
  response: ServerResponse,
  message: unknown,
  headers: Record<string, string>,
): Promise<void> {
  const events = anthropicStreamEvents(message as ReturnType<typeof anthropicMessageBody>);
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    ...headers,
  });
  for (const event of events) {
    if (response.destroyed) return;
    await new Promise((resolve) => response.write(formatServerSentEvent(event), resolve));
  }
  response.end();
}
