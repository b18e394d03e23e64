import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { routedTelemetrySetup } from "./__fixtures__/routed-telemetry-setup.js";
import { TelemetryHarness } from "./__fixtures__/telemetry-harness.js";
import { ledgerRecordFromSpan } from "./ledger/ledger-record.js";

const user = (content: string) => [{ role: "user" as const, content }];

let harness: TelemetryHarness;
beforeEach(() => {
  harness = new TelemetryHarness();
});
afterEach(async () => {
  await harness.close();
});

describe("prompt-cache usage in telemetry", () => {
  it("reports cache writes per attempt as GenAI usage, summed on the routed span and in its ledger line", async () => {
    const { adapter, router, errors } = routedTelemetrySetup(harness);
    // The first attempt writes the cache and fails after billing; the retry reads it.
    adapter.script(
      "fast-model",
      {
        error: {
          errorClass: "server_error",
          message: "503",
          status: 503,
          usage: { inputTokens: 1_000, outputTokens: 0, cacheWriteInputTokens: 800 },
        },
      },
      { reply: "ok", usage: { inputTokens: 1_000, outputTokens: 5, cachedInputTokens: 800, cacheWriteInputTokens: 0 } },
    );
    await router.run("classification", { messages: user("x") });

    const [written, read] = harness.attemptSpans();
    expect(written?.attributes).toMatchObject({
      "gen_ai.usage.input_tokens": 1_000,
      "gen_ai.usage.cache_creation.input_tokens": 800,
    });
    expect(written?.attributes).not.toHaveProperty("gen_ai.usage.cache_read.input_tokens");
    expect(read?.attributes).toMatchObject({
      "gen_ai.usage.input_tokens": 1_000,
      "gen_ai.usage.cache_read.input_tokens": 800,
    });
    // A count of 0 is left out, as for cache reads: no backend has to tell 0 from absent.
    expect(read?.attributes).not.toHaveProperty("gen_ai.usage.cache_creation.input_tokens");

    const [routed] = harness.routedSpans();
    expect(routed?.attributes).toMatchObject({
      "model_policy.usage.input_tokens": 2_000,
      "model_policy.usage.cache_read.input_tokens": 800,
      "model_policy.usage.cache_creation.input_tokens": 800,
    });
    expect(routed?.attributes).not.toHaveProperty("gen_ai.usage.cache_creation.input_tokens");
    expect(ledgerRecordFromSpan(routed as NonNullable<typeof routed>)).toMatchObject({
      input_tokens: 2_000,
      cached_input_tokens: 800,
      cache_write_input_tokens: 800,
    });
    expect(errors).toEqual([]);
  });

  it("leaves the cache-write attributes out of a call that wrote no cache", async () => {
    const { adapter, router } = routedTelemetrySetup(harness);
    adapter.script("fast-model", { reply: "ok", usage: { inputTokens: 100, outputTokens: 5 } });
    await router.run("classification", { messages: user("x") });
    expect(harness.attemptSpans()[0]?.attributes).not.toHaveProperty("gen_ai.usage.cache_creation.input_tokens");
    const [routed] = harness.routedSpans();
    expect(routed?.attributes).not.toHaveProperty("model_policy.usage.cache_creation.input_tokens");
    expect(ledgerRecordFromSpan(routed as NonNullable<typeof routed>).cache_write_input_tokens).toBeNull();
  });
});
