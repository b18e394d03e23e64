export {
  type AnthropicChoice,
  chooseProvider,
  type ProviderChoice,
  type ProviderSettings,
  SIMULATOR_API_KEY,
} from "./choose-provider.js";
export { type DemoService, ledgerDir, ledgerExporters, otlpEndpoint, telemetryNote } from "./demo-telemetry.js";
export { type LoadedPolicyTable, loadPolicyTable, tierModelVariable } from "./load-policy-table.js";
export { printTaskTable, type TaskTableWidths } from "./print-task-table.js";
export { reviewLine } from "./review-line.js";
export {
  type RoutedCallRecorder,
  type RoutingContext,
  routeStreamed,
  routeStructured,
  routeText,
} from "./route-and-log.js";
export { type DemoCli, runDemoCli } from "./run-demo-cli.js";
export { type DocumentWorkflowSteps, runDocumentWorkflows } from "./run-document-workflows.js";
export {
  type RoutedCallSummary,
  type RunFacts,
  type RunSummary,
  summariseRecord,
  summariseRun,
  writeSummary,
} from "./run-summary.js";
export {
  type DemoOptions,
  runWorkflowDemo,
  type WorkflowDemo,
  type WorkflowRun,
  type WorkflowRunInput,
} from "./run-workflow-demo.js";
export { median, type TaskCall, type TaskStats, taskStats } from "./task-stats.js";
export { cell, clip, type TextSink, usd, wrap } from "./text-layout.js";
export { unconfiguredAdapter } from "./unconfigured-adapter.js";
