import { textBuffer } from "@modelpolicy/example-workflow-kit/testing";
import { type SimulatedProvider, startSimulatedProvider } from "@modelpolicy/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { contractResponder } from "../src/fixtures/contract-responder.js";
import { contractSimulatorOptions } from "../src/fixtures/simulator-options.js";
import { loadContractTable } from "../src/policy-table.js";
import { runDemo } from "../src/run-demo.js";

const providers: SimulatedProvider[] = [];
afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.close()));
});

describe("runDemo", () => {
  it("prints the SIMULATED banner, every document, the per-task table and the routed-call count", async () => {
    const { table } = await loadContractTable({});
    const provider = await startSimulatedProvider(contractSimulatorOptions(table));
    providers.push(provider);
    const out = textBuffer();
    const summary = await runDemo({
      env: {},
      stdout: out.sink,
      simulatorBaseURL: provider.baseURL,
      middleware: [],
      telemetryNote: "telemetry: test",
    });
    const text = out.text();
    expect(text.split("\n").slice(0, 2)).toEqual([
      `provider: SIMULATED (offline, fixture answers) at ${provider.baseURL}`,
      `anthropic: SIMULATED (offline, fixture answers) at ${provider.anthropicBaseURL}`,
    ]);
    for (const task of [
      "document_classification",
      "field_extraction",
      "clause_matching",
      "risk_judgement",
      "reviewer_summary",
      "exception_handling",
    ]) {
      expect(text).toMatch(new RegExp(`^${task}\\s+contracts\\.`, "m"));
    }
    expect(text).toMatch(/^risk_judgement\s+contracts\.judge_risk@5\s+4\s+\d+\s+\d+\s+\d\.\d{6}\s+4\s+4\s+\d+$/m);
    expect(text).toContain("routed calls: 26\n");
    // The reviewer summaries stream to the terminal as they arrive, before the report repeats them.
    const streamed = [...text.matchAll(/^reviewer summary, (\S+) \(streamed\): (.+)$/gm)];
    expect(streamed.map((match) => match[1])).toHaveLength(4);
    expect(text.indexOf(streamed[0]?.[0] ?? "?")).toBeLessThan(text.indexOf("Per task"));
    expect(
      summary.calls.filter((call) => call.task === "reviewer_summary").every((call) => call.outcome === "ok"),
    ).toBe(true);
    expect(text.trimEnd().endsWith("telemetry: test")).toBe(true);
    expect(summary.provider).toBe("simulated");
    expect(summary.routedCalls).toBe(26);
    const risks = summary.calls.filter((call) => call.task === "risk_judgement");
    expect(risks.map((call) => [call.modelRequested, call.modelServed, call.fallbackUsed])).toEqual(
      Array(4).fill(["gpt-4.1", "claude-sonnet-4-6", true]),
    );
    expect(summary.documents.find((document) => document.type === "amendment")).toMatchObject({
      riskLevel: "critical",
      exceptions: ["amendment_conflict", "amendment_conflict", "amendment_conflict", "amendment_conflict"],
    });
  });

  it("with OPENAI_API_KEY runs the same workflow against the OpenAI-compatible server named, with tier overrides", async () => {
    // Stands in for a real OpenAI-compatible server: only the answers are canned, no faults.
    const server = await startSimulatedProvider({ responder: contractResponder });
    providers.push(server);
    const out = textBuffer();
    const summary = await runDemo({
      env: {
        OPENAI_API_KEY: "sk-real-looking",
        OPENAI_BASE_URL: server.baseURL,
        MODELPOLICY_MODEL_FAST: "gpt-4o-mini",
      },
      stdout: out.sink,
      middleware: [],
    });
    expect(out.text()).toContain(
      `provider: OpenAI-compatible at ${server.baseURL} (real models, key from OPENAI_API_KEY)`,
    );
    expect(out.text()).toContain("tier fast -> gpt-4o-mini (MODELPOLICY_MODEL_FAST)");
    // No ANTHROPIC_API_KEY on a run with real models: Anthropic is not configured, never simulated.
    expect(out.text()).toContain(
      "anthropic: not configured (set ANTHROPIC_API_KEY); steps on anthropic fail with auth\n",
    );
    expect(summary.provider).toBe("openai-compatible");
    expect(summary.simulatorFaults).toBeNull();
    expect(server.stats.byModel["gpt-4o-mini"]?.requests).toBeGreaterThanOrEqual(4);
    expect(server.stats.byModel["gpt-4.1-nano"]).toBeUndefined();
    expect(summary.calls.filter((call) => call.task === "risk_judgement").every((call) => !call.fallbackUsed)).toBe(
      true,
    );
  });

  it("with ANTHROPIC_API_KEY sends the fallback to the Anthropic API named, through the real Anthropic client", async () => {
    // Stands in for the real Anthropic API (ANTHROPIC_BASE_URL): only the answers are canned.
    const anthropicApi = await startSimulatedProvider({ responder: contractResponder });
    providers.push(anthropicApi);
    const out = textBuffer();
    const summary = await runDemo({
      env: { ANTHROPIC_API_KEY: "sk-ant-real-looking", ANTHROPIC_BASE_URL: anthropicApi.anthropicBaseURL },
      stdout: out.sink,
      middleware: [],
    });
    expect(out.text().split("\n")[1]).toBe(
      `anthropic: Anthropic API at ${anthropicApi.anthropicBaseURL} (real models, key from ANTHROPIC_API_KEY)`,
    );
    expect(summary.provider).toBe("simulated");
    expect(anthropicApi.stats.byModel["claude-sonnet-4-6"]?.completions).toBe(4);
    expect(anthropicApi.stats.requests).toBe(4);
    expect(summary.calls.filter((call) => call.modelServed === "claude-sonnet-4-6")).toHaveLength(4);
  });
});
