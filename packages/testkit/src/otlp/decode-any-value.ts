import type { OtlpAnyValue, OtlpKeyValue, OtlpLong } from "./otlp-json.js";

/**
 * A decoded attribute value. Plain JavaScript values so tests compare with `toEqual` or index
 * directly (`span.attributes["model_policy.task"]`) instead of unwrapping `{stringValue: …}`.
 */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

/** Decoded attributes, keyed by attribute name. */
export type Attributes = Record<string, AttributeValue>;

/**
 * Decodes an OTLP 64-bit integer to a string of digits. Kept as a string because nanosecond
 * timestamps exceed `Number.MAX_SAFE_INTEGER`.
 */
export function decodeLongString(value: OtlpLong | undefined): string {
  if (value === undefined) return "0";
  if (typeof value === "object") {
    return ((BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0)).toString();
  }
  return typeof value === "number" ? BigInt(Math.trunc(value)).toString() : value;
}

/** Decodes an OTLP 64-bit integer to a number; counts and int attributes fit comfortably. */
export function decodeLong(value: OtlpLong | undefined): number {
  if (value === undefined) return 0;
  return typeof value === "object" ? Number(decodeLongString(value)) : Number(value);
}

/** Decodes one OTLP `AnyValue`; an empty value (attribute set to nothing) becomes `null`. */
export function decodeAnyValue(value: OtlpAnyValue | undefined): AttributeValue {
  if (value === undefined) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return decodeLong(value.intValue);
  if (value.doubleValue !== undefined) return Number(value.doubleValue);
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(decodeAnyValue);
  if (value.kvlistValue !== undefined) return decodeAttributes(value.kvlistValue.values);
  if (value.bytesValue !== undefined) return value.bytesValue;
  return null;
}

/** Decodes an OTLP attribute list into a plain record. */
export function decodeAttributes(list: OtlpKeyValue[] | undefined): Attributes {
  const result: Attributes = {};
  for (const { key, value } of list ?? []) result[key] = decodeAnyValue(value);
  return result;
}

const HEX = /^[0-9a-f]*$/i;

/**
 * Decodes a trace or span id to lowercase hex. The OTLP/JSON spec says hex, but some exporters
 * send base64 (the protobuf JSON default), so a base64 id of the right length is converted.
 */
export function decodeId(id: string | undefined, bytes: 8 | 16): string {
  if (!id) return "";
  if (id.length === bytes * 2 && HEX.test(id)) return id.toLowerCase();
  const decoded = Buffer.from(id, "base64");
  return decoded.length === bytes ? decoded.toString("hex") : id;
}

/** Nanoseconds between two decoded timestamps, as milliseconds. */
export function durationMs(startUnixNano: string, endUnixNano: string): number {
  return Number(BigInt(endUnixNano) - BigInt(startUnixNano)) / 1e6;
}
