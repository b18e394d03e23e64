import { defineTable } from "@modelpolicy/core";
import { afterEach, describe, expect, it } from "vitest";
import { chooseProvider, type ProviderChoice, SIMULATOR_API_KEY } from "./choose-provider.js";

const policy = {
  id: "risk",
  version: "1",
  task: "risk_judgement",
  model_tier: "strong",
  max_input_tokens: 1000,
  max_output_tokens: 100,
  evidence_required: false,
  review_required: false,
  fallback_policy: "stop",
  latency_tier: "fast",
} as const;
const crossProvider = defineTable({
  version: "1",
  tiers: { strong: { provider: "openai", model: "gpt-4.1" } },
  policies: [{ ...policy, fallback_steps: [{ provider: "anthropic", model: "claude-sonnet-4-6" }] }],
});
const openAIOnly = defineTable({
  version: "1",
  tiers: { strong: { provider: "openai", model: "gpt-4.1" } },
  policies: [policy],
});

const choices: ProviderChoice[] = [];
async function choose(env: Record<string, string>, table = crossProvider): Promise<ProviderChoice> {
  const choice = await chooseProvider({ env, table, simulatorOptions: () => ({}) });
  choices.push(choice);
  return choice;
}
afterEach(async () => {
  await Promise.all(choices.splice(0).map((choice) => choice.close()));
});

describe("chooseProvider", () => {
  it("offline: one simulator serves both APIs, each client with the simulator's fake key", async () => {
    const choice = await choose({});
    expect(choice.kind).toBe("simulated");
    expect(choice.anthropic).toMatchObject({ kind: "simulated", used: true });
    expect(choice.baseURL).toBe(choice.simulator!.baseURL);
    expect(choice.anthropic.baseURL).toBe(choice.simulator!.anthropicBaseURL);
    expect(choice.anthropic.banner).toBe(
      `anthropic: SIMULATED (offline, fixture answers) at ${choice.anthropic.baseURL}`,
    );
    expect(choice.client.apiKey).toBe(SIMULATOR_API_KEY);
    expect(choice.anthropic.client?.apiKey).toBe(SIMULATOR_API_KEY);
  });

  it("with ANTHROPIC_API_KEY uses the real Anthropic API (ANTHROPIC_BASE_URL honoured) beside the simulated OpenAI", async () => {
    const choice = await choose({ ANTHROPIC_API_KEY: "sk-ant-real", ANTHROPIC_BASE_URL: "http://127.0.0.1:9" });
    expect(choice.kind).toBe("simulated");
    expect(choice.anthropic).toMatchObject({ kind: "anthropic", baseURL: "http://127.0.0.1:9" });
    expect(choice.anthropic.client?.apiKey).toBe("sk-ant-real");
    expect(choice.anthropic.banner).toContain("(real models, key from ANTHROPIC_API_KEY)");
  });

  it("with OPENAI_API_KEY only starts no simulator and leaves Anthropic unconfigured, never simulated", async () => {
    const choice = await choose({ OPENAI_API_KEY: "sk-real", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" });
    expect(choice).toMatchObject({ kind: "openai-compatible", simulator: undefined });
    expect(choice.anthropic).toMatchObject({ kind: "unconfigured", client: undefined, used: true });
  });

  it("says whether the table routes anything to Anthropic", async () => {
    expect((await choose({}, openAIOnly)).anthropic.used).toBe(false);
  });
});
