import type { EvalSuite, ModelAdapter, PolicyTable } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import OpenAI from "openai";
import { CliError } from "../cli-error.js";
import { EXIT_CODES } from "../exit-codes.js";

/** The provider an eval talks to, and what reports say about it. */
export interface EvalProviderHandle {
  /** `true` for the suite's offline provider: its numbers measure the simulator. */
  readonly simulated: boolean;
  /** One line for people, printed first and in every report. */
  readonly description: string;
  readonly client: OpenAI;
  close(): Promise<void>;
}

/** The API key sent to an offline provider, which checks none. */
const OFFLINE_API_KEY = "sk-offline-eval-not-a-real-key";

/**
 * Real models when `OPENAI_API_KEY` or `OPENAI_BASE_URL` is set (any OpenAI-compatible server),
 * else the suite's offline provider, clearly labelled. The `openai` client runs with its own
 * retries off: the router owns retries, as in production.
 */
export async function openEvalProvider(
  suite: EvalSuite,
  env: Readonly<Record<string, string | undefined>>,
): Promise<EvalProviderHandle> {
  const apiKey = env.OPENAI_API_KEY?.trim();
  const baseURL = env.OPENAI_BASE_URL?.trim();
  if (apiKey || baseURL) {
    const client = new OpenAI({ apiKey: apiKey || "not-needed", ...(baseURL ? { baseURL } : {}), maxRetries: 0 });
    return {
      simulated: false,
      description: `REAL models at ${client.baseURL} (${apiKey ? "key from OPENAI_API_KEY" : "no API key"})`,
      client,
      close: async () => undefined,
    };
  }
  if (!suite.startOfflineProvider) {
    throw new CliError(
      `suite "${suite.name}" has no offline provider: set OPENAI_API_KEY or OPENAI_BASE_URL to evaluate on real models.`,
      EXIT_CODES.usage,
    );
  }
  const provider = await suite.startOfflineProvider();
  return {
    simulated: true,
    description: `SIMULATED offline provider at ${provider.baseURL}: ${provider.description}`,
    client: new OpenAI({ apiKey: OFFLINE_API_KEY, baseURL: provider.baseURL, maxRetries: 0 }),
    close: () => provider.close(),
  };
}

/**
 * One OpenAI adapter per provider named in the table's tiers, all on the same client: an eval
 * talks to one endpoint (the simulator, or one OpenAI-compatible server), whatever the tiers call it.
 */
export function adaptersFor(table: PolicyTable, client: OpenAI): ModelAdapter[] {
  const providers = new Set(Object.values(table.tiers).map((tier) => tier.provider));
  for (const policy of table.policies) {
    for (const step of policy.fallback_steps ?? []) {
      if (typeof step === "object" && "model" in step && step.provider) providers.add(step.provider);
    }
  }
  return [...providers].map((provider) => openAIAdapter(client, { provider }));
}
