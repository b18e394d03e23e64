import { readFileSync } from "node:fs";
import { FakeOpenAIServer, reply } from "@modelpolicy/testkit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The README's example is what users copy: it must be the file this test type-checks and runs.
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const example = readFileSync(new URL("./readme-example.ts", import.meta.url), "utf8");
const server = new FakeOpenAIServer();
const environment = { ...process.env };

beforeAll(async () => {
  const { baseURL } = await server.start();
  process.env.OPENAI_BASE_URL = baseURL;
  process.env.OPENAI_API_KEY = "sk-readme-example";
});
afterAll(async () => {
  process.env = environment;
  await server.close();
});

describe("packages/openai/README.md", () => {
  it("shows test/readme-example.ts verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it("runs its example: a 503 retried by the router, then the next tier answers", async () => {
    server.script("gpt-4.1-nano", [reply.serverError(503, { retryAfterMs: 1 }), reply.serverError(503)]);
    server.script("gpt-4.1-mini", [reply.ok({ label: "nda" })]);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await import("./readme-example.js");
    expect(log).toHaveBeenCalledWith("nda", "fallback_ok", "gpt-4.1-mini", "3 attempt(s)");
    log.mockRestore();
    expect(server.requests.map((request) => [request.model, request.status])).toEqual([
      ["gpt-4.1-nano", 503],
      ["gpt-4.1-nano", 503],
      ["gpt-4.1-mini", 200],
    ]);
    expect(server.requests[2]?.body).toMatchObject({
      max_tokens: 50,
      response_format: { type: "json_schema", json_schema: { name: "document_classification_output", strict: false } },
    });
  });
});
