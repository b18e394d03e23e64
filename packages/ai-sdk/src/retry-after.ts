/**
 * How long a provider asked us to wait, in milliseconds, from an `APICallError`'s
 * `responseHeaders`: `retry-after-ms` first (OpenAI's precise hint, which gateways in front of
 * other providers send too), then the standard `retry-after` as seconds or an HTTP date. The AI
 * SDK hands headers over as a plain record with lower-cased names; names are matched
 * case-insensitively anyway, for providers that build the error themselves. Absent or
 * unparsable headers give `undefined`, so the router falls back to its own backoff.
 */
export function retryAfterMs(
  headers: Readonly<Record<string, unknown>> | null | undefined,
  now = Date.now(),
): number | undefined {
  const precise = Number.parseFloat(readHeader(headers, "retry-after-ms") ?? "");
  if (Number.isFinite(precise) && precise >= 0) return Math.round(precise);
  const value = readHeader(headers, "retry-after")?.trim();
  if (value === undefined || value === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function readHeader(headers: Readonly<Record<string, unknown>> | null | undefined, name: string): string | undefined {
  if (typeof headers !== "object" || headers === null) return undefined;
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== name) continue;
    const value = headers[key];
    if (typeof value === "string") return value;
  }
  return undefined;
}
