// The Anthropic lane's program, run in a scratch app outside the repo against the packed
// tarballs: the user's own OTel SDK with an in-memory exporter, one call routed from an OpenAI
// tier that is down to a Claude tier through the user's own `Anthropic` client, and its spans.
//   CONSUMER_TEST_FAKES='{…}' CONSUMER_TEST_SDK=2|3 node app-anthropic.mjs
import assert from "node:assert/strict";
import { checkAnthropicRequests, checkProviderSpans, routeToClaude } from "./route-anthropic.mjs";

const sdk = process.env.CONSUMER_TEST_SDK;
assert.ok(sdk === "2" || sdk === "3", "CONSUMER_TEST_SDK must be 2 or 3");
const { registerTracing } = await import(`./otel-sdk${sdk}.mjs`);
const discard = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => undefined };
const { provider, memory } = await registerTracing(discard);

const result = await routeToClaude();
await provider.forceFlush();
const spans = memory.getFinishedSpans();
checkProviderSpans(spans, {
  parentOf: (span) => span.parentSpanContext?.spanId ?? span.parentSpanId,
  idOf: (span) => span.spanContext().spanId,
});
await checkAnthropicRequests();
await provider.shutdown();
console.log(`anthropic ok: ${result.outcome} via ${result.modelServed} ("${result.output}"), ${spans.length} spans`);
