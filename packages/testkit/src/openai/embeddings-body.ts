import { estimateTokens } from "@modelpolicy/fake-provider";
import type { CompletionReply, EchoReply } from "./fake-reply.js";
import type { ChatCompletionRequestBody } from "./recorded-request.js";

/** The vector size the fake answers with when a request names no `dimensions`. */
export const DEFAULT_EMBEDDING_DIMENSIONS = 8;

/** OpenAI's `CreateEmbeddingResponse`, as the fake produces it. */
export interface EmbeddingsBody {
  object: "list";
  data: { object: "embedding"; index: number; embedding: number[] | string }[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/** The texts of an embeddings request: `input` as one string or a list of them. */
export function embeddingInputs(body: ChatCompletionRequestBody | undefined): string[] {
  const input = body?.input;
  if (typeof input === "string") return [input];
  return Array.isArray(input) ? input.map((item) => (typeof item === "string" ? item : JSON.stringify(item))) : [];
}

/**
 * A deterministic unit-free vector for a text: the same text always gets the same numbers, and
 * different texts (almost always) different ones, so tests can check which vector came back for
 * which input without shipping a model. Values lie in [-1, 1).
 */
export function deterministicVector(text: string, dimensions: number): number[] {
  let hash = 2166136261;
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
  const vector: number[] = [];
  for (let index = 0; index < dimensions; index += 1) {
    hash = Math.imul(hash ^ (index + 1), 2654435761) >>> 0;
    // Rounded to float32 so a base64 round trip gives back the very same numbers.
    vector.push(Math.fround((hash % 2000) / 1000 - 1));
  }
  return vector;
}

/**
 * The body of a successful `POST /v1/embeddings`. An echo (the default) answers every input
 * with its {@link deterministicVector} (of the request's `dimensions`, else
 * {@link DEFAULT_EMBEDDING_DIMENSIONS}); a scripted `reply.ok(vectors)` whose `json` is a list of
 * number lists answers with those instead (fewer or more than the inputs, to test a broken
 * server). Usage is `usage.promptTokens`, else estimated from the inputs. With
 * `encoding_format: "base64"` each vector is sent as little-endian float32 bytes in base64, as
 * OpenAI does (and as every SDK asks for when the caller names no format).
 */
export function embeddingsBody(
  reply: CompletionReply | EchoReply,
  request: ChatCompletionRequestBody | undefined,
  _sequence: number,
): EmbeddingsBody {
  const inputs = embeddingInputs(request);
  const dimensions = typeof request?.dimensions === "number" ? request.dimensions : DEFAULT_EMBEDDING_DIMENSIONS;
  const scripted = "json" in reply && isVectorList(reply.json) ? reply.json : undefined;
  const vectors = scripted ?? inputs.map((text) => deterministicVector(text, dimensions));
  const base64 = request?.encoding_format === "base64";
  let estimated = 0;
  for (const text of inputs) estimated += estimateTokens(text);
  const promptTokens = ("usage" in reply ? reply.usage?.promptTokens : undefined) ?? estimated;
  return {
    object: "list",
    data: vectors.map((vector, index) => ({
      object: "embedding",
      index,
      embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector,
    })),
    model: ("model" in reply ? reply.model : undefined) ?? request?.model ?? "testkit-embedding",
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

function isVectorList(value: unknown): value is number[][] {
  return (
    Array.isArray(value) &&
    value.every((vector) => Array.isArray(vector) && vector.every((entry) => typeof entry === "number"))
  );
}
