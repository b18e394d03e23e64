import Anthropic from "@anthropic-ai/sdk";
import type { PolicyTable } from "@modelpolicy/core";
import { type SimulatedProvider, type SimulatedProviderOptions, startSimulatedProvider } from "@modelpolicy/simulator";
import OpenAI from "openai";

/**
 * The API key the clients send to the simulator unless `MODELPOLICY_SIMULATOR_API_KEY` says
 * otherwise: obviously fake, so it can never be mistaken for (or leak as) a real key.
 */
export const SIMULATOR_API_KEY = "sk-simulated-offline-not-a-real-key";

/**
 * Where a run's Anthropic calls go: the real API (`ANTHROPIC_API_KEY` set), the SIMULATED
 * provider (an offline run), or nowhere (`unconfigured`: real OpenAI models but no Anthropic key,
 * so fallback steps on Anthropic fail with `auth` instead of answering from fixtures).
 */
export interface AnthropicChoice {
  readonly kind: "anthropic" | "simulated" | "unconfigured";
  /** The client the adapter wraps; `undefined` when unconfigured. */
  readonly client: Anthropic | undefined;
  readonly baseURL: string | undefined;
  /** Printed under the provider banner when the table routes anything to Anthropic. */
  readonly banner: string;
  /** Whether the table names the `anthropic` provider in a tier or a fallback step. */
  readonly used: boolean;
}

/** Which providers a run talks to, and the clients that talk to them; `close()` stops what the choice started. */
export interface ProviderChoice {
  readonly kind: "simulated" | "openai-compatible";
  readonly client: OpenAI;
  readonly baseURL: string;
  /** The line printed first, so nobody mistakes a simulated run for a real one. */
  readonly banner: string;
  readonly anthropic: AnthropicChoice;
  /** The simulator this run started (not one passed in), which `close()` stops. */
  readonly simulator: SimulatedProvider | undefined;
  close(): Promise<void>;
}

/** How {@link chooseProvider} picks: the environment, the table, and what a simulated run answers with. */
export interface ProviderSettings {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly table: PolicyTable;
  /**
   * The example's fixtures and scripted faults for the simulator it starts. A function of the
   * loaded table (tier overrides included), called only when a simulator is actually started.
   */
  readonly simulatorOptions: (table: PolicyTable) => SimulatedProviderOptions;
  /**
   * The OpenAI base URL of a SIMULATED provider that is already running (tests start their own);
   * its Anthropic API is at the same origin, as the simulator serves both on one port.
   */
  readonly simulatorBaseURL?: string | undefined;
}

/**
 * Real models when `OPENAI_API_KEY` is set (and `OPENAI_BASE_URL` for any OpenAI-compatible
 * server), otherwise the SIMULATED provider with the example's fixtures. Anthropic is the real
 * API whenever `ANTHROPIC_API_KEY` is set (`ANTHROPIC_BASE_URL` honoured); otherwise it is the
 * simulator in an offline run, and unconfigured in a run on real OpenAI models, so a real run
 * never mixes in fixture answers. Either way the clients are an ordinary `new OpenAI(…)` and
 * `new Anthropic(…)`, so the offline run exercises the same SDKs, adapters, HTTP and telemetry
 * path as production.
 */
export async function chooseProvider(settings: ProviderSettings): Promise<ProviderChoice> {
  const { env } = settings;
  const used = usesAnthropic(settings.table);
  if (settings.simulatorBaseURL === undefined && env.OPENAI_API_KEY) {
    const client = new OpenAI({
      apiKey: env.OPENAI_API_KEY,
      ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
    });
    return {
      kind: "openai-compatible",
      client,
      baseURL: client.baseURL,
      banner: `provider: OpenAI-compatible at ${client.baseURL} (real models, key from OPENAI_API_KEY)`,
      anthropic: realAnthropic(env, used) ?? {
        kind: "unconfigured",
        client: undefined,
        baseURL: undefined,
        banner: "anthropic: not configured (set ANTHROPIC_API_KEY); steps on anthropic fail with auth",
        used,
      },
      simulator: undefined,
      close: async () => undefined,
    };
  }
  const simulator =
    settings.simulatorBaseURL === undefined
      ? await startSimulatedProvider(settings.simulatorOptions(settings.table))
      : undefined;
  const baseURL = settings.simulatorBaseURL ?? simulator!.baseURL;
  const apiKey = env.MODELPOLICY_SIMULATOR_API_KEY || SIMULATOR_API_KEY;
  const anthropicBaseURL = simulator?.anthropicBaseURL ?? new URL(baseURL).origin;
  return {
    kind: "simulated",
    client: new OpenAI({ apiKey, baseURL }),
    baseURL,
    banner: `provider: SIMULATED (offline, fixture answers) at ${baseURL}`,
    anthropic: (settings.simulatorBaseURL === undefined ? realAnthropic(env, used) : undefined) ?? {
      kind: "simulated",
      client: new Anthropic({ apiKey, baseURL: anthropicBaseURL }),
      baseURL: anthropicBaseURL,
      banner: `anthropic: SIMULATED (offline, fixture answers) at ${anthropicBaseURL}`,
      used,
    },
    simulator,
    close: async () => simulator?.close(),
  };
}

/** The real Anthropic API when `ANTHROPIC_API_KEY` is set, else `undefined`. */
function realAnthropic(env: Readonly<Record<string, string | undefined>>, used: boolean): AnthropicChoice | undefined {
  if (!env.ANTHROPIC_API_KEY) return undefined;
  const client = new Anthropic({
    apiKey: env.ANTHROPIC_API_KEY,
    ...(env.ANTHROPIC_BASE_URL ? { baseURL: env.ANTHROPIC_BASE_URL } : {}),
  });
  return {
    kind: "anthropic",
    client,
    baseURL: client.baseURL,
    banner: `anthropic: Anthropic API at ${client.baseURL} (real models, key from ANTHROPIC_API_KEY)`,
    used,
  };
}

function usesAnthropic(table: PolicyTable): boolean {
  return (
    Object.values(table.tiers).some((tier) => tier.provider === "anthropic") ||
    table.policies.some((policy) => policy.models.some((model) => model.provider === "anthropic"))
  );
}
