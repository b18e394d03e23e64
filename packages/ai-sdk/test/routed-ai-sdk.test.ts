import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createRouter, defineTable } from "@modelpolicy/core";
import { anthropicReply, FakeAnthropicServer, FakeOpenAIServer, reply } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { aiSdkAdapter } from "../src/ai-sdk-adapter.js";

const FAST = "gpt-4o-mini";
const STANDARD = "claude-haiku-4-5";
const openaiServer = new FakeOpenAIServer();
const anthropicServer = new FakeAnthropicServer();

const table = defineTable({
  version: "t1",
  tiers: {
    fast: { provider: "openai", model: FAST },
    standard: { provider: "anthropic", model: STANDARD },
  },
  policies: [
    {
      id: "classify",
      version: "1",
      task: "document_classification",
      model_tier: "fast",
      max_input_tokens: 500,
      max_output_tokens: 50,
      evidence_required: false,
      review_required: false,
      fallback_policy: "next_tier",
      latency_tier: "fast",
      retry: { max_attempts: 2, base_delay_ms: 1 },
    },
  ],
});

beforeAll(async () => {
  await Promise.all([openaiServer.start(), anthropicServer.start()]);
});
afterAll(() => Promise.all([openaiServer.close(), anthropicServer.close()]));
beforeEach(() => {
  openaiServer.reset();
  anthropicServer.reset();
});

describe("router + aiSdkAdapter over @ai-sdk/openai and @ai-sdk/anthropic over HTTP", () => {
  it("retries a 503 on the OpenAI tier as the router only, then falls back to the Anthropic tier", async () => {
    const openai = createOpenAI({ baseURL: openaiServer.baseURL, apiKey: "sk-test" });
    const anthropic = createAnthropic({ baseURL: `${anthropicServer.baseURL}/v1`, apiKey: "sk-ant-test" });
    // The table's provider names are the adapters' defaults: `openai` and `anthropic`.
    const router = createRouter(table, {
      adapters: [aiSdkAdapter({ languageModel: (modelId) => openai.chat(modelId) }), aiSdkAdapter(anthropic)],
      onDiagnostic: () => {},
    });
    openaiServer.script(FAST, [reply.serverError(503), reply.serverError(503), reply.ok({ label: "nda" })]);
    anthropicServer.script(STANDARD, [
      anthropicReply.text('{"label":"msa"}', { usage: { inputTokens: 40, outputTokens: 8 } }),
    ]);

    const result = await router.run("document_classification", {
      messages: [
        { role: "system", content: "Classify the contract." },
        { role: "user", content: "MASTER SERVICES AGREEMENT" },
      ],
      schema: z.object({ label: z.enum(["nda", "msa", "unknown"]) }),
    });

    expect(result.output).toEqual({ label: "msa" });
    expect(result).toMatchObject({
      outcome: "fallback_ok",
      modelServed: STANDARD,
      fallback: { used: true, reason: "server_error" },
    });
    expect(result.attempts.map((attempt) => [attempt.kind, attempt.model, attempt.errorClass])).toEqual([
      ["primary", FAST, "server_error"],
      ["retry", FAST, "server_error"],
      ["fallback", STANDARD, undefined],
    ]);
    // Two router attempts, two HTTP requests: no retries below the router, and the third reply unused.
    expect(openaiServer.requestsFor(FAST)).toHaveLength(2);
    expect(openaiServer.pendingReplies(FAST)).toBe(1);
    expect(anthropicServer.requestsFor(STANDARD)).toHaveLength(1);
    expect(anthropicServer.requestsFor(STANDARD)[0]?.body).toMatchObject({
      max_tokens: 50,
      system: [{ type: "text", text: "Classify the contract." }],
      output_config: { format: { type: "json_schema" } },
    });
  });
});
