// The AI SDK lane's program, run in a scratch app outside the repo against the packed tarballs:
// the user's own OTel SDK with an in-memory exporter, one call routed from an OpenAI tier that is
// down to a Claude tier and one streamed call on Claude, both through the user's own AI SDK
// providers (`@ai-sdk/openai`, `@ai-sdk/anthropic`) behind `aiSdkAdapter`, and their spans.
//   CONSUMER_TEST_FAKES='{…}' CONSUMER_TEST_SDK=2|3 node app-ai-sdk.mjs
import assert from "node:assert/strict";
import { checkAiSdkSpans, routeThroughAiSdk } from "./route-ai-sdk.mjs";

const sdk = process.env.CONSUMER_TEST_SDK;
assert.ok(sdk === "2" || sdk === "3", "CONSUMER_TEST_SDK must be 2 or 3");
const { registerTracing } = await import(`./otel-sdk${sdk}.mjs`);
const discard = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => undefined };
const { provider, memory } = await registerTracing(discard);

const { result, streamed, deltas } = await routeThroughAiSdk();
await provider.forceFlush();
const spans = memory.getFinishedSpans();
checkAiSdkSpans(spans, {
  parentOf: (span) => span.parentSpanContext?.spanId ?? span.parentSpanId,
  idOf: (span) => span.spanContext().spanId,
});
await provider.shutdown();
console.log(
  `ai-sdk ok: ${result.outcome} via ${result.modelServed} ("${result.output}"); ` +
    `stream ${streamed.outcome} in ${deltas} deltas; one request per attempt; ${spans.length} spans`,
);
