import { readFileSync } from "node:fs";
import { Command, Option } from "commander";
import { type CallsOptions, callsCommand, DEFAULT_JAEGER_UI } from "./calls/calls-command.js";
import { CALLS_FORMATS } from "./calls/render-calls.js";
import type { CommandOutput } from "./command-output.js";
import { type CostOptions, costCommand } from "./cost/cost-command.js";
import { COST_FORMATS } from "./cost/render-cost.js";
import { DEFAULT_TIMEOUT_MS } from "./http/fetch-json.js";
import { collectGroupKeys, GROUP_KEYS } from "./options/group-keys.js";
import { parseHttpUrl, positiveInteger } from "./options/option-parsers.js";
import { parseTimeBound } from "./options/parse-time-bound.js";

/** Where a run happens: tests pass their own folder and clock. */
export interface ProgramContext {
  readonly cwd: string;
  readonly now: Date;
}

const EXIT_CODE_HELP = `
Exit codes:
  0  the query ran (its answer may be empty)
  2  usage: bad flag, date, --by key or URL
  3  no data source: the ledger folder is missing or empty
  4  source unreachable: connection refused, timeout, HTTP error
  5  corrupt data: no readable ledger records, or an answer the CLI cannot read`;

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
    .description("Query what routed LLM calls cost and where they failed, from the local ledger, Prometheus or Jaeger.")
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
    .addHelpText(
      "after",
      `\nA cost marked ≥ leaves out calls of unknown price; "unknown" means no call had a price.${EXIT_CODE_HELP}`,
    )
    .action(async (options: Omit<CostOptions, "by" | "timeoutMs"> & { by?: CostOptions["by"]; timeout: number }) => {
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

  return program;
}

function packageVersion(): string {
  try {
    const text = readFileSync(new URL("../package.json", import.meta.url), "utf8");
    return String((JSON.parse(text) as { version?: unknown }).version ?? "0.0.0");
  } catch {
    return "0.0.0";
  }
}
