import type { AdapterToolCall } from "../adapter/tool-definition.js";
import type { Answer, InvalidAnswer } from "./attempt-outcome.js";
import type { CallContext } from "./call-context.js";
import { checkOutput } from "./output-check.js";
import { checkToolCalls } from "./route-tool.js";

/**
 * Checks a whole answer the way the call asks, for `generate` and for a stream at its finish
 * alike, so both agree on what passes. An answer that calls tools (when the request defines
 * some) is checked on its calls' arguments, each against its tool's schema, and its text is not
 * the output; any other answer's text is checked against the request's schema. An answer that
 * fails carries its text, or the replayed calls when it called tools without text: a repair
 * prompt must show the model what it sent.
 */
export async function checkAnswer(
  context: CallContext,
  text: string,
  toolCalls: readonly AdapterToolCall[] | undefined,
  servedModel: string,
): Promise<Answer | InvalidAnswer> {
  const { tools } = context;
  if (tools !== undefined && toolCalls !== undefined && toolCalls.length > 0) {
    const check = await checkToolCalls(toolCalls, tools);
    const replay = text || JSON.stringify(toolCalls);
    return check.ok
      ? { kind: "answer", text: replay, value: text, servedModel, toolCalls: check.toolCalls }
      : { kind: "invalid", text: replay, problem: check.problem, candidate: undefined, servedModel };
  }
  const check = await checkOutput(text, context.output?.schema);
  return check.ok
    ? { kind: "answer", text, value: check.value, servedModel }
    : { kind: "invalid", text, problem: check.problem, candidate: check.candidate, servedModel };
}
