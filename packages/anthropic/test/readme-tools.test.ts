import { readFileSync } from "node:fs";
import { anthropicReply, FakeAnthropicServer } from "@modelpolicy/testkit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The README's tools example is what users copy: it must be the file this test runs.
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const example = readFileSync(new URL("./readme-tools-example.ts", import.meta.url), "utf8");
const server = new FakeAnthropicServer();
const environment = { ...process.env };

beforeAll(async () => {
  const { baseURL } = await server.start();
  process.env.ANTHROPIC_BASE_URL = baseURL;
  process.env.ANTHROPIC_API_KEY = "sk-ant-readme-example";
});
afterAll(async () => {
  process.env = environment;
  await server.close();
});

describe("packages/anthropic/README.md tools and parts example", () => {
  it("shows test/readme-tools-example.ts verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it("runs: a validated tool call for an image and a PDF, then the answer after the tool's result", async () => {
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
      { type: "text", text: "Where is my order? The label is in the photo, the invoice attached." },
      { type: "image", source: { type: "url", url: "https://example.com/label.jpg" } },
      { type: "document", source: { type: "url", url: "https://example.com/invoice.pdf" } },
    ]);
    expect(second?.status).toBe(200);
    expect(second?.body?.messages?.slice(1)).toEqual([
      {
        role: "assistant",
        content: [{ type: "tool_use", id: "toolu_7", name: "lookup_order", input: { orderNumber: "A1234" } }],
      },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_7", content: '{"status":"shipped"}' }] },
    ]);
  });
});
