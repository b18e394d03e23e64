import { anthropicAdapter } from "@modelpolicy/anthropic";
import {
  createRouter,
  type ModelAdapter,
  type PolicyTable,
  type Router,
  type RouterMiddleware,
} from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { createTelemetryMiddleware } from "@modelpolicy/otel";
import type { SimulatedProviderOptions } from "@modelpolicy/simulator";
import { type AnthropicChoice, chooseProvider } from "./choose-provider.js";
import { fleetStateFromEnv } from "./fleet-state.js";
import { type LoadedPolicyTable, tierModelVariable } from "./load-policy-table.js";
import { printTaskTable, type TaskTableWidths } from "./print-task-table.js";
import { type RunFacts, writeSummary } from "./run-summary.js";
import { type TaskCall, taskStats } from "./task-stats.js";
import type { TextSink } from "./text-layout.js";
import { unconfiguredAdapter } from "./unconfigured-adapter.js";

/** What a run can be given; everything defaults to the CLI's behaviour. */
export interface DemoOptions {
  /** Environment to read (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, `MODELPOLICY_*`); default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where the report goes; default `process.stdout`. */
  stdout?: TextSink;
  /** Use this already-running SIMULATED provider (its OpenAI base URL) instead of starting one. */
  simulatorBaseURL?: string;
  /** Router middleware; default one `createTelemetryMiddleware()`. */
  middleware?: readonly RouterMiddleware[];
  /** The last line printed, saying where telemetry went (the CLI knows, the library does not). */
  telemetryNote?: string;
}

/** What the skeleton hands the workflow: the ONE router every step shares, and where to print. */
export interface WorkflowRunInput {
  readonly router: Router;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: TextSink;
}

/**
 * What a workflow reports back once it has run and printed its per-document sections: every
 * routed call (for the per-task table and the call count), an optional outcome line printed
 * just before the count, and how to turn the run's facts into the example's summary.
 */
export interface WorkflowRun<Summary> {
  readonly calls: readonly TaskCall[];
  readonly outcome?: string | undefined;
  summarise(facts: RunFacts): Summary;
}

/**
 * The parts of a demo that differ between examples: its table and simulator fixtures, the
 * widths of the per-task table, and the workflow itself. Everything around them (provider,
 * banner, router, table, fault line, summary file) is the same in every example.
 */
export interface WorkflowDemo<Summary> {
  loadTable(env: Readonly<Record<string, string | undefined>>): Promise<LoadedPolicyTable>;
  simulatorOptions(table: PolicyTable): SimulatedProviderOptions;
  readonly taskTable: TaskTableWidths;
  run(input: WorkflowRunInput): Promise<WorkflowRun<Summary>>;
}

/**
 * Runs an example workflow once and prints its report: every model call goes through ONE router
 * built from the example's policies.yaml with `openAIAdapter(openai)` and
 * `anthropicAdapter(anthropic)`, the clients pointing at real models or at the SIMULATED
 * provider (see `chooseProvider`). Returns the example's summary (also written to
 * `MODELPOLICY_DEMO_SUMMARY` when set). Starts no telemetry SDK: that is the entry point's job.
 */
export async function runWorkflowDemo<Summary>(demo: WorkflowDemo<Summary>, options: DemoOptions): Promise<Summary> {
  const env = options.env ?? process.env;
  const out = options.stdout ?? process.stdout;
  const { table, overrides } = await demo.loadTable(env);
  const provider = await chooseProvider({
    env,
    table,
    simulatorOptions: (loaded) => demo.simulatorOptions(loaded),
    simulatorBaseURL: options.simulatorBaseURL,
  });
  try {
    out.write(`${provider.banner}\n`);
    if (provider.anthropic.used) out.write(`${provider.anthropic.banner}\n`);
    for (const [tier, model] of Object.entries(overrides))
      out.write(`  tier ${tier} -> ${model} (${tierModelVariable(tier)})\n`);
    out.write(`policies: policies.yaml, table version ${table.version}\n`);

    const fleet = await fleetStateFromEnv(env);
    if (fleet) out.write(`fleet state: Redis at ${env.MODELPOLICY_REDIS_URL} (limits and budgets shared)\n`);
    const router = createRouter(table, {
      adapters: [openAIAdapter(provider.client), anthropicAdapterOf(provider.anthropic)],
      middleware: options.middleware ?? [createTelemetryMiddleware()],
      ...(fleet ? { state: fleet.state } : {}),
    });
    const run = await demo.run({ router, env, out }).finally(() => fleet?.close());
    const tasks = taskStats(
      run.calls,
      table.policies.map((policy) => policy.task),
    );
    printTaskTable(out, tasks, demo.taskTable);
    const faults = provider.simulator ? [...provider.simulator.stats.faults] : null;
    if (faults) {
      out.write(
        `\nsimulated faults: ${faults.map((fault) => `${fault.kind} on ${fault.model} x${fault.injected}`).join(", ")}\n`,
      );
    }
    if (run.outcome) out.write(`${run.outcome}\n`);
    out.write(`routed calls: ${run.calls.length}\n`);
    if (options.telemetryNote) out.write(`${options.telemetryNote}\n`);

    const summary = run.summarise({
      provider: provider.kind,
      baseURL: provider.baseURL,
      tasks,
      simulatorFaults: faults,
    });
    if (env.MODELPOLICY_DEMO_SUMMARY) await writeSummary(env.MODELPOLICY_DEMO_SUMMARY, summary);
    return summary;
  } finally {
    await provider.close();
  }
}

/**
 * The Anthropic adapter of a run. Temperature is not sent: `@anthropic-ai/sdk` 1.x speaks API
 * version 2026-10-21, which refuses every sampling parameter, and a table shared with OpenAI
 * tiers may well set one.
 */
function anthropicAdapterOf(choice: AnthropicChoice): ModelAdapter {
  return choice.client
    ? anthropicAdapter(choice.client, { sendTemperature: false })
    : unconfiguredAdapter("anthropic", "ANTHROPIC_API_KEY");
}
