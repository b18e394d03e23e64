import { createRouter, defineTable, type ModelAdapter } from "../../index.js";

// Any v2 adapter with `stream` will do (`openAIAdapter(client)` is one); this one streams a
// canned answer so the example runs anywhere.
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
const router = createRouter(table, { adapters: [adapter] });

const stream = router.stream("reviewer_summary", {
  messages: [{ role: "user", content: "Summarise clause 4 for the reviewer: ..." }],
  idleTimeoutMs: 10_000, // the provider may stay silent this long between chunks
});
let text = "";
for await (const delta of stream) text += delta; // or write each delta to the HTTP response
const result = await stream.result; // settles once the stream has ended
console.log(text, result.outcome, result.usage.outputTokens, result.timeToFirstChunkMs !== undefined);
