import { createRouter, type RouterMiddleware } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { createTelemetryMiddleware } from "@modelpolicy/otel";
import { CallLog } from "./call-log.js";
import { buildSummary, type DemoSummary, writeSummary } from "./demo-summary.js";
import { type InvoiceDocument, loadInvoices } from "./invoices.js";
import { loadMasterData } from "./master-data.js";
import { loadInvoiceTable, tierModelVariable } from "./policy-table.js";
import { chooseProvider } from "./provider.js";
import { printInvoice, printTaskTable } from "./report.js";
import { taskStats } from "./task-stats.js";
import type { TextSink } from "./text-layout.js";
import { processInvoices } from "./workflow/process-invoices.js";

/** What a run can be given; everything defaults to the CLI's behaviour. */
export interface DemoOptions {
  /** Environment to read (`OPENAI_API_KEY`, `MODELPOLICY_*`); default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where the report goes; default `process.stdout`. */
  stdout?: TextSink;
  /** Use this already-running SIMULATED provider instead of starting one. */
  simulatorBaseURL?: string;
  /** Router middleware; default one `createTelemetryMiddleware()`. */
  middleware?: readonly RouterMiddleware[];
  /** Invoices to process; default the bundled synthetic invoices. */
  invoices?: readonly InvoiceDocument[];
  /** The last line printed, saying where telemetry went (the CLI knows, the library does not). */
  telemetryNote?: string;
}

/**
 * Runs the invoice-processing workflow once and prints its report: every model call goes through
 * ONE router built from policies.yaml with `openAIAdapter(client)`, the client pointing at real
 * models or at the SIMULATED provider. Returns the machine-readable summary (also written to
 * `MODELPOLICY_DEMO_SUMMARY` when set). Starts no telemetry SDK: that is the entry point's job.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoSummary> {
  const env = options.env ?? process.env;
  const out = options.stdout ?? process.stdout;
  const { table, overrides } = await loadInvoiceTable(env);
  const provider = await chooseProvider({ env, table, simulatorBaseURL: options.simulatorBaseURL });
  try {
    out.write(`${provider.banner}\n`);
    for (const [tier, model] of Object.entries(overrides))
      out.write(`  tier ${tier} -> ${model} (${tierModelVariable(tier)})\n`);
    out.write(`policies: policies.yaml, table version ${table.version}\n`);

    const router = createRouter(table, {
      adapters: [openAIAdapter(provider.client)],
      middleware: options.middleware ?? [createTelemetryMiddleware()],
    });
    const log = new CallLog();
    const invoices = options.invoices ?? (await loadInvoices());
    const analyses = await processInvoices({ router, masterData: loadMasterData(), log }, invoices);

    for (const [index, analysis] of analyses.entries())
      printInvoice(out, analysis, `${index + 1}/${analyses.length}`, log);
    const tasks = taskStats(
      log.entries,
      table.policies.map((policy) => policy.task),
    );
    printTaskTable(out, tasks);
    const faults = provider.simulator ? [...provider.simulator.stats.faults] : null;
    if (faults) {
      out.write(
        `\nsimulated faults: ${faults.map((fault) => `${fault.kind} on ${fault.model} x${fault.injected}`).join(", ")}\n`,
      );
    }
    const held = analyses.filter((analysis) => analysis.decision === "hold").length;
    out.write(`invoices: ${analyses.length - held} approved, ${held} held for a person\n`);
    out.write(`routed calls: ${log.entries.length}\n`);
    if (options.telemetryNote) out.write(`${options.telemetryNote}\n`);

    const summary = buildSummary({
      provider: provider.kind,
      baseURL: provider.baseURL,
      log,
      tasks,
      analyses,
      simulatorFaults: faults,
    });
    if (env.MODELPOLICY_DEMO_SUMMARY) await writeSummary(env.MODELPOLICY_DEMO_SUMMARY, summary);
    return summary;
  } finally {
    await provider.close();
  }
}
