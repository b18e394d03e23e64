import { readFileSync } from "node:fs";
import { Command, Option } from "commander";
import { budgetsCommand } from "./budgets/budgets-command.js";
import { type CallsOptions, callsCommand, DEFAULT_JAEGER_UI } from "./calls/calls-command.js";
import { CALLS_FORMATS } from "./calls/render-calls.js";
import type { CommandOutput } from "./command-output.js";
import { type CostOptions, costCommand } from "./cost/cost-command.js";
import { COST_FORMATS } from "./cost/render-cost.js";
import { EVAL_FORMATS, type EvalOptions, evalCommand } from "./eval/eval-command.js";
import { DEFAULT_LATENCY_NOISE_MS, GATE_RULES, type GateRuleName } from "./eval/gate.js";
import type { ProgressStream } from "./eval/progress.js";
import { DEFAULT_TIMEOUT_MS } from "./http/fetch-json.js";
import { collectGroupKeys, GROUP_KEYS } from "./options/group-keys.js";
import { collectNames, nonNegativeNumber, parseHttpUrl, positiveInteger } from "./options/option-parsers.js";
import { parseTimeBound } from "./options/parse-time-bound.js";
import { diffCommand, lintCommand, POLICIES_FORMATS, showCommand } from "./policies/policies-command.js";

/** Where a run happens: tests pass their own folder and clock. */
export interface ProgramContext {
  readonly cwd: string;
  readonly now: Date;
  /** Environment `eval` reads its provider from (`OPENAI_API_KEY`, `OPENAI_BASE_URL`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where `eval` draws live progress (the bin: stderr); none in-process. */
  readonly progress?: ProgressStream | undefined;
}

/** What commander hands the `cost` action: its options, `--timeout` and `--budgets` as parsed. */
type CostActionOptions = Omit<CostOptions, "by" | "timeoutMs"> & {
  by?: CostOptions["by"];
  timeout: number;
  budgets?: string;
};

const EXIT_CODE_HELP = `
Exit codes:
  0  the query ran (its answer may be empty)
  2  usage: bad flag, date, --by key or URL
  3  no data source: the ledger folder is missing or empty
  4  source unreachable: connection refused, timeout, HTTP error
  5  corrupt data: no readable ledger records, or an answer the CLI cannot read
  6  invalid input: a policy table, golden set or eval suite that does not validate
  7  eval gate failed: a route regressed past a threshold
  8  policies diff --fail-on-unversioned: a policy changed but kept its version`;

/**
 * The `modelpolicy` command tree. Built fresh per run (commander keeps parse state on the
 * objects); actions hand their output to `deliver` instead of printing, so the same program runs
 * in-process in tests and behind the bin.
 */
