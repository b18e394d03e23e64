export { type CallSummary, FAILED_OUTCOMES } from "./calls/call-summary.js";
export { type CallsOptions, callsCommand, DEFAULT_JAEGER_UI } from "./calls/calls-command.js";
export { CliError } from "./cli-error.js";
export type { CommandOutput } from "./command-output.js";
export { type CostOptions, costCommand } from "./cost/cost-command.js";
export { COST_FIGURE_COLUMNS, type CostReport, type CostRow, type CostTotals } from "./cost/cost-row.js";
export { type CostFormat, renderCost } from "./cost/render-cost.js";
export { EVAL_FORMATS, type EvalEnvironment, type EvalOptions, evalCommand } from "./eval/eval-command.js";
export { type ExampleResult, isTrusted } from "./eval/example-result.js";
export {
  type Comparison,
  compareRuns,
  DEFAULT_LATENCY_NOISE_MS,
  defaultThresholds,
  GATE_RULES,
  type GateRule,
  type GateRuleName,
  type GateThresholds,
  type MetricChange,
  type RouteComparison,
} from "./eval/gate.js";
export { formatMetric, METRICS, type MetricKey, type MetricValue } from "./eval/metrics/metric-catalogue.js";
export { type RouteMetrics, routeMetrics } from "./eval/metrics/route-metrics.js";
export type { ProgressStream } from "./eval/progress.js";
export { EXIT_CODES, type ExitCode } from "./exit-codes.js";
export { GoldenSetError, type GoldenSetIssue } from "./golden/golden-set-error.js";
export { type GoldenRoute, loadGoldenSets } from "./golden/load-golden-sets.js";
export { type GoldenTextOptions, type ParsedGoldenText, parseGoldenText } from "./golden/parse-golden-text.js";
export { LEDGER_COLUMN_TYPES, type LedgerColumn } from "./ledger/ledger-columns.js";
export { DEFAULT_LEDGER_DIR } from "./ledger/ledger-files.js";
export { GROUP_KEYS, type GroupColumn, type GroupKey } from "./options/group-keys.js";
export { diffTables, type FieldChange, type RouteDiff, type TableDiff } from "./policies/diff-tables.js";
export { type LintAdvice, type LintResult, lintTable, type RouteOutputShape } from "./policies/lint-table.js";
export { type LoadedTable, loadTable } from "./policies/load-table.js";
export type { EvalReport } from "./report/eval-report.js";
export { renderHtmlReport } from "./report/render-html-report.js";
export { renderMarkdownReport } from "./report/render-markdown-report.js";
export { type CliResult, type RunCliOptions, runCli } from "./run-cli.js";
