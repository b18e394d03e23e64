import type { PolicyTable } from "@modelpolicy/core";
import { type SimulatedProvider, type SimulatedProviderOptions, startSimulatedProvider } from "@modelpolicy/simulator";
import OpenAI from "openai";

/**
 * The API key the client sends to the simulator unless `MODELPOLICY_SIMULATOR_API_KEY` says
 * otherwise: obviously fake, so it can never be mistaken for (or leak as) a real key.
 */
export const SIMULATOR_API_KEY = "sk-simulated-offline-not-a-real-key";

/** Which provider a run talks to, and the client that talks to it; `close()` stops what the choice started. */
export interface ProviderChoice {
  readonly kind: "simulated" | "openai-compatible";
  readonly client: OpenAI;
  readonly baseURL: string;
  /** The line printed first, so nobody mistakes a simulated run for a real one. */
  readonly banner: string;
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
  /** A simulated provider that is already running (tests start their own). */
  readonly simulatorBaseURL?: string | undefined;
}

/**
 * Real models when `OPENAI_API_KEY` is set (and `OPENAI_BASE_URL` for any OpenAI-compatible
 * server), otherwise the SIMULATED provider with the example's fixtures. Either way the client is
 * an ordinary `new OpenAI({ apiKey, baseURL })`, so the offline run exercises the same SDK,
 * adapter, HTTP and telemetry path as production.
 */
export async function chooseProvider(settings: ProviderSettings): Promise<ProviderChoice> {
  const { env } = settings;
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
      simulator: undefined,
      close: async () => undefined,
    };
  }
  const simulator =
    settings.simulatorBaseURL === undefined
      ? await startSimulatedProvider(settings.simulatorOptions(settings.table))
      : undefined;
  const baseURL = settings.simulatorBaseURL ?? simulator!.baseURL;
  const client = new OpenAI({ apiKey: env.MODELPOLICY_SIMULATOR_API_KEY || SIMULATOR_API_KEY, baseURL });
  return {
    kind: "simulated",
    client,
    baseURL,
    banner: `provider: SIMULATED (offline, fixture answers) at ${baseURL}`,
    simulator,
    close: async () => simulator?.close(),
  };
}
