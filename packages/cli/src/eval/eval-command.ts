import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { createRouter, type EvalSuite, type GoldenExample, type PolicyTable } from "@modelpolicy/core";
import { CliError } from "../cli-error.js";
import type { CommandOutput } from "../command-output.js";
import { EXIT_CODES } from "../exit-codes.js";
import { GoldenSetError } from "../golden/golden-set-error.js";
import { loadGoldenSets } from "../golden/load-golden-sets.js";
import { type LoadedTable, loadTable } from "../policies/load-table.js";
import { comparisonReport, type EvalReport, type RunInfo, singleRunReport } from "../report/eval-report.js";
import { renderHtmlReport } from "../report/render-html-report.js";
import { renderMarkdownReport } from "../report/render-markdown-report.js";
import { renderTextReport } from "../report/render-text-report.js";
import { adaptersFor, type EvalProviderHandle, openEvalProvider } from "./eval-provider.js";
import type { ExampleResult } from "./example-result.js";
import { compareRuns, type GateThresholds } from "./gate.js";
import { loadSuite } from "./load-suite.js";
import { type RouteMetrics, routeMetrics } from "./metrics/route-metrics.js";
import { createProgress, type ProgressStream } from "./progress.js";
import { ResultStore } from "./result-store.js";
import { runExamples } from "./run-examples.js";
import { tableFingerprint } from "./table-fingerprint.js";

/** Output formats of `modelpolicy eval`. */
export const EVAL_FORMATS = ["table", "json", "markdown", "html"] as const;

/** Parsed options of `modelpolicy eval`. */
export interface EvalOptions {
  readonly suite: string;
  readonly table?: string | undefined;
  readonly baseline?: string | undefined;
  readonly candidate?: string | undefined;
  readonly routes?: readonly string[] | undefined;
  /** The first this many examples of each route's golden set, for a quick run on a slow model. */
  readonly limit?: number | undefined;
  readonly concurrency: number;
  readonly out?: string | undefined;
  readonly resume: boolean;
  readonly format: (typeof EVAL_FORMATS)[number];
  readonly reportMd?: string | undefined;
  readonly reportHtml?: string | undefined;
  readonly thresholds: GateThresholds;
}

/** Where an eval runs: the working directory, the environment (provider choice), live progress. */
export interface EvalEnvironment {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly progress?: ProgressStream | undefined;
}

/**
 * `modelpolicy eval`: runs a suite's golden examples through a router built from one table (or
 * from a baseline and a candidate table, on the same examples), prints per-route metrics, writes
 * the reports asked for, and with two tables applies the gate: exit 7 when a route regressed.
 */
export async function evalCommand(options: EvalOptions, environment: EvalEnvironment): Promise<CommandOutput> {
  const { cwd } = environment;
  const comparing = options.baseline !== undefined || options.candidate !== undefined;
  if (comparing && (options.baseline === undefined || options.candidate === undefined)) {
    throw new CliError("--baseline and --candidate go together.", EXIT_CODES.usage);
  }
  if (comparing === (options.table !== undefined)) {
    throw new CliError("give --table FILE, or --baseline OLD and --candidate NEW.", EXIT_CODES.usage);
  }
  if (options.resume && options.out === undefined) throw new CliError("--resume needs --out DIR.", EXIT_CODES.usage);

  const suite = await loadSuite(options.suite, cwd);
  const routes = chooseRoutes(suite, options.routes);
  const golden = firstExamples(await loadGolden(suite, routes, cwd), options.limit);
  const tables: [string, LoadedTable][] = comparing
    ? [
        ["baseline", await loadTable(options.baseline!, cwd)],
        ["candidate", await loadTable(options.candidate!, cwd)],
      ]
    : [["table", await loadTable(options.table!, cwd)]];
  for (const [, loaded] of tables) checkRoutesDeclared(loaded, routes);

  const provider = await openEvalProvider(suite, environment.env);
  const notes: string[] = [`provider: ${provider.description}`];
  if (options.limit !== undefined)
    notes.push(`--limit ${options.limit}: the first ${options.limit} examples of each route`);
  try {
    const runs: { info: RunInfo; metrics: RouteMetrics[] }[] = [];
    for (const [run, loaded] of tables) {
      runs.push(await evaluateTable(run, loaded, { suite, routes, golden, provider, options, environment, notes }));
    }
    const providerInfo = { simulated: provider.simulated, description: provider.description };
    let report: EvalReport;
    if (runs.length === 2) {
      const [baseline, candidate] = runs as [(typeof runs)[0], (typeof runs)[0]];
      const comparison = compareRuns(baseline.metrics, candidate.metrics, options.thresholds);
      report = comparisonReport(
        suite.name,
        providerInfo,
        [baseline.info, candidate.info],
        baseline.metrics,
        candidate.metrics,
        comparison,
        options.thresholds,
      );
    } else report = singleRunReport(suite.name, providerInfo, runs[0]!.info, runs[0]!.metrics);

    if (options.reportMd) await writeFile(resolve(cwd, options.reportMd), renderMarkdownReport(report));
    if (options.reportHtml) await writeFile(resolve(cwd, options.reportHtml), renderHtmlReport(report));
    const failed = report.gate !== undefined && !report.gate.passed;
    if (failed) notes.push("gate FAILED: a route regressed past its thresholds (exit 7).");
    return {
      stdout: render(report, options.format),
      stderr: notes.map((note) => `modelpolicy: ${note}\n`).join(""),
      exitCode: failed ? EXIT_CODES.regression : EXIT_CODES.ok,
    };
  } finally {
    await provider.close();
  }
}

