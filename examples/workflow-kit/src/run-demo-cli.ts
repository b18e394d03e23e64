import { startTelemetry, type TelemetryHandle } from "@modelpolicy/otel/start";
import { type DemoService, ledgerExporters, otlpEndpoint, telemetryNote } from "./demo-telemetry.js";

/** What a demo's `main.ts` hands over: how to name it, and its `runDemo`. */
export interface DemoCli extends DemoService {
  run(options: { env: NodeJS.ProcessEnv; telemetryNote: string }): Promise<unknown>;
}

/**
 * The body of every demo's CLI entry point. Telemetry starts first: the local ledger is always on
 * (unless MODELPOLICY_LEDGER=off), OTLP export only when an endpoint is configured, so an offline
 * run never dials a missing collector. A failure sets the exit code instead of exiting, and the
 * SDK is flushed before the process ends: never process.exit() while spans are pending.
 */
export async function runDemoCli(cli: DemoCli): Promise<void> {
  const env = process.env;
  const ledger = ledgerExporters(env);
  const endpoint = otlpEndpoint(env);
  const telemetry: TelemetryHandle | undefined =
    endpoint || ledger.length > 0
      ? startTelemetry({ serviceName: cli.serviceName, otlp: endpoint !== undefined, extraSpanExporters: ledger })
      : undefined;

  try {
    await cli.run({ env, telemetryNote: telemetryNote(env, telemetry, cli) });
  } catch (error) {
    process.exitCode = 1;
    console.error(
      `${cli.serviceName} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  } finally {
    await telemetry?.shutdown();
  }
}
