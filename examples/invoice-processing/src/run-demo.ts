import { runWorkflowDemo, type DemoOptions as WorkflowDemoOptions } from "@modelpolicy/example-workflow-kit";
import { CallLog } from "./call-log.js";
import { buildSummary, type DemoSummary } from "./demo-summary.js";
import { invoiceSimulatorOptions } from "./fixtures/simulator-options.js";
import { type InvoiceDocument, loadInvoices } from "./invoices.js";
import { loadMasterData } from "./master-data.js";
import { loadInvoiceTable } from "./policy-table.js";
import { printInvoice } from "./report.js";
import { processInvoices } from "./workflow/process-invoices.js";

/** What a run can be given; everything defaults to the CLI's behaviour. */
export interface DemoOptions extends WorkflowDemoOptions {
  /** Invoices to process; default the bundled synthetic invoices. */
  invoices?: readonly InvoiceDocument[];
}

/**
 * Runs the invoice-processing workflow once and prints its report: every model call goes through
 * ONE router built from policies.yaml with `openAIAdapter(client)`, the client pointing at real
 * models or at the SIMULATED provider. Returns the machine-readable summary (also written to
 * `MODELPOLICY_DEMO_SUMMARY` when set). Starts no telemetry SDK: that is the entry point's job.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoSummary> {
  return runWorkflowDemo(
    {
      loadTable: loadInvoiceTable,
      simulatorOptions: invoiceSimulatorOptions,
      taskTable: { task: 20, policy: 30 },
      async run({ router, out }) {
        const log = new CallLog();
        const invoices = options.invoices ?? (await loadInvoices());
        const analyses = await processInvoices({ router, masterData: loadMasterData(), log }, invoices);
        for (const [index, analysis] of analyses.entries())
          printInvoice(out, analysis, `${index + 1}/${analyses.length}`, log);
        const held = analyses.filter((analysis) => analysis.decision === "hold").length;
        return {
          calls: log.entries,
          outcome: `invoices: ${analyses.length - held} approved, ${held} held for a person`,
          summarise: (facts) => buildSummary({ ...facts, log, analyses }),
        };
      },
    },
    options,
  );
}
