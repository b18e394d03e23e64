// The consumer test's second program: `startTelemetry()` from `@modelpolicy/otel/start` with the
// lane's SDK line, exporting over OTLP/HTTP to the fake receiver; one routed call, then the
// spans the receiver decoded.
//   CONSUMER_TEST_FAKES='{…}' node start.mjs
import assert from "node:assert/strict";
import { startTelemetry } from "@modelpolicy/otel/start";
import { checkSpans, fakes, routeOnce } from "./route-once.mjs";

const SERVICE = "consumer-test-start";
const telemetry = startTelemetry({ serviceName: SERVICE, endpoint: fakes.otlpEndpoint, exitHooks: false });
assert.equal(telemetry.enabled, true, "startTelemetry enabled");
await routeOnce();
await telemetry.shutdown();

const spans = await (await fetch(`${fakes.controlURL}/spans`)).json();
const route = checkSpans(spans, {
  parentOf: (span) => span.parentSpanId,
  idOf: (span) => span.spanId,
  traceOf: (span) => span.traceId,
});
assert.equal(route.serviceName, SERVICE, "service.name on the exported spans");
console.log(`start ok: ${spans.length} spans over OTLP/HTTP`);
