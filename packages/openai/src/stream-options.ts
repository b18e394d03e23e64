import { bodyJudgesRequest } from "./classify-request-error.js";
import { errorText } from "./map-openai-error.js";
import { azureVersionAtLeast, serverProfile } from "./server-profile.js";

/**
 * The first Azure OpenAI API version that accepts `stream_options` (its preview spec of
 * 2024-08-01 carries `include_usage`); older ones refuse the field with a 400.
 */
export const AZURE_STREAM_OPTIONS_SINCE = "2024-08-01-preview";

/**
 * Whether a streamed request asks for usage with `stream_options: { include_usage: true }`, the
 * only way a chat-completions stream reports tokens (in one last chunk with no choices). Only
 * the servers that document it are asked by default: api.openai.com, and Azure OpenAI from
 * {@link AZURE_STREAM_OPTIONS_SINCE}. Other servers are asked only when `override` (the
 * adapter's `streamUsage`) says so: some reject unknown parameters, and some accept this one and
 * still send no usage chunk (llama-cpp-python 0.3.36, measured); a stream without usage is
 * estimated either way. A server that refuses the field is caught by
 * {@link refusesStreamOptions} and asked again without it.
 */
export function sendsStreamOptions(baseURL: string, apiVersion: string | undefined, override?: boolean): boolean {
  if (override !== undefined) return override;
  const { kind } = serverProfile(baseURL, apiVersion);
  if (kind === "openai") return true;
  if (kind !== "azure-openai") return false;
  const version = apiVersion ?? safeURL(baseURL)?.searchParams.get("api-version") ?? undefined;
  return version === undefined || azureVersionAtLeast(version, AZURE_STREAM_OPTIONS_SINCE);
}

/**
 * An SDK status error whose body refuses the `stream_options` field ("Unrecognized request
 * argument supplied: stream_options", a pydantic "extra inputs" error naming it): the same
 * statuses whose bodies judge the request (see `bodyJudgesRequest`), naming the field.
 */
export function refusesStreamOptions(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return (
    typeof status === "number" && bodyJudgesRequest(status) && /stream_options|include_usage/i.test(errorText(error))
  );
}

function safeURL(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
