import { resolve } from "node:path";
import { CliError } from "../cli-error.js";
import type { CommandOutput } from "../command-output.js";
import { EXIT_CODES } from "../exit-codes.js";
import { DEFAULT_LEDGER_DIR } from "../ledger/ledger-files.js";
import { firstChunkStatsOf, ledgerFirstChunkStats } from "./first-chunk-stats.js";
import { jaegerCalls } from "./jaeger-calls.js";
import { ledgerCalls } from "./ledger-calls.js";
import { type CallsFormat, renderCalls } from "./render-calls.js";

/** Default Jaeger UI base for trace links. */
export const DEFAULT_JAEGER_UI = "http://localhost:16686";

/** How far back a Jaeger search goes when `--since` is not given. */
export const DEFAULT_JAEGER_LOOKBACK_MS = 24 * 3_600_000;

/** Parsed options of `modelpolicy calls`. */
export interface CallsOptions {
  readonly failed: boolean;
  readonly limit: number;
  readonly since?: Date | undefined;
  readonly until?: Date | undefined;
  readonly service?: string | undefined;
  readonly format: CallsFormat;
  readonly ledger?: string | undefined;
  readonly jaeger?: string | undefined;
  readonly jaegerUi: string;
  readonly timeoutMs?: number | undefined;
}

/**
 * `modelpolicy calls`: the latest routed calls (with `--failed`, those that failed, were rejected
 * or fell back), each with a link to its trace, from the ledger or from Jaeger.
 */
export async function callsCommand(options: CallsOptions, cwd: string, now: Date): Promise<CommandOutput> {
  if (options.since !== undefined && options.until !== undefined && options.since >= options.until) {
    throw new CliError("--since must be before --until.", EXIT_CODES.usage);
  }
  const common = { failedOnly: options.failed, limit: options.limit, jaegerUi: options.jaegerUi };
  if (options.jaeger !== undefined) {
    if (options.service === undefined)
      throw new CliError("--jaeger needs --service NAME: Jaeger searches one service.", EXIT_CODES.usage);
    const until = options.until ?? now;
    const calls = await jaegerCalls({
      ...common,
      url: options.jaeger,
      service: options.service,
      since: options.since ?? new Date(until.getTime() - DEFAULT_JAEGER_LOOKBACK_MS),
      until,
      timeoutMs: options.timeoutMs,
    });
    return { stdout: renderCalls(calls, options.format, firstChunkStatsOf(calls)), stderr: "" };
  }
  const dir = resolve(cwd, options.ledger ?? DEFAULT_LEDGER_DIR);
  const filter = { since: options.since, until: options.until, service: options.service };
  const [calls, firstChunk] = await Promise.all([
    ledgerCalls(dir, { ...common, ...filter }),
    options.format === "table" ? ledgerFirstChunkStats(dir, filter) : [],
  ]);
  return { stdout: renderCalls(calls, options.format, firstChunk), stderr: "" };
}
