import type { Attributes } from "@opentelemetry/api";

/**
 * Removes values an exporter could not serialise (objects, functions, `NaN`, mixed arrays) in
 * place and returns the same object. Span processors of some vendors throw on such values
 * instead of dropping them; a wrong attribute must cost the attribute, never the call.
 */
export function sanitizeAttributes(attributes: Attributes): Attributes {
  for (const key in attributes) {
    if (!isSerialisable(attributes[key])) delete attributes[key];
  }
  return attributes;
}

function isSerialisable(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object":
      return Array.isArray(value) && isHomogeneousArray(value);
    default:
      return false;
  }
}

function isHomogeneousArray(values: readonly unknown[]): boolean {
  let kind: string | undefined;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    const type = typeof value;
    if (type !== "string" && type !== "boolean" && !(type === "number" && Number.isFinite(value))) return false;
    if (kind !== undefined && kind !== type) return false;
    kind = type;
  }
  return true;
}
