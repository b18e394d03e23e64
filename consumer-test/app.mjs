// The consumer test's main program, run in a scratch app outside the repo against the packed
// tarballs: the user's own OTel SDK of the lane's line with an in-memory exporter and the
// ledger exporter, one routed call with a fallback, then two streamed calls (stream-once.mjs),
// and the spans and ledger lines they left.
//   CONSUMER_TEST_FAKES='{…}' CONSUMER_TEST_SDK=2|3 node app.mjs
import assert from "node:assert/strict";
import { DEFAULT_LEDGER_DIR, LedgerSpanExporter, readLedger } from "@modelpolicy/otel";
import { checkRequests, checkSpans, routeOnce, TASK } from "./route-once.mjs";
import { checkStreamLedger, checkStreamSpans, STREAM_TASK, streamOnce } from "./stream-once.mjs";

const sdk = process.env.CONSUMER_TEST_SDK;
assert.ok(sdk === "2" || sdk === "3", "CONSUMER_TEST_SDK must be 2 or 3");
const { registerTracing } = await import(`./otel-sdk${sdk}.mjs`);

// The default folder (.modelpolicy/ledger under the app), where the CLI looks by default too.
const ledgerDir = DEFAULT_LEDGER_DIR;
const ledger = new LedgerSpanExporter();
const { provider, memory } = await registerTracing(ledger);

const spanReaders = {
  // SDK 2.x and 3.x: parentSpanContext; older 1.x: parentSpanId.
  parentOf: (span) => span.parentSpanContext?.spanId ?? span.parentSpanId,
  idOf: (span) => span.spanContext().spanId,
  traceOf: (span) => span.spanContext().traceId,
};
const result = await routeOnce();
await provider.forceFlush();
const spans = memory.getFinishedSpans();
checkSpans(spans, spanReaders);
await checkRequests();

// The streamed calls, after the routed call's checks (which count every request and span).
memory.reset();
const streamed = await streamOnce();
await provider.forceFlush();
const streamSpans = memory.getFinishedSpans();
checkStreamSpans(streamSpans, spanReaders);
await provider.shutdown();

const { records: allRecords } = await readLedger(ledgerDir);
assert.equal(allRecords.length, 3, "three ledger lines (routed, streamed, abandoned stream)");
checkStreamLedger(allRecords);
const records = allRecords.filter((record) => record.task !== STREAM_TASK);
assert.equal(records.length, 1, "one ledger line for the routed call");
assert.equal(records[0].task, TASK, "ledger task");
assert.equal(records[0].outcome, "fallback_ok", "ledger outcome");
assert.equal(records[0].fallback_used, true, "ledger fallback_used");
assert.equal(records[0].model_served, result.modelServed, "ledger model_served");
assert.ok(records[0].cost_usd > 0, "ledger cost_usd");

console.log(`app ok: ${result.outcome} via ${result.modelServed}, ${spans.length} spans, ledger ${ledgerDir}`);
console.log(
  `stream ok: ${streamed.result.outcome} with ${streamed.result.usage.outputTokens} provider output tokens; ` +
    `abandoned after 2 deltas: ${streamed.error.name} (${streamed.error.record.errorClass}), ` +
    `client closed at ${streamed.chunksSent} of ${streamed.fullChunks} chunks, ${streamSpans.length} spans`,
);
