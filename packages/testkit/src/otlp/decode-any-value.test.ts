import { describe, expect, it } from "vitest";
import { decodeAnyValue, decodeId, decodeLong, decodeLongString, durationMs } from "./decode-any-value.js";

describe("decodeAnyValue", () => {
  it("decodes every AnyValue kind to plain values", () => {
    expect(decodeAnyValue({ stringValue: "a" })).toBe("a");
    expect(decodeAnyValue({ boolValue: false })).toBe(false);
    expect(decodeAnyValue({ intValue: "42" })).toBe(42);
    expect(decodeAnyValue({ intValue: 42 })).toBe(42);
    expect(decodeAnyValue({ doubleValue: 1.5 })).toBe(1.5);
    expect(decodeAnyValue({ doubleValue: "NaN" })).toBeNaN();
    expect(decodeAnyValue({ arrayValue: { values: [{ intValue: "1" }, { stringValue: "b" }] } })).toEqual([1, "b"]);
    expect(decodeAnyValue({ arrayValue: {} })).toEqual([]);
    expect(decodeAnyValue({})).toBeNull();
    expect(decodeAnyValue(undefined)).toBeNull();
  });
});

describe("64-bit integers", () => {
  it("decodes strings, numbers and {low, high} pairs", () => {
    expect(decodeLongString("1700000000000000001")).toBe("1700000000000000001");
    expect(decodeLongString(1_000)).toBe("1000");
    const nanos = 1_700_000_000_000_000_001n;
    const pair = { low: Number(nanos & 0xffffffffn) | 0, high: Number(nanos >> 32n) | 0 };
    expect(decodeLongString(pair)).toBe(nanos.toString());
    expect(decodeLong({ low: 5, high: 0 })).toBe(5);
    expect(durationMs("1000000", "3500000")).toBe(2.5);
  });
});

describe("decodeId", () => {
  it("keeps hex, converts base64 and leaves empty ids empty", () => {
    expect(decodeId("ABCDEF0123456789", 8)).toBe("abcdef0123456789");
    expect(decodeId(Buffer.from("abcdef0123456789", "hex").toString("base64"), 8)).toBe("abcdef0123456789");
    expect(decodeId("", 16)).toBe("");
    expect(decodeId(undefined, 16)).toBe("");
  });
});
