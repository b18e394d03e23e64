import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { anthropicReply, FakeAnthropicServer, FakeOpenAIServer, reply } from "@modelpolicy/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const readme = readFileSync(join(packageDir, "README.md"), "utf8");
const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
const openaiServer = new FakeOpenAIServer();
const anthropicServer = new FakeAnthropicServer();
let workDir = "";

beforeAll(async () => {
  await Promise.all([openaiServer.start(), anthropicServer.start()]);
  // Inside the package, so the example's imports resolve as they would in a user's project
  // (`@modelpolicy/ai-sdk` as a self-reference to the built package).
  workDir = mkdtempSync(join(packageDir, ".readme-run-"));
});
afterAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  await Promise.all([openaiServer.close(), anthropicServer.close()]);
});

describe("packages/ai-sdk/README.md", () => {
  it("runs its example: the OpenAI tier's 503s fall back to the Anthropic tier", async () => {
    openaiServer.script("gpt-4o-mini", [reply.serverError(503), reply.serverError(503)]);
    anthropicServer.script("claude-haiku-4-5", [anthropicReply.text('{"label":"nda"}')]);
    // The example as a user runs it: plain JavaScript apart from the file name, so it runs as
    // `.mjs` in a child Node process against the built packages (`dist/`, hence `tsc -b` first:
    // the test workers' `@modelpolicy/source` condition does not reach the child), with the
    // providers' own environment variables for keys and base URLs.
    expect(existsSync(join(packageDir, "dist", "index.js")), "build first: pnpm exec tsc -b packages/ai-sdk").toBe(
      true,
    );
    const file = join(workDir, "classify.mjs");
    writeFileSync(file, example);
    const { stdout } = await promisify(execFile)(process.execPath, [file], {
      env: {
        ...process.env,
        OPENAI_API_KEY: "sk-test",
        OPENAI_BASE_URL: openaiServer.baseURL,
        ANTHROPIC_API_KEY: "sk-ant-test",
        ANTHROPIC_BASE_URL: `${anthropicServer.baseURL}/v1`,
      },
      timeout: 60_000,
    });
    expect(stdout.trim()).toBe("nda claude-haiku-4-5 fallback_ok");
    expect(openaiServer.requestsFor("gpt-4o-mini").map((request) => request.path)).toEqual([
      "/v1/chat/completions",
      "/v1/chat/completions",
    ]);
    expect(anthropicServer.requestsFor("claude-haiku-4-5")).toHaveLength(1);
  });
});
