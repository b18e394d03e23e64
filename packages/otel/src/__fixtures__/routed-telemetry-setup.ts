import { createRouter, parsePolicyTable } from "@modelpolicy/core";
import { ScriptedAdapter } from "@modelpolicy/core/testing";
import { createTelemetryMiddleware } from "../create-telemetry-middleware.js";
import { testTable } from "./tables.js";
import type { TelemetryHarness } from "./telemetry-harness.js";

/**
 * A router over a scripted adapter with the telemetry middleware reporting into `harness`, and
 * the errors the middleware reported: what the routed-span tests share.
 */
export function routedTelemetrySetup(harness: TelemetryHarness, overrides = {}) {
  const adapter = new ScriptedAdapter();
  const errors: unknown[] = [];
  const middleware = createTelemetryMiddleware({
    tracerProvider: harness.tracerProvider,
    meterProvider: harness.meterProvider,
    onError: (_message, error) => errors.push(error),
  });
  const router = createRouter(parsePolicyTable(testTable(overrides)), {
    adapters: [adapter],
    middleware: [middleware],
    onDiagnostic: () => undefined,
  });
  return { adapter, router, errors };
}
