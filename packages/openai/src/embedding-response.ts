import { type EmbedCall, type EmbedResponse, ProviderError } from "@modelpolicy/core";

/** What the adapter reads of a `CreateEmbeddingResponse`; every field is checked where it is read. */
interface EmbeddingResponseShape {
  data?: unknown;
  model?: unknown;
  usage?: { prompt_tokens?: unknown } | null;
}

/**
 * Maps an embeddings answer to the core's {@link EmbedResponse}: one vector per input in input
 * order (sorted by `index`, which servers may not keep in order), numbers whatever the wire
 * encoding (a base64 string is little-endian float32, as OpenAI sends it when asked), and the
 * billed `usage.prompt_tokens`, estimated at a token per four characters when a server sends
 * none. An answer without a usable vector for every input is a `ProviderError` (`unknown`).
 */
export function embeddingResponse(raw: unknown, call: EmbedCall): EmbedResponse {
  const response = (typeof raw === "object" && raw !== null ? raw : {}) as EmbeddingResponseShape;
  const data = Array.isArray(response.data) ? (response.data as unknown[]) : [];
  const ordered = data
    .map((item, position) => {
      const entry = (typeof item === "object" && item !== null ? item : {}) as { index?: unknown; embedding?: unknown };
      return { index: typeof entry.index === "number" ? entry.index : position, vector: vectorOf(entry.embedding) };
    })
    .sort((a, b) => a.index - b.index);
  const embeddings: number[][] = [];
  for (const { vector } of ordered) if (vector !== undefined) embeddings.push(vector);
  if (embeddings.length !== call.input.length) {
    throw new ProviderError({
      errorClass: "unknown",
      message: `the server answered ${call.input.length} inputs with ${embeddings.length} usable embeddings`,
      model: call.model,
      retryable: false,
    });
  }
  const reported = response.usage?.prompt_tokens;
  const servedModel = typeof response.model === "string" && response.model !== "" ? response.model : call.model;
  if (typeof reported === "number" && Number.isFinite(reported)) {
    return { embeddings, usage: { inputTokens: reported }, servedModel, usageSource: "provider" };
  }
  let estimate = 0;
  for (const text of call.input) estimate += Math.ceil(text.length / 4);
  return { embeddings, usage: { inputTokens: estimate }, servedModel, usageSource: "estimated" };
}

/** A vector as numbers: an array (or typed array) of numbers, or base64 of little-endian float32. */
function vectorOf(value: unknown): number[] | undefined {
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "base64");
    if (bytes.length === 0 || bytes.length % 4 !== 0) return undefined;
    const vector: number[] = [];
    for (let offset = 0; offset < bytes.length; offset += 4) vector.push(bytes.readFloatLE(offset));
    return vector;
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const vector = Array.from(value as ArrayLike<unknown>);
    return vector.length > 0 && vector.every((entry) => typeof entry === "number") ? (vector as number[]) : undefined;
  }
  return undefined;
}
