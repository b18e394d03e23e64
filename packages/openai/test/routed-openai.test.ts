import { BudgetExceededError, createRouter, defineTable } from "@modelpolicy/core";
import { FakeOpenAIServer, reply } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { openAIAdapter } from "../src/openai-adapter.js";
import type { OpenAIClientLike } from "../src/openai-client-like.js";
import { SDK_MAJORS } from "./sdk-majors.js";

const server = new FakeOpenAIServer();

function makeRouter(client: OpenAIClientLike) {
  const table = defineTable({
    version: "t1",
    tiers: {
      fast: { provider: "openai", model: "gpt-4.1-nano" },
      standard: { provider: "openai", model: "gpt-4.1-mini" },
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
  return createRouter(table, { adapters: [openAIAdapter(client)], onDiagnostic: () => {} });
}

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const schema = z.object({ label: z.enum(["nda", "msa", "unknown"]) });
const messages = [{ role: "user" as const, content: "MUTUAL NON-DISCLOSURE AGREEMENT" }];

describe.each(SDK_MAJORS)("router + OpenAI adapter + %s over HTTP", (_major, makeClient) => {
  let router: ReturnType<typeof makeRouter>;
  beforeAll(() => {
    router = makeRouter(makeClient({ apiKey: "sk-test", baseURL: server.baseURL, maxRetries: 3 }));
  });

  it("sends nothing for over-budget input", async () => {
    const error = await router
      .run("document_classification", { messages: [{ role: "user", content: "x ".repeat(5000) }] })
      .catch((e) => e);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    expect(server.requestCount).toBe(0);
  });

  it("absorbs a 429 with Retry-After in exactly two requests (SDK retries off)", async () => {
    server.script("gpt-4.1-nano", [
      reply.error(429, "rate_limit_exceeded", { retryAfterMs: 50 }),
      reply.ok({ label: "nda" }),
    ]);
    const result = await router.run("document_classification", { messages, schema });
    expect(result.output.label).toBe("nda");
    expect(result.attempts.map((attempt) => [attempt.kind, attempt.delayBeforeMs])).toEqual([
      ["primary", 0],
      ["retry", 50],
    ]);
    expect(server.requestCount).toBe(2);
  });

  it("retries a 503 on the first tier as the router (honouring Retry-After), then falls back to the next", async () => {
    // openai 4 hands headers over as a plain object: reading them with get() used to throw, which
    // ended the call as `unknown` after one attempt, with no retry and no fallback.
    server.script("gpt-4.1-nano", [reply.serverError(503, { retryAfterMs: 30 }), reply.serverError(503)]);
    server.script("gpt-4.1-mini", [reply.ok({ label: "msa" })]);
    const result = await router.run("document_classification", { messages, schema });
    expect(result).toMatchObject({
      outcome: "fallback_ok",
      modelServed: "gpt-4.1-mini",
      fallback: { used: true, reason: "server_error" },
    });
    expect(
      result.attempts.map((attempt) => [attempt.kind, attempt.model, attempt.errorClass, attempt.delayBeforeMs]),
    ).toEqual([
      ["primary", "gpt-4.1-nano", "server_error", 0],
      ["retry", "gpt-4.1-nano", "server_error", 30],
      ["fallback", "gpt-4.1-mini", undefined, 0],
    ]);
    expect(server.requestsFor("gpt-4.1-nano")).toHaveLength(2);
    expect(server.requestsFor("gpt-4.1-mini")).toHaveLength(1);
  });
});
