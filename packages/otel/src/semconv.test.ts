import { readFileSync } from "node:fs";
import { ATTR_ERROR_TYPE as STABLE_ERROR_TYPE } from "@opentelemetry/semantic-conventions";
import * as incubating from "@opentelemetry/semantic-conventions/incubating";
import { describe, expect, it } from "vitest";
import * as copiedCore from "./semconv.js";
import * as copiedOpenAI from "./semconv-openai.js";
import { INSTRUMENTATION_VERSION } from "./version.js";

describe("semconv copies", () => {
  it("match the names in @opentelemetry/semantic-conventions/incubating", () => {
    const upstream = incubating as unknown as Record<string, unknown>;
    const names = Object.entries({ ...copiedCore, ...copiedOpenAI }).filter(([, value]) => typeof value === "string");
    expect(names.length).toBeGreaterThan(20);
    for (const [name, value] of names) {
      if (name === "ATTR_ERROR_TYPE") expect(value).toBe(STABLE_ERROR_TYPE);
      else if (name === "SEMCONV_SCHEMA_URL") expect(value).toMatch(/\/1\.41\.0$/);
      else expect(upstream[name], name).toBe(value);
    }
  });

  it("keeps the instrumentation version equal to package.json", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(INSTRUMENTATION_VERSION).toBe(manifest.version);
  });
});
