import { readFileSync } from "node:fs";
import { anthropicReply, FakeAnthropicServer } from "@modelpolicy/testkit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The README's streaming example is what users copy: it must be the file this test runs.
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const example = readFileSync(new URL("./readme-stream-example.ts", import.meta.url), "utf8");
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

describe("packages/anthropic/README.md streaming example", () => {
  it("shows test/readme-stream-example.ts verbatim", () => {
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it("runs: a 529 before the first event is retried, then the answer streams", async () => {
    server.script("claude-haiku-4-5", [
      anthropicReply.overloaded({ retryAfterMs: 1 }),
      anthropicReply.text("The supplier delivers monthly; clause 4 caps liability.", { stream: { chunkSize: 6 } }),
    ]);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import("./readme-stream-example.js");
      expect(log).toHaveBeenCalledWith("ok", "claude-haiku-4-5", "2 attempt(s)", true);
    } finally {
      log.mockRestore();
    }
    expect(server.requests.map((request) => [request.status, request.replyKind])).toEqual([
      [529, "status"],
      [200, "stream"],
    ]);
    expect(server.requests[1]?.body).toMatchObject({ stream: true, max_tokens: 300 });
  });
});
