/** Which field carries a chat completion's output limit. */
export type OutputLimitParameter = "max_completion_tokens" | "max_tokens";

/**
 * What kind of server a client talks to, read from its base URL: OpenAI's own API, an Azure
 * OpenAI resource, or any other OpenAI-compatible server (vLLM, llama.cpp, Ollama, LM Studio,
 * TGI, a LiteLLM proxy…). The request parameters that differ between them follow from this.
 */
export type ServerKind = "openai" | "azure-openai" | "openai-compatible";

/** The content of a replayed assistant turn that called tools and said nothing. */
export type EmptyToolCallContent = null | "";

/** The parameter rules the adapter applies to one client. */
export interface ServerProfile {
  readonly kind: ServerKind;
  /** The field the policy's `max_output_tokens` goes out as (see {@link serverProfile}). */
  readonly outputLimitParameter: OutputLimitParameter;
  /**
   * `null` for OpenAI and Azure (the API's own shape); `""` for other servers, several of which
   * refuse `null` there: llama-cpp-python's request model answers 500 with a validation error
   * (measured in this repo's llama.cpp lane), as mlx-openai-server did. Every server measured or
   * documented takes `""`.
   */
  readonly emptyToolCallContent: EmptyToolCallContent;
}

/**
 * The first Azure OpenAI API version that accepts `max_completion_tokens` (it came with the
 * o1 models). Azure's v1 API (`/openai/v1`, no `api-version`) accepts it too.
 */
export const AZURE_MAX_COMPLETION_TOKENS_SINCE = "2024-09-01-preview";

/**
 * The parameter rules for a client, decided from its base URL (parsed, never substring-matched,
 * so `http://proxy/?via=api.openai.com` is not OpenAI) and, for Azure, its API version:
 *
 * - host `api.openai.com` → `max_completion_tokens` (reasoning models refuse `max_tokens`);
 * - a host ending in `.openai.azure.com` → `max_completion_tokens`, unless the client's
 *   `api-version` (the `AzureOpenAI` client's `apiVersion`, or `?api-version=` in the URL) is
 *   older than 2024-09-01-preview, which only knows `max_tokens`;
 * - anything else → `max_tokens`: every OpenAI-compatible server reads it, and several
 *   (llama-cpp-python, older vLLM and Ollama) silently ignore `max_completion_tokens`, which
 *   leaves the output unbounded.
 *
 * `override` (the adapter's `maxTokensParameter` option) wins over all of it.
 */
export function serverProfile(
  baseURL: string,
  apiVersion: string | undefined,
  override?: OutputLimitParameter,
): ServerProfile {
  const url = parseURL(baseURL);
  const host = url?.hostname.toLowerCase() ?? "";
  const kind: ServerKind =
    host === "api.openai.com" ? "openai" : host.endsWith(".openai.azure.com") ? "azure-openai" : "openai-compatible";
  const emptyToolCallContent = kind === "openai-compatible" ? "" : null;
  if (override !== undefined) return { kind, outputLimitParameter: override, emptyToolCallContent };
  if (kind === "openai") return { kind, outputLimitParameter: "max_completion_tokens", emptyToolCallContent };
  if (kind === "azure-openai") {
    const version = apiVersion ?? url?.searchParams.get("api-version") ?? undefined;
    const modern = version === undefined || azureVersionAtLeast(version, AZURE_MAX_COMPLETION_TOKENS_SINCE);
    return { kind, outputLimitParameter: modern ? "max_completion_tokens" : "max_tokens", emptyToolCallContent };
  }
  return { kind, outputLimitParameter: "max_tokens", emptyToolCallContent };
}

function parseURL(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * Compares Azure API versions (`YYYY-MM-DD` with an optional `-preview`): by date, and on the
 * same date a GA version comes after its preview. A version that is not dated (`v1`, `latest`)
 * is a newer scheme than dated ones, so it counts as recent.
 */
export function azureVersionAtLeast(version: string, minimum: string): boolean {
  const date = /^(\d{4}-\d{2}-\d{2})(-preview)?$/.exec(version.trim());
  const floor = /^(\d{4}-\d{2}-\d{2})(-preview)?$/.exec(minimum)!;
  if (date === null) return true;
  if (date[1] !== floor[1]) return date[1]! > floor[1]!;
  return date[2] === undefined || floor[2] !== undefined;
}
