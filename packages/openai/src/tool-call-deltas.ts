import type { AdapterToolCall } from "@modelpolicy/core";
import { adapterToolCalls } from "./chat-completion-tools.js";

/** The fields of one `delta.tool_calls` entry of a chat completion chunk the adapter reads. */
export interface ToolCallDeltaShape {
  index?: number;
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string } | null;
}

/** A tool call as far as its deltas have built it. */
interface PartialToolCall {
  id?: string;
  type?: string;
  function: { name?: string; arguments: string };
}

/**
 * Joins the tool calls of a streamed chat completion back together. OpenAI sends each call's
 * `id`, `type` and function name in its first delta and its arguments in pieces after it, all
 * under the call's `index`; the pieces are appended in order. A server that leaves `index` out
 * (some OpenAI-compatible ones send every call whole in one delta) is read by `id`: a delta with
 * an id starts a call, one without continues the last. The complete calls are read as a
 * non-streamed completion's `tool_calls` are (see `adapterToolCalls`).
 */
export class ToolCallDeltas {
  private readonly calls: PartialToolCall[] = [];

  /** Adds one chunk's `delta.tool_calls`. */
  add(pieces: readonly ToolCallDeltaShape[] | null | undefined): void {
    if (!Array.isArray(pieces)) return;
    for (const piece of pieces) {
      const index =
        typeof piece.index === "number"
          ? piece.index
          : piece.id !== undefined || this.calls.length === 0
            ? this.calls.length
            : this.calls.length - 1;
      let call = this.calls[index];
      if (call === undefined) {
        call = { function: { arguments: "" } };
        this.calls[index] = call;
      }
      if (piece.id) call.id = piece.id;
      if (piece.type) call.type = piece.type;
      // A name is sent whole (the SDK's own accumulator sets it too); only arguments come in pieces.
      if (piece.function?.name) call.function.name = piece.function.name;
      if (piece.function?.arguments) call.function.arguments += piece.function.arguments;
    }
  }

  /** The complete calls, in index order; absent when the stream had none. */
  toolCalls(): AdapterToolCall[] | undefined {
    // `filter` drops the holes a server skipping an index would leave.
    return adapterToolCalls(this.calls.filter((call) => call !== undefined));
  }
}
