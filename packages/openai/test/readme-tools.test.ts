import { readFileSync } from "node:fs";
import { FakeOpenAIServer, reply } from "@modelpolicy/testkit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The README's tools example is what users copy: it must be the file this test runs.
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const example = readFileSync(new URL("./readme-tools-example.ts", import.meta.url), "utf8");
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

describe("packages/openai/README.md tools and parts example", () => {
  it("shows test/readme-tools-example.ts verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it("runs: a validated tool call, then the answer after the tool's result", async () => {
    server.script("gpt-4.1-nano", [
      reply.toolCalls([{ id: "call_7", name: "lookup_order", arguments: { orderNumber: "A1234" } }]),
      reply.ok("Your order A1234 has shipped."),
      reply.toolCalls([{ id: "call_8", name: "lookup_order", arguments: { orderNumber: "A1234" } }], {
        stream: { chunkSize: 5 },
      }),
    ]);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import("./readme-tools-example.js");
      expect(log.mock.calls).toEqual([
        ["lookup_order", { orderNumber: "A1234" }],
        ["Your order A1234 has shipped."],
        ['""', { orderNumber: "A1234" }],
      ]);
    } finally {
      log.mockRestore();
    }
    const [first, second, third] = server.requests;
    expect(third?.body).toMatchObject({ stream: true, tools: [{ function: { name: "lookup_order" } }] });
    expect(first?.body?.messages?.[0]?.content).toEqual([
      { type: "text", text: "Where is my order? The label is in the photo." },
      { type: "image_url", image_url: { url: "https://example.com/label.jpg" } },
    ]);
    expect(second?.body?.messages?.at(-1)).toEqual({
      role: "tool",
      tool_call_id: "call_7",
      content: '{"status":"shipped"}',
    });
  });
});