function render(report: EvalReport, format: EvalOptions["format"]): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "markdown":
      return renderMarkdownReport(report);
    case "html":
      return renderHtmlReport(report);
    case "table":
      return renderTextReport(report);
  }
}

interface RunContext {
  readonly suite: EvalSuite;
  readonly routes: readonly string[];
  readonly golden: ReadonlyMap<string, readonly GoldenExample[]>;
  readonly provider: EvalProviderHandle;
  readonly options: EvalOptions;
  readonly environment: EvalEnvironment;
  readonly notes: string[];
}

async function evaluateTable(
  run: string,
  loaded: LoadedTable,
  context: RunContext,
): Promise<{ info: RunInfo; metrics: RouteMetrics[] }> {
  const { table } = loaded;
  const fingerprint = tableFingerprint(table);
  const diagnostics = new Set<string>();
  const router = createRouter(table, {
    adapters: adaptersFor(table, context.provider.client),
    // Breakers would make answers depend on timing and order; an eval measures each call alone.
    breaker: false,
    onDiagnostic: (message) => diagnostics.add(message),
  });
  let previous: ExampleResult[] = [];
  let store: ResultStore | undefined;
  if (context.options.out !== undefined) {
    const opened = await ResultStore.open(
      resolve(context.environment.cwd, context.options.out),
      run,
      fingerprint,
      context.options.resume,
    );
    ({ store, previous } = opened);
    if (opened.previous.length > 0)
      context.notes.push(`${run}: resumed ${opened.previous.length} result(s) from ${opened.store.path}`);
    if (opened.dropped > 0)
      context.notes.push(`${run}: dropped ${opened.dropped} unreadable line(s) of ${opened.store.path}; redoing them`);
  }
  const total = [...context.golden.values()].reduce((sum, examples) => sum + examples.length, 0);
  const known = new Set(previous.map((result) => `${result.route}\u0000${result.example_id}`));
  const already = [...context.golden].reduce(
    (sum, [route, examples]) => sum + examples.filter((example) => known.has(`${route}\u0000${example.id}`)).length,
    0,
  );
  let results: ExampleResult[];
  try {
    results = await runExamples({
      run,
      table: fingerprint,
      router,
      suite: context.suite,
      golden: context.golden,
      concurrency: context.options.concurrency,
      previous,
      store,
      progress: createProgress(context.environment.progress, `eval ${run}`, total, already),
    });
  } finally {
    await store?.close();
  }
  for (const message of diagnostics) context.notes.push(`${run}: ${message}`);
  const suiteErrors = results.filter((result) => result.outcome === "error");
  if (suiteErrors.length > 0) {
    context.notes.push(
      `${run}: ${suiteErrors.length} example(s) failed in the suite's own code, e.g. ${suiteErrors[0]!.route}/${suiteErrors[0]!.example_id}: ${suiteErrors[0]!.error_message}`,
    );
  }
  const metrics = context.routes.map((route) =>
    routeMetrics(
      route,
      context.suite.routes[route]!.kind,
      results.filter((result) => result.route === route),
    ),
  );
  return { info: { run, table: loaded.label, tableVersion: table.version, fingerprint }, metrics };
}

function chooseRoutes(suite: EvalSuite, wanted: readonly string[] | undefined): string[] {
  const all = Object.keys(suite.routes);
  if (wanted === undefined || wanted.length === 0) return all;
  const unknown = wanted.filter((route) => !all.includes(route));
  if (unknown.length > 0) {
    throw new CliError(
      `--routes: ${unknown.map((route) => `"${route}"`).join(", ")} not in suite "${suite.name}" (its routes: ${all.join(", ")}).`,
      EXIT_CODES.usage,
    );
  }
  return [...new Set(wanted)];
}

/** Each route's first `limit` examples, in golden-set order (all of them without a limit). */
function firstExamples(golden: Map<string, GoldenExample[]>, limit: number | undefined): Map<string, GoldenExample[]> {
  if (limit === undefined) return golden;
  return new Map([...golden].map(([route, examples]) => [route, examples.slice(0, limit)]));
}

async function loadGolden(
  suite: EvalSuite,
  routes: readonly string[],
  cwd: string,
): Promise<Map<string, GoldenExample[]>> {
  try {
    return await loadGoldenSets(
      suite.goldenDir,
      routes.map((name) => ({ name, kind: suite.routes[name]!.kind })),
      cwd,
    );
  } catch (error) {
    if (GoldenSetError.isInstance(error)) throw new CliError(error.message, EXIT_CODES.invalidInput, { cause: error });
    throw error;
  }
}

function checkRoutesDeclared(loaded: LoadedTable, routes: readonly string[]): void {
  const table: PolicyTable = loaded.table;
  if (table.unknownTask !== undefined) return;
  const missing = routes.filter((route) => table.policyFor(route) === undefined);
  if (missing.length > 0) {
    throw new CliError(
      `policy table ${loaded.label} has no policy for route${missing.length === 1 ? "" : "s"} ${missing.join(", ")} (and no unknown_task).`,
      EXIT_CODES.invalidInput,
    );
  }
}
