import { runWorkflowDemo, type DemoOptions as WorkflowDemoOptions } from "@modelpolicy/example-workflow-kit";
import { CallLog } from "./call-log.js";
import { buildSummary, type DemoSummary } from "./demo-summary.js";
import { type ContractDocument, loadDocuments } from "./documents.js";
import { contractSimulatorOptions } from "./fixtures/simulator-options.js";
import { loadPlaybook } from "./playbook.js";
import { loadContractTable } from "./policy-table.js";
import { printDocument } from "./report.js";
import { analyseContracts } from "./workflow/analyse-contracts.js";

/** What a run can be given; everything defaults to the CLI's behaviour. */
export interface DemoOptions extends WorkflowDemoOptions {
  /** Documents to analyse; default the bundled synthetic contracts. */
  documents?: readonly ContractDocument[];
}

/**
 * Runs the contract-analysis workflow once and prints its report: every model call goes through
 * ONE router built from policies.yaml with `openAIAdapter(client)`, the client pointing at real
 * models or at the SIMULATED provider. Returns the machine-readable summary (also written to
 * `MODELPOLICY_DEMO_SUMMARY` when set). Starts no telemetry SDK: that is the entry point's job.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoSummary> {
  return runWorkflowDemo(
    {
      loadTable: loadContractTable,
      simulatorOptions: contractSimulatorOptions,
      taskTable: { task: 24, policy: 31 },
      async run({ router, env, out }) {
        const log = new CallLog();
        const documents = options.documents ?? (await loadDocuments());
        const playbook = await loadPlaybook();
        const analyses = await analyseContracts(
          { router, playbook, log, out, canary: env.MODELPOLICY_DEMO_CANARY },
          documents,
        );
        for (const [index, analysis] of analyses.entries())
          printDocument(out, analysis, `${index + 1}/${analyses.length}`, log);
        return { calls: log.entries, summarise: (facts) => buildSummary({ ...facts, log, analyses }) };
      },
    },
    options,
  );
}
