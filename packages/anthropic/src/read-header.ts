/**
 * Response headers as an SDK error carries them: a Headers object (`get()`) from
 * `@anthropic-ai/sdk` 0.50 onwards, 1.x included, or a plain record when a wrapper (a proxy
 * client, an older copy) builds the error itself.
 */
export type HeadersLike =
  | { get(name: string): string | null | undefined }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * One header's value from either shape, matched case-insensitively. Reading the shape first means
 * a record never fails with `headers.get is not a function`, which would end a call as `unknown`
 * and lose the router's retries and fallback.
 */
export function readHeader(headers: HeadersLike | null | undefined, name: string): string | undefined {
  if (typeof headers !== "object" || headers === null) return undefined;
  if ("get" in headers && typeof headers.get === "function") {
    return headers.get(name) ?? undefined;
  }
  const record = headers as Readonly<Record<string, unknown>>;
  const wanted = name.toLowerCase();
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== wanted) continue;
    const value = record[key];
    if (typeof value === "string") return value;
    if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  }
  return undefined;
}
