import { readFileSync } from "node:fs";
import { FakeOpenAIServer, reply } from "@modelpolicy/testkit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The README's embeddings and Responses API examples are what users copy: they must be the files
// this test runs, against the fake server.
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
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

async function run(file: string): Promise<unknown[]> {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    await import(file);
    return log.mock.calls[0] ?? [];
  } finally {
    log.mockRestore();
  }
}

describe("packages/openai/README.md embeddings example", () => {
  it("shows test/readme-embed-example.ts verbatim", () => {
    const example = readFileSync(new URL("./readme-embed-example.ts", import.meta.url), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it("runs: a 503 is retried once, then the vectors come back at the policy's size", async () => {
    server.reset();
    server.script("text-embedding-3-small", [reply.serverError(503, { retryAfterMs: 1 })]);
    expect(await run("./readme-embed-example.js")).toEqual([2, 512, "text-embedding-3-small", true]);
    expect(server.requests.map((request) => [request.path, request.status])).toEqual([
      ["/v1/embeddings", 503],
      ["/v1/embeddings", 200],
    ]);
    expect(server.requests[1]?.body).toMatchObject({ dimensions: 512, input: expect.any(Array) });
  });
});

describe("packages/openai/README.md Responses API example", () => {
  it("shows test/readme-responses-example.ts verbatim", () => {
    const example = readFileSync(new URL("./readme-responses-example.ts", import.meta.url), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it("runs: the call goes to /v1/responses with text.format json_schema", async () => {
    server.reset();
    server.script("gpt-4.1-mini", [reply.ok({ parties: ["Acme Corp", "Beta Ltd"] })]);
    expect(await run("./readme-responses-example.js")).toEqual([["Acme Corp", "Beta Ltd"], true, "json_schema"]);
    expect(server.requests[0]).toMatchObject({
      path: "/v1/responses",
      body: {
        max_output_tokens: 500,
        store: false,
        text: { format: { type: "json_schema", name: "field_extraction_output" } },
      },
    });
  });
});