export function createProgram(context: ProgramContext, deliver: (output: CommandOutput) => void): Command {
  const since = (value: string) => parseTimeBound(value, "since", context.now);
  const until = (value: string) => parseTimeBound(value, "until", context.now);
  const timeout = new Option("--timeout <ms>", "how long a server gets to answer")
    .argParser(positiveInteger(600_000))
    .default(DEFAULT_TIMEOUT_MS);
  const program = new Command("modelpolicy")
    .description(
      "Query what routed LLM calls cost and where they failed; lint, show and diff policy tables; evaluate routes on golden sets.",
    )
    .version(packageVersion(), "-V, --version")
    .showSuggestionAfterError(true)
    .addHelpText("after", EXIT_CODE_HELP);

  program
    .command("cost")
    .description("Cost, tokens, fallback/review rates and latency per task (or policy, version, model, outcome).")
    .addOption(
      new Option(
        "--by <keys>",
        `group by ${Object.keys(GROUP_KEYS).join("|")}; repeat or comma-separate (default: task)`,
      ).argParser(collectGroupKeys),
    )
    .addOption(
      new Option("--since <date>", "from this time: 2026-11-25, 2026-11-25T14:00Z, or an age like 24h, 7d").argParser(
        since,
      ),
    )
    .addOption(new Option("--until <date>", "before this time (a bare day includes that whole day)").argParser(until))
    .option("--service <name>", "only calls of this service (resource service.name)")
    .addOption(new Option("--format <format>", "output format").choices(COST_FORMATS).default("table"))
    .addOption(new Option("--ledger <dir>", "ledger folder (default: .modelpolicy/ledger)").conflicts("prometheus"))
    .addOption(
      new Option(
        "--prometheus <url>",
        "query Prometheus instead; p50/p95 are then estimated from histogram buckets",
      ).argParser(parseHttpUrl),
    )
    .addOption(timeout)
    .addOption(
      new Option(
        "--budgets <table>",
        "per policy with a spend_budget in this table: spend, remaining and calls degraded/stopped/reviewed in the current window (ledger only)",
      ).conflicts(["by", "since", "until", "prometheus"]),
    )
    .addHelpText(
      "after",
      `\nA cost marked ≥ leaves out calls of unknown price; "unknown" means no call had a price.${EXIT_CODE_HELP}`,
    )
    .action(async (options: CostActionOptions) => {
      if (options.budgets !== undefined) {
        deliver(await budgetsCommand({ ...options, budgets: options.budgets }, context.cwd, context.now));
        return;
      }
      deliver(
        await costCommand({ ...options, by: options.by ?? [], timeoutMs: options.timeout }, context.cwd, context.now),
      );
    });

  program
    .command("calls")
    .description(
      "The latest routed calls, each with a link to its trace; --failed keeps failed, rejected and fallback calls.",
    )
    .option("--failed", "only calls that failed, were rejected or used a fallback", false)
    .addOption(new Option("--limit <n>", "at most this many calls").argParser(positiveInteger(100_000)).default(20))
    .addOption(new Option("--since <date>", "from this time (Jaeger default: 24h ago)").argParser(since))
    .addOption(new Option("--until <date>", "before this time").argParser(until))
    .option("--service <name>", "only calls of this service (required with --jaeger)")
    .addOption(new Option("--format <format>", "output format").choices(CALLS_FORMATS).default("table"))
    .addOption(new Option("--ledger <dir>", "ledger folder (default: .modelpolicy/ledger)").conflicts("jaeger"))
    .addOption(
      new Option("--jaeger <url>", "query Jaeger's HTTP API instead (e.g. http://127.0.0.1:16686)").argParser(
        parseHttpUrl,
      ),
    )
    .addOption(
      new Option("--jaeger-ui <url>", "base of the trace links").argParser(parseHttpUrl).default(DEFAULT_JAEGER_UI),
    )
    .addOption(timeout)
    .addHelpText("after", EXIT_CODE_HELP)
    .action(async (options: Omit<CallsOptions, "timeoutMs"> & { timeout: number }) => {
      deliver(await callsCommand({ ...options, timeoutMs: options.timeout }, context.cwd, context.now));
    });

  addEvalCommand(program, context, deliver);
  addPoliciesCommand(program, context, deliver);
  return program;
}

