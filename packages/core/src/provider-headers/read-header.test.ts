import { describe, expect, it } from "vitest";
import { readHeader } from "./read-header.js";

describe("readHeader", () => {
  it("reads a Headers-like object through get() (openai 5 and later)", () => {
    const headers = new Headers({ "Retry-After": "3" });
    expect(readHeader(headers, "retry-after")).toBe("3");
    expect(readHeader(headers, "x-missing")).toBeUndefined();
  });

  it("reads a plain object case-insensitively (openai 4)", () => {
    const headers = { "Retry-After": "3", "x-request-id": "req_1" };
    expect(readHeader(headers, "retry-after")).toBe("3");
    expect(readHeader(headers, "X-Request-ID")).toBe("req_1");
    expect(readHeader(headers, "retry-after-ms")).toBeUndefined();
  });

  it("takes the first value of a repeated header and ignores values that are not text", () => {
    expect(readHeader({ "retry-after": ["4", "5"] }, "retry-after")).toBe("4");
    expect(readHeader({ "retry-after": 4 } as unknown as Record<string, string>, "retry-after")).toBeUndefined();
  });

  it("treats a header named get in a plain object as a header, not a method", () => {
    expect(readHeader({ get: "yes" }, "get")).toBe("yes");
  });

  it("gives undefined for absent headers", () => {
    expect(readHeader(undefined, "retry-after")).toBeUndefined();
    expect(readHeader(null, "retry-after")).toBeUndefined();
  });
});
