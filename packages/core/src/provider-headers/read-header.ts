/**
 * Response headers as vendor SDKs hand them over on their errors: a Headers-like object with
 * `get()` (openai 5 and later, `@anthropic-ai/sdk` 0.50 and later), a plain object (openai 4, a
 * lower-casing Proxy over one), or a bare record (the AI SDK's `responseHeaders`, and wrappers
 * that build the error themselves). One home for every adapter, so none of them can fail on a
 * shape it did not expect.
 */
export type HeadersLike = { get(name: string): string | null | undefined } | Readonly<Record<string, unknown>>;

/**
 * One header's value from either shape, matched case-insensitively (`Retry-After` and
 * `retry-after` are the same header). Reading the shape first is what keeps openai 4 errors from
 * failing with `headers.get is not a function`, which used to end a call as `unknown` and lose the
 * router's retries and fallback.
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
