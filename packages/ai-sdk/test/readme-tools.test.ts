import { readFileSync } from "node:fs";
import { anthropicReply, FakeAnthropicServer } from "@modelpolicy/testkit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The README's tools example is what users copy: it must be the file this test runs.
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const example = readFileSync(new URL("./readme-tools-example.ts", import.meta.url), "utf8");
const server = new FakeAnthropicServer();
const environment = { ...process.env };

beforeAll(async () => {
  await server.start();
  process.env.ANTHROPIC_BASE_URL = `${server.baseURL}/v1`;
  process.env.ANTHROPIC_API_KEY = "sk-ant-readme-example";
});
afterAll(async () => {
  process.env = environment;
  await server.close();
});

describe("packages/ai-sdk/README.md tools and parts example", () => {
  it("shows test/readme-tools-example.ts verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it("runs: a validated tool call, then the answer after the tool's result", async () => {
    server.script("claude-haiku-4-5", [
      anthropicReply.toolUse({ orderNumber: "A1234" }, { name: "lookup_order", id: "toolu_7" }),
      anthropicReply.text("Your order A1234 has shipped."),
    ]);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import("./readme-tools-example.js");
      expect(log.mock.calls).toEqual([["lookup_order", { orderNumber: "A1234" }], ["Your order A1234 has shipped."]]);
    } finally {
      log.mockRestore();
    }
    const [first, second] = server.requests;
    expect(first?.body?.messages?.[0]?.content).toEqual([
      { type: "text", text: "Where is my order? The label is in the photo." },
      { type: "image", source: { type: "url", url: "https://example.com/label.jpg" } },
    ]);
    expect(second?.body?.messages?.at(-1)).toEqual({
      role: "user",
      content: [{ type: "tool_result", tool_use_id: "toolu_7", content: '{"status":"shipped"}' }],
    });
  });
});
