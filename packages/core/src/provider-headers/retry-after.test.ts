import { describe, expect, it } from "vitest";
import { retryAfterMs } from "./retry-after.js";

const NOW = Date.parse("2026-11-30T12:00:00Z");

describe.each([
  ["a Headers object", (values: Record<string, string>) => new Headers(values)],
  ["a plain object", (values: Record<string, string>) => values],
])("retryAfterMs from %s", (_shape, headers) => {
  it("prefers retry-after-ms", () => {
    expect(retryAfterMs(headers({ "retry-after-ms": "250.4", "retry-after": "9" }), NOW)).toBe(250);
  });

  it("reads Retry-After seconds, in any letter case", () => {
    expect(retryAfterMs(headers({ "Retry-After": "2" }), NOW)).toBe(2_000);
    expect(retryAfterMs(headers({ "retry-after": "0.5" }), NOW)).toBe(500);
  });

  it("reads Retry-After as an HTTP date, never negative", () => {
    expect(retryAfterMs(headers({ "retry-after": "Mon, 30 Nov 2026 12:00:30 GMT" }), NOW)).toBe(30_000);
    expect(retryAfterMs(headers({ "retry-after": "Mon, 30 Nov 2026 11:00:00 GMT" }), NOW)).toBe(0);
  });

  it("falls back from an unusable retry-after-ms and ignores garbage", () => {
    expect(retryAfterMs(headers({ "retry-after-ms": "soon", "retry-after": "1" }), NOW)).toBe(1_000);
    expect(retryAfterMs(headers({ "retry-after": "later" }), NOW)).toBeUndefined();
    expect(retryAfterMs(headers({ "retry-after": " " }), NOW)).toBeUndefined();
    expect(retryAfterMs(headers({}), NOW)).toBeUndefined();
  });
});
