/**
 * Response headers as the `openai` SDK hands them over on an `APIError`: a Headers-like object with
 * `get()` in openai 5 and later, a plain object (a lower-casing Proxy over one) in openai 4, and
 * sometimes a bare record when an OpenAI-compatible wrapper builds the error itself.
 */
export type HeadersLike =
  | { get(name: string): string | null | undefined }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

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
