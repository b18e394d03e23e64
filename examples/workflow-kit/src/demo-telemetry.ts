import { DEFAULT_LEDGER_DIR, LedgerSpanExporter } from "@modelpolicy/otel";
import type { TelemetryHandle } from "@modelpolicy/otel/start";

/** The environment the settings are read from (`process.env`, or a plain object in tests). */
type Env = Readonly<Record<string, string | undefined>>;

/** The OTLP endpoint the standard variables configure, or `undefined` when spans should not be exported. */
export function otlpEndpoint(env: Env): string | undefined {
  return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || undefined;
}

/**
 * Where the local ledger goes: `MODELPOLICY_LEDGER_DIR`, else `.modelpolicy/ledger` under the
 * working directory; `MODELPOLICY_LEDGER=off` turns it off. The ledger is the embedded default:
 * with no collector at all, `pnpm modelpolicy cost` still answers what each task cost.
 */
export function ledgerDir(env: Env): string | undefined {
  if (env.MODELPOLICY_LEDGER?.trim().toLowerCase() === "off") return undefined;
  return env.MODELPOLICY_LEDGER_DIR?.trim() || DEFAULT_LEDGER_DIR;
}

/** The ledger exporter for {@link ledgerDir}, if the ledger is on. */
export function ledgerExporters(env: Env): LedgerSpanExporter[] {
  const dir = ledgerDir(env);
  return dir ? [new LedgerSpanExporter({ dir })] : [];
}

/** How the telemetry note names a demo, so the reader knows what to look for in Jaeger. */
export interface DemoService {
  /** `service.name` of the demo's spans and metrics. */
  readonly serviceName: string;
  /** A task worth finding first in Jaeger (shown as operation `route <task>`). */
  readonly featuredTask: string;
}

/** The lines printed after the table: where the spans went. */
export function telemetryNote(env: Env, handle: TelemetryHandle | undefined, service: DemoService): string {
  const lines: string[] = [];
  const dir = ledgerDir(env);
  if (dir && handle?.enabled) {
    lines.push(
      `ledger: one record per routed call in ${dir}/ — try \`pnpm modelpolicy cost --by task --ledger ${dir}\``,
    );
  }
  const endpoint = otlpEndpoint(env);
  if (!endpoint) {
    lines.push(
      "telemetry: no OTLP endpoint set: spans were not exported (set OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 and run `docker compose up` to see them in Jaeger)",
    );
  } else if (handle && !handle.enabled) {
    lines.push(`telemetry: OTEL_SDK_DISABLED=true: nothing exported (endpoint ${endpoint})`);
  } else {
    lines.push(
      `telemetry: spans and metrics go to ${endpoint} over OTLP/HTTP (service "${service.serviceName}"; in Jaeger: operation "route ${service.featuredTask}")`,
    );
  }
  return lines.join("\n");
}
