import type { ChatCompletionBody, ToolCallBody } from "./chat-completion-body.js";

/**
 * One piece of a tool call in a chunk's `delta.tool_calls`: the first piece of a call names its
 * `id`, `type` and function name with empty arguments, the rest carry only `index` and a piece
 * of the arguments, which clients join back by `index`.
 */
export interface ToolCallDeltaBody {
  index: number;
  id?: string;
  type?: "function";
  function: { name?: string; arguments: string };
}

/** One `chat.completion.chunk` as the fake streams it. */
export interface ChatCompletionChunkBody {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  system_fingerprint: string;
  choices: {
    index: number;
    delta: { role?: "assistant"; content?: string; tool_calls?: ToolCallDeltaBody[] };
    logprobs: null;
    finish_reason: string | null;
  }[];
  /** `null` on every chunk but the last when usage was asked for; absent otherwise. */
  usage?: ChatCompletionBody["usage"] | null;
}

/**
 * A completion as the chunks OpenAI streams for it: a role chunk with empty content, the content
 * in pieces of `chunkSize` characters, each tool call as a chunk naming it and its arguments in
 * pieces of `chunkSize` characters (see {@link ToolCallDeltaBody}), a chunk with the finish
 * reason and an empty delta, and, when the request asked for usage, a last chunk with no
 * choices and the whole call's usage (every other chunk then carries `usage: null`, as
 * OpenAI's do).
 */
export function chatCompletionChunks(
  completion: ChatCompletionBody,
  options: { chunkSize?: number; includeUsage: boolean },
): ChatCompletionChunkBody[] {
  const choice = completion.choices[0];
  const content = choice?.message.content ?? "";
  const size = Math.max(1, options.chunkSize ?? 8);
  const base = {
    id: completion.id,
    object: "chat.completion.chunk" as const,
    created: completion.created,
    model: completion.model,
    system_fingerprint: completion.system_fingerprint,
  };
  const usage = options.includeUsage ? { usage: null } : {};
  const chunk = (delta: ChatCompletionChunkBody["choices"][number]["delta"], finish: string | null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...usage,
  });
  const chunks: ChatCompletionChunkBody[] = [chunk({ role: "assistant", content: "" }, null)];
  for (let start = 0; start < content.length; start += size) {
    chunks.push(chunk({ content: content.slice(start, start + size) }, null));
  }
  for (const [index, call] of (choice?.message.tool_calls ?? []).entries()) {
    for (const piece of toolCallDeltas(call, index, size)) chunks.push(chunk({ tool_calls: [piece] }, null));
  }
  chunks.push(chunk({}, choice?.finish_reason ?? "stop"));
  if (options.includeUsage) chunks.push({ ...base, choices: [], usage: completion.usage });
  return chunks;
}

/** A tool call's deltas: its name first with empty arguments, then the arguments in pieces. */
function toolCallDeltas(call: ToolCallBody, index: number, size: number): ToolCallDeltaBody[] {
  const deltas: ToolCallDeltaBody[] = [
    { index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } },
  ];
  const text = call.function.arguments;
  for (let start = 0; start < text.length; start += size) {
    deltas.push({ index, function: { arguments: text.slice(start, start + size) } });
  }
  return deltas;
}

/** One server-sent event carrying `data` (JSON-encoded unless already a string). */
export function formatDataEvent(data: unknown): string {
  return `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}
