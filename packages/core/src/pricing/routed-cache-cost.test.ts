import { describe, expect, it } from "vitest";
import { user } from "../__fixtures__/router-setup.js";
import { testTable } from "../__fixtures__/tables.js";
import { parsePolicyTable } from "../policy/policy-table.js";
import { createRouter } from "../router/router.js";
import { ScriptedAdapter } from "../testing/scripted-adapter.js";

describe("a routed call's cache usage and cost", () => {
  it("sums cache writes over the attempts and prices them at the cache-write rate", async () => {
    const base = testTable();
    const table = parsePolicyTable({
      ...base,
      prices: {
        ...base.prices,
        "fast-model": {
          input_per_million: 1,
          output_per_million: 2,
          cached_input_per_million: 0.1,
          cache_write_input_per_million: 1.25,
        },
      },
    });
    const adapter = new ScriptedAdapter();
    // The first attempt writes the cache and fails after billing; the retry reads it.
    adapter.script(
      "fast-model",
      {
        error: {
          errorClass: "server_error",
          message: "503",
          status: 503,
          usage: { inputTokens: 1_000_000, outputTokens: 0, cacheWriteInputTokens: 800_000 },
        },
      },
      {
        reply: "ok",
        usage: {
          inputTokens: 1_000_000,
          outputTokens: 1_000_000,
          cachedInputTokens: 800_000,
          cacheWriteInputTokens: 0,
        },
      },
    );
    const router = createRouter(table, { adapters: [adapter], onDiagnostic: () => undefined });
    const result = await router.run("classification", { messages: user("x") });
    expect(result.attempts).toHaveLength(2);
    expect(result.usage).toEqual({
      inputTokens: 2_000_000,
      outputTokens: 1_000_000,
      cachedInputTokens: 800_000,
      cacheWriteInputTokens: 800_000,
    });
    // Attempt 1: 200k × $1 + 800k × $1.25 = $1.20. Attempt 2: 200k × $1 + 800k × $0.10 + 1M output × $2 = $2.28.
    expect(result.attempts[0]?.costUsd).toBeCloseTo(1.2, 10);
    expect(result.costUsd).toBeCloseTo(3.48, 10);
  });
});