function addEvalCommand(program: Command, context: ProgramContext, deliver: (output: CommandOutput) => void): void {
  const command = program
    .command("eval")
    .description(
      "Run a suite's golden examples through a policy table (or a baseline and a candidate) and report per-route metrics.",
    )
    .requiredOption("--suite <module>", "eval suite module, e.g. examples/contract-analysis/dist/eval-suite.js")
    .option("--table <file>", "policy table: YAML/JSON file or a module exporting one")
    .option("--baseline <file>", "the current table (with --candidate: compare and gate)")
    .option("--candidate <file>", "the proposed table")
    .addOption(new Option("--routes <names>", "only these routes; comma-separate or repeat").argParser(collectNames))
    .addOption(
      new Option("--limit <n>", "only the first n examples of each route (a quick run)").argParser(
        positiveInteger(100_000),
      ),
    )
    .addOption(new Option("--concurrency <n>", "examples in flight at once").argParser(positiveInteger(256)).default(4))
    .option("--out <dir>", "write per-example results as JSON lines (<run>.jsonl) to this folder")
    .option("--resume", "with --out: skip examples already in the results files", false)
    .addOption(new Option("--format <format>", "output format").choices(EVAL_FORMATS).default("table"))
    .option("--report-md <file>", "also write a markdown report (for pull requests)")
    .option("--report-html <file>", "also write an HTML report with per-route charts");
  // Each flag's camel-cased name (--max-accuracy-drop -> maxAccuracyDrop) is its rule's name.
  for (const rule of Object.values(GATE_RULES)) {
    command.addOption(
      new Option(`${rule.flag} <n>`, `gate: ${rule.description}${rule.mode === "relative" ? " (relative)" : ""}`)
        .argParser(nonNegativeNumber)
        .default(rule.defaultLimit),
    );
  }
  command
    .addOption(
      new Option("--latency-noise-ms <ms>", "p95 increases below this never fail the gate")
        .argParser(nonNegativeNumber)
        .default(DEFAULT_LATENCY_NOISE_MS),
    )
    .addHelpText(
      "after",
      `\nProvider: real models when OPENAI_API_KEY or OPENAI_BASE_URL is set, else the suite's SIMULATED offline provider\n(its numbers measure the simulator, not model quality).${EXIT_CODE_HELP}`,
    )
    .action(async (options: Omit<EvalOptions, "thresholds"> & Record<GateRuleName | "latencyNoiseMs", number>) => {
      const thresholds = {
        ...(Object.fromEntries(Object.keys(GATE_RULES).map((name) => [name, options[name as GateRuleName]])) as Record<
          GateRuleName,
          number
        >),
        latencyNoiseMs: options.latencyNoiseMs,
      };
      deliver(await evalCommand({ ...options, thresholds }, context));
    });
}

function addPoliciesCommand(program: Command, context: ProgramContext, deliver: (output: CommandOutput) => void): void {
  const policies = program
    .command("policies")
    .description("Show, lint and diff policy tables (YAML/JSON files or modules).");
  const format = () => new Option("--format <format>", "output format").choices(POLICIES_FORMATS).default("table");
  policies
    .command("show")
    .description("A readable table of a policy table's routes.")
    .argument("<file>", "policy table")
    .addOption(format())
    .addHelpText("after", EXIT_CODE_HELP)
    .action(async (file: string, options: { format: (typeof POLICIES_FORMATS)[number] }) => {
      deliver(await showCommand(file, options, context.cwd));
    });
  policies
    .command("diff")
    .description("What changed per route between two tables; flags changed policies that kept their version.")
    .argument("<old>", "the current table")
    .argument("<new>", "the proposed table")
    .option("--fail-on-unversioned", "exit 8 when a policy changed but kept its version", false)
    .addOption(format())
    .addHelpText("after", EXIT_CODE_HELP)
    .action(
      async (
        oldFile: string,
        newFile: string,
        options: { format: (typeof POLICIES_FORMATS)[number]; failOnUnversioned: boolean },
      ) => {
        deliver(await diffCommand(oldFile, newFile, options, context.cwd));
      },
    );
  policies
    .command("lint")
    .description(
      "Schema errors (exit 6) and advice: duplicate routes, evidence without a schema field, budgets over a context window.",
    )
    .argument("<file>", "policy table")
    .option("--suite <module>", "eval suite: lets lint read each route's output schema")
    .addOption(format())
    .addHelpText("after", EXIT_CODE_HELP)
    .action(async (file: string, options: { suite?: string; format: (typeof POLICIES_FORMATS)[number] }) => {
      deliver(await lintCommand(file, options, context.cwd));
    });
}

function packageVersion(): string {
  try {
    const text = readFileSync(new URL("../package.json", import.meta.url), "utf8");
    return String((JSON.parse(text) as { version?: unknown }).version ?? "0.0.0");
  } catch {
    return "0.0.0";
  }
}
