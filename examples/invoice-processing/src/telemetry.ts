import { DEFAULT_LEDGER_DIR, LedgerSpanExporter } from "@modelpolicy/otel";
import type { TelemetryHandle } from "@modelpolicy/otel/start";

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

/** The lines printed after the table: where the spans went. */
export function telemetryNote(env: Env, handle: TelemetryHandle | undefined): string {
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
      `telemetry: spans and metrics go to ${endpoint} over OTLP/HTTP (service "invoice-processing"; in Jaeger: operation "route tax_ambiguity")`,
    );
  }
  return lines.join("\n");
}
