import { createRouter, defineTable } from "@modelpolicy/core";
import { anthropicReply, FakeAnthropicServer } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { anthropicAdapter } from "../src/anthropic-adapter.js";
import type { AnthropicClientLike } from "../src/anthropic-client-like.js";
import { SDK_MAJORS } from "./sdk-majors.js";

const FAST = "claude-haiku-4-5";
const STANDARD = "claude-sonnet-4-6";
const server = new FakeAnthropicServer();

function makeRouter(client: AnthropicClientLike) {
  const table = defineTable({
    version: "t1",
    tiers: {
      fast: { provider: "anthropic", model: FAST },
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
  return createRouter(table, { adapters: [anthropicAdapter(client)], onDiagnostic: () => {} });
}

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const schema = z.object({ label: z.enum(["nda", "msa", "unknown"]) });
const messages = [
  { role: "system" as const, content: "Classify the contract." },
  { role: "user" as const, content: "MASTER SERVICES AGREEMENT" },
];

describe.each(SDK_MAJORS)("router + Anthropic adapter + %s over HTTP", (_major, makeClient) => {
  let router: ReturnType<typeof makeRouter>;
  beforeAll(() => {
    router = makeRouter(makeClient({ apiKey: "sk-ant-test", baseURL: server.baseURL, maxRetries: 3, timeout: 10_000 }));
  });

  it("counts input near the budget as an o200k estimate times the Claude safety factor, refusing before any request", async () => {
    // ≈ 300 o200k tokens: under the 500-token budget as counted for OpenAI, over it × 1.6.
    const long = [{ role: "user" as const, content: "The supplier shall indemnify the customer. ".repeat(40) }];
    const refused = await router.run("document_classification", { messages: long, schema }).catch((error) => error);
    expect(refused.record).toMatchObject({
      outcome: "rejected",
      inputTokens: { withinBudget: false, method: "estimate" },
    });
    expect(server.requestsFor(FAST)).toHaveLength(0);

    server.script(FAST, [anthropicReply.toolUse({ label: "msa" })]);
    const short = [{ role: "user" as const, content: "The supplier shall indemnify the customer. ".repeat(20) }];
    const result = await router.run("document_classification", { messages: short, schema });
    expect(result.inputTokens).toMatchObject({ withinBudget: true, method: "estimate" });
  });

  it("retries a 529 on the first tier as the router (honouring retry-after), then falls back to the next", async () => {
    server.script(FAST, [anthropicReply.overloaded({ retryAfterMs: 30 }), anthropicReply.overloaded()]);
    server.script(STANDARD, [
      anthropicReply.toolUse({ label: "msa" }, { usage: { inputTokens: 40, outputTokens: 8 } }),
    ]);
    const result = await router.run("document_classification", { messages, schema });
    expect(result.output).toEqual({ label: "msa" });
    expect(result).toMatchObject({
      outcome: "fallback_ok",
      modelServed: STANDARD,
      fallback: { used: true, reason: "server_error" },
    });
    expect(
      result.attempts.map((attempt) => [attempt.kind, attempt.model, attempt.errorClass, attempt.delayBeforeMs]),
    ).toEqual([
      ["primary", FAST, "server_error", 0],
      ["retry", FAST, "server_error", 30],
      ["fallback", STANDARD, undefined, 0],
    ]);
    // Three HTTP requests in all: the client's maxRetries: 3 never multiplied them.
    expect(server.requestsFor(FAST)).toHaveLength(2);
    expect(server.requestsFor(STANDARD)).toHaveLength(1);
    const served = server.requestsFor(STANDARD)[0]?.body;
    expect(served).toMatchObject({ system: "Classify the contract.", max_tokens: 50 });
    expect(served?.tool_choice).toEqual({ type: "tool", name: served?.tools?.[0]?.name });
  });
});
