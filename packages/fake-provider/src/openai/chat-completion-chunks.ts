import type { ChatCompletionBody } from "./chat-completion-body.js";

/** One `chat.completion.chunk` as the fake streams it. */
export interface ChatCompletionChunkBody {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  system_fingerprint: string;
  choices: {
    index: number;
    delta: { role?: "assistant"; content?: string };
    logprobs: null;
    finish_reason: string | null;
  }[];
  /** `null` on every chunk but the last when usage was asked for; absent otherwise. */
  usage?: ChatCompletionBody["usage"] | null;
}

/**
 * A completion as the chunks OpenAI streams for it: a role chunk with empty content, the content
 * in pieces of `chunkSize` characters, a chunk with the finish reason and an empty delta, and,
 * when the request asked for usage, a last chunk with no choices and the whole call's usage
 * (every other chunk then carries `usage: null`, as OpenAI's do).
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
  chunks.push(chunk({}, choice?.finish_reason ?? "stop"));
  if (options.includeUsage) chunks.push({ ...base, choices: [], usage: completion.usage });
  return chunks;
}

/** One server-sent event carrying `data` (JSON-encoded unless already a string). */
export function formatDataEvent(data: unknown): string {
  return `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}
