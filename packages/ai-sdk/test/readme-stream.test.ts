import { readFileSync } from "node:fs";
import { anthropicReply, FakeAnthropicServer, FakeOpenAIServer, reply } from "@modelpolicy/testkit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The README's streaming example is what users copy: it must be the file this test runs.
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const example = readFileSync(new URL("./readme-stream-example.ts", import.meta.url), "utf8");
const openaiServer = new FakeOpenAIServer();
const anthropicServer = new FakeAnthropicServer();
const environment = { ...process.env };

beforeAll(async () => {
  await Promise.all([openaiServer.start(), anthropicServer.start()]);
  process.env.OPENAI_BASE_URL = openaiServer.baseURL;
  process.env.OPENAI_API_KEY = "sk-readme-example";
  process.env.ANTHROPIC_BASE_URL = `${anthropicServer.baseURL}/v1`;
  process.env.ANTHROPIC_API_KEY = "sk-ant-readme-example";
});
afterAll(async () => {
  process.env = environment;
  await Promise.all([openaiServer.close(), anthropicServer.close()]);
});

describe("packages/ai-sdk/README.md streaming example", () => {
  it("shows test/readme-stream-example.ts verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it("runs: the OpenAI tier's 503s before the first chunk fall back to the Anthropic tier, which streams", async () => {
    openaiServer.script("gpt-4o-mini", [reply.serverError(503), reply.serverError(503)]);
    anthropicServer.script("claude-haiku-4-5", [
      anthropicReply.text("The supplier delivers monthly; clause 4 caps liability.", { stream: { chunkSize: 6 } }),
    ]);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import("./readme-stream-example.js");
      expect(log).toHaveBeenCalledWith("fallback_ok", "claude-haiku-4-5", "3 attempt(s)", true);
    } finally {
      log.mockRestore();
    }
    expect(openaiServer.requestsFor("gpt-4o-mini")).toHaveLength(2);
    expect(anthropicServer.requests.map((request) => [request.status, request.replyKind])).toEqual([[200, "stream"]]);
  });
});
