/**
 * Whether an extracted value equals the golden one, the way a reviewer would judge it: strings
 * compare trimmed, whitespace collapsed and case folded ("New York" = "new york"); lists compare
 * as multisets (party order does not matter); objects compare key by key with a missing key
 * equal to `null`; numbers compare exactly.
 */
export function valuesMatch(expected: unknown, actual: unknown): boolean {
  return canonical(expected) === canonical(actual);
}

function canonical(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.trim().replace(/\s+/g, " ").toLowerCase());
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== null && entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
