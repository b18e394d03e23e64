import { type HeadersLike, readHeader } from "./read-header.js";

/**
 * Reads how long a provider asked us to wait, in milliseconds: the precise `retry-after-ms`
 * first (OpenAI's, which gateways in front of other providers send too), then the standard
 * `Retry-After` as seconds or an HTTP date. Headers come in any SDK shape (see
 * {@link HeadersLike}). Absent or unparsable headers give `undefined`, so the router falls back to
 * its own backoff. Adapters put the result on `ProviderError.retryAfterMs`.
 */
export function retryAfterMs(headers: HeadersLike | null | undefined, now = Date.now()): number | undefined {
  const precise = Number.parseFloat(readHeader(headers, "retry-after-ms") ?? "");
  if (Number.isFinite(precise) && precise >= 0) return Math.round(precise);
  const value = readHeader(headers, "retry-after")?.trim();
  if (value === undefined || value === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
