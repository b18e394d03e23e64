#!/usr/bin/env node
// The demo's CLI: `pnpm --filter @modelpolicy/example-invoice-processing start`, or `node examples/invoice-processing/dist/main.js`.
import { startTelemetry, type TelemetryHandle } from "@modelpolicy/otel/start";
import { runDemo } from "./run-demo.js";
import { ledgerExporters, otlpEndpoint, telemetryNote } from "./telemetry.js";

const env = process.env;
// Telemetry starts first. The local ledger is always on (unless MODELPOLICY_LEDGER=off); OTLP
// export only when an endpoint is configured, so an offline run never dials a missing collector.
const ledger = ledgerExporters(env);
const endpoint = otlpEndpoint(env);
const telemetry: TelemetryHandle | undefined =
  endpoint || ledger.length > 0
    ? startTelemetry({ serviceName: "invoice-processing", otlp: endpoint !== undefined, extraSpanExporters: ledger })
    : undefined;

try {
  await runDemo({ env, telemetryNote: telemetryNote(env, telemetry) });
} catch (error) {
  process.exitCode = 1;
  console.error(
    `invoice-processing failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
} finally {
  // Flush before the process ends; never process.exit() while spans are pending.
  await telemetry?.shutdown();
}
