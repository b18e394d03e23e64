import { type HeadersLike, readHeader } from "./read-header.js";

/**
 * How long the provider asked us to wait, in milliseconds: `retry-after-ms` first (the SDKs read
 * it before the standard header, and gateways in front of Anthropic send it), then `retry-after`
 * as seconds or an HTTP date. Absent or unparsable headers give `undefined`, so the router falls
 * back to its own backoff.
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
