import { createRouter, defineTable, type ModelAdapter, type RouteRecord } from "@modelpolicy/core";
import { expect, it } from "vitest";
import { routeStreamed } from "./route-and-log.js";

// Streams a canned answer in three deltas, as the core README's streaming example does.
const adapter: ModelAdapter = {
  specificationVersion: "v2",
  provider: "canned",
  generate: async () => {
    throw new Error("this adapter only streams");
  },
  async *stream() {
    for (const text of ["The supplier ", "delivers ", "monthly."]) yield { type: "text-delta", text };
    yield {
      type: "finish",
      finishReason: "stop",
      usage: { inputTokens: 40, outputTokens: 6 },
      servedModel: "canned-1",
    };
  },
};

const table = defineTable({
  version: "1",
  tiers: { fast: { provider: "canned", model: "canned-1" } },
  policies: [
    {
      id: "summarise",
      version: "1",
      task: "reviewer_summary",
      model_tier: "fast",
      max_input_tokens: 4_000,
      max_output_tokens: 300,
      evidence_required: false,
      review_required: false,
      fallback_policy: "stop",
      latency_tier: "fast",
    },
  ],
});

it("hands each delta over as it arrives and logs the record from the stream's result", async () => {
  const logged: { task: string; subjectId: string; record: RouteRecord; failed: boolean }[] = [];
  const context = {
    router: createRouter(table, { adapters: [adapter] }),
    log: {
      add: (task: string, subjectId: string, record: RouteRecord, failed: boolean) =>
        logged.push({ task, subjectId, record, failed }),
    },
  };
  const deltas: string[] = [];
  const result = await routeStreamed(
    context,
    "doc-1",
    "reviewer_summary",
    { messages: [{ role: "user", content: "Summarise clause 4." }] },
    (delta) => deltas.push(delta),
  );
  expect(deltas).toEqual(["The supplier ", "delivers ", "monthly."]);
  expect(result.output).toBe("The supplier delivers monthly.");
  expect(logged).toHaveLength(1);
  expect(logged[0]).toMatchObject({ task: "reviewer_summary", subjectId: "doc-1", failed: false });
  expect(logged[0]?.record.timeToFirstChunkMs).toBeTypeOf("number");
});
