import { describe, expect, it } from "vitest";
import { routerSetup, user } from "../__fixtures__/router-setup.js";
import { testTable } from "../__fixtures__/tables.js";
import type { AdapterCall, AdapterResponse, ModelAdapter } from "../adapter/model-adapter.js";
import { ProviderError } from "../errors/provider-error.js";
import { parsePolicyTable } from "../policy/policy-table.js";
import { createRouter } from "./router.js";
import type { AttemptCall, RouterMiddleware } from "./router-middleware.js";

/** A v2 adapter that names its endpoint and API and answers with every optional response fact. */
function factsAdapter(answer: (call: AdapterCall) => Promise<AdapterResponse>): ModelAdapter {
  return {
    specificationVersion: "v2",
    provider: "scripted",
    endpoint: { address: "llm.internal", port: 8443 },
    api: "chat_completions",
    generate: answer,
  };
}

function routerWith(adapter: ModelAdapter) {
  const seen: AttemptCall[] = [];
  const middleware: RouterMiddleware = {
    name: "capture",
    onAttempt: (attempt, next) => {
      seen.push(attempt);
      return next();
    },
  };
  const router = createRouter(parsePolicyTable(testTable()), { adapters: [adapter], middleware: [middleware] });
  return { router, seen };
}

describe("attempt facts from the adapter", () => {
  it("carries the adapter's endpoint and API to every attempt", async () => {
    const { router, seen } = routerWith(
      factsAdapter(async () => ({
        text: "ok",
        usage: { inputTokens: 10, outputTokens: 2 },
        finishReason: "stop",
        servedModel: "fast-model",
      })),
    );
    await router.run("classification", { messages: user("x") });
    expect(seen[0]).toMatchObject({ endpoint: { address: "llm.internal", port: 8443 }, api: "chat_completions" });
  });

  it("copies fingerprint, service tier, output mode and usage source onto the record", async () => {
    const { router } = routerWith(
      factsAdapter(async () => ({
        text: "ok",
        usage: { inputTokens: 10, outputTokens: 2 },
        finishReason: "stop",
        servedModel: "fast-model",
        systemFingerprint: "fp_1",
        serviceTier: "default",
        structuredOutputMode: "prompt",
        usageSource: "estimated",
      })),
    );
    const result = await router.run("classification", { messages: user("x") });
    expect(result.attempts[0]).toMatchObject({
      systemFingerprint: "fp_1",
      serviceTier: "default",
      structuredOutputMode: "prompt",
      usageSource: "estimated",
    });
  });

  it("reads usage as the provider's when an adapter does not say, and a failure without usage as none", async () => {
    const { adapter, router } = routerSetup({});
    adapter.script("fast-model", { error: { errorClass: "server_error", message: "down" } }, { reply: "ok" });
    const result = await router.run("classification", { messages: user("x") });
    expect(result.attempts.map((attempt) => attempt.usageSource)).toEqual([undefined, "provider"]);
  });

  it("reads a provider error's usage as billed by the provider", async () => {
    const { router } = routerWith(
      factsAdapter(async (call) => {
        throw new ProviderError({
          errorClass: "output_limit",
          message: "cut",
          model: call.model,
          usage: { inputTokens: 10, outputTokens: 200 },
        });
      }),
    );
    const error = await router.run("classification", { messages: user("x") }).catch((caught: unknown) => caught);
    expect((error as { record: { attempts: { usageSource?: string }[] } }).record.attempts[0]?.usageSource).toBe(
      "provider",
    );
  });
});
