import Anthropic from "@anthropic-ai/sdk";
import { anthropicAdapter } from "@modelpolicy/anthropic";
import { createRouter, DEFAULT_PRICES } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { type SimulatedProvider, type SimulatedRequest, startSimulatedProvider } from "@modelpolicy/simulator";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallLog } from "../src/call-log.js";
import { loadDocuments } from "../src/documents.js";
import { DOCUMENT_IDS } from "../src/fixtures/document-ids.js";
import { contractSimulatorOptions, FALLBACK_MODEL } from "../src/fixtures/simulator-options.js";
import { loadPlaybook, type Playbook } from "../src/playbook.js";
import { loadContractTable } from "../src/policy-table.js";
import { analyseContracts, complete, type DocumentAnalysis } from "../src/workflow/analyse-contracts.js";
import { CLAUSE_MATCHING_SYSTEM_PROMPT, PLAYBOOK_POSITION_TOOL } from "../src/workflow/match-clauses.js";

// The whole workflow once, over HTTP to the SIMULATED provider with the demo's fixtures and faults:
// OpenAI chat completions through the openai SDK, the Messages API through @anthropic-ai/sdk.
let provider: SimulatedProvider;
let analyses: DocumentAnalysis[];
let playbook: Playbook;
const log = new CallLog();
/** Clause matching's requests as the simulator received them, in arrival order. */
const clauseRequests: SimulatedRequest[] = [];
const byId = (id: string) => analyses.find((analysis) => analysis.document.id === id)!;

beforeAll(async () => {
  const { table } = await loadContractTable({});
  const options = contractSimulatorOptions(table);
  const responder = options.responder!;
  provider = await startSimulatedProvider({
    ...options,
    responder: (request) => {
      if (request.messages[0]?.content === CLAUSE_MATCHING_SYSTEM_PROMPT) clauseRequests.push(request);
      return responder(request);
    },
  });
  const openai = new OpenAI({ apiKey: "sk-test", baseURL: provider.baseURL });
  const anthropic = new Anthropic({ apiKey: "sk-test", baseURL: provider.anthropicBaseURL });
  const router = createRouter(table, { adapters: [openAIAdapter(openai), anthropicAdapter(anthropic)] });
  playbook = await loadPlaybook();
  analyses = await analyseContracts({ router, playbook, log }, await loadDocuments());
});

afterAll(async () => {
  await provider?.close();
});

describe("contract-analysis workflow on the simulated provider", () => {
  it("labels every document correctly", () => {
    expect(Object.fromEntries(analyses.map((analysis) => [analysis.document.id, analysis.type]))).toEqual({
      [DOCUMENT_IDS.msa]: "msa",
      [DOCUMENT_IDS.nda]: "nda",
      [DOCUMENT_IDS.sow]: "sow",
      [DOCUMENT_IDS.amendment]: "amendment",
    });
  });

  it("absorbs the fast model's 429 with one retry after its Retry-After", () => {
    const attempts = log.entries
      .filter((entry) => entry.task === "document_classification")
      .flatMap((entry) => entry.record.attempts);
    const limited = attempts.find((attempt) => attempt.errorClass === "rate_limit");
    expect(limited).toBeDefined();
    const retry = attempts.find((attempt) => attempt.kind === "retry");
    expect(retry).toMatchObject({ outcome: "ok" });
    expect(retry!.delayBeforeMs).toBe(200);
    expect(
      log.entries
        .filter((entry) => entry.task === "document_classification")
        .every((entry) => entry.record.outcome === "ok"),
    ).toBe(true);
  });

  it("verifies every extracted field's quote where the fixtures quote verbatim", () => {
    for (const id of [DOCUMENT_IDS.msa, DOCUMENT_IDS.nda, DOCUMENT_IDS.amendment]) {
      const extraction = byId(id).extraction!;
      expect(extraction.evidence.coverage, id).toBe(1);
      expect(extraction.outcome, id).toBe("ok");
    }
  });

  it("sends the SOW's paraphrased fee quote to review after one evidence re-ask", () => {
    const extraction = byId(DOCUMENT_IDS.sow).extraction!;
    expect(extraction.evidence.coverage).toBe(0.75);
    expect(extraction.attempts.map((attempt) => attempt.kind)).toEqual(["primary", "evidence"]);
    expect(extraction.outcome).toBe("review");
    expect(extraction.review.reasons).toEqual(["evidence_gap"]);
    expect(byId(DOCUMENT_IDS.sow).exceptions.map((exception) => exception.kind)).toEqual(["unverified_required_field"]);
  });

  it("finds the playbook deviations", () => {
    const deviating = (id: string) =>
      Object.entries(complete(byId(id).clauses) ?? {})
        .filter(([key, value]) => key !== "evidence" && value !== null && "deviation" in value && value.deviation)
        .map(([key]) => key);
    expect(deviating(DOCUMENT_IDS.msa)).toEqual([]);
    expect(deviating(DOCUMENT_IDS.sow)).toEqual(["payment_terms"]);
    expect(deviating(DOCUMENT_IDS.amendment)).toEqual([
      "liability_cap",
      "termination_notice",
      "auto_renewal",
      "payment_terms",
    ]);
  });

  it("matches clauses in a tool loop: validated playbook_position calls, then an answer from their results", () => {
    for (const analysis of analyses) {
      const { document, type } = analysis;
      const lookup = analysis.playbookLookup!;
      // The lookup turn's calls come back validated against the tool's schema: parsed arguments.
      expect(lookup.outcome, document.id).toBe("ok");
      expect(lookup.toolCalls?.map((call) => [call.name, call.arguments])).toEqual(
        playbook.applies_to[type].map((clause) => [PLAYBOOK_POSITION_TOOL, { clause }]),
      );
      expect(lookup.evidence.coverage, "tool calls are not evidence-checked").toBeUndefined();
      // The answer turn quotes the playbook wording the tool results carried, and is evidence-checked.
      const clauses = complete(analysis.clauses)!;
      for (const clause of playbook.applies_to[type]) {
        expect(clauses[clause]?.playbook, `${document.id} ${clause}`).toBe(playbook.clauses[clause].position);
      }
      expect(analysis.clauses?.evidence.coverage, document.id).toBe(1);

      // On the wire: the lookup offered the tool and forced it; the answer replayed calls and results.
      const requests = clauseRequests.filter((request) => request.messages[1]?.content.includes(document.id));
      expect(requests, document.id).toHaveLength(2);
      const [first, second] = requests as [SimulatedRequest, SimulatedRequest];
      expect(first.tools.map((tool) => tool.name)).toEqual([PLAYBOOK_POSITION_TOOL]);
      expect(first.toolChoice).toEqual({ name: PLAYBOOK_POSITION_TOOL });
      expect(first.responseFormat).toBeUndefined();
      const ids = lookup.toolCalls!.map((call) => call.id);
      expect(second.toolChoice).toBe("none");
      expect(second.responseFormat?.name).toBe("clause_matching");
      expect(second.messages[2]?.toolCalls?.map((call) => call.id)).toEqual(ids);
      const results = second.messages.filter((message) => message.role === "tool");
      expect(results.map((message) => message.toolCallId)).toEqual(ids);
      expect(results.map((message) => JSON.parse(message.content).clause)).toEqual(playbook.applies_to[type]);
    }
    expect(log.entries.filter((entry) => entry.task === "clause_matching")).toHaveLength(8);
  });

  it("turns the amendment's conflicts with the MSA into exceptions, explained under review", () => {
    const amendment = byId(DOCUMENT_IDS.amendment);
    expect(amendment.amended?.id).toBe(DOCUMENT_IDS.msa);
    expect(amendment.exceptions.map((exception) => exception.fields[0])).toEqual([
      "payment_terms_days",
      "termination_notice_days",
      "liability_cap",
      "auto_renewal",
    ]);
    expect(amendment.explanation?.review).toMatchObject({ required: true, triggered: true, reasons: ["always"] });
    expect(amendment.explanation?.policy.id).toBe("contracts.explain_exception");
    expect(amendment.risk?.output?.risk_level).toBe("critical");
    expect(amendment.risk?.review.reasons).toEqual(["risk", "fallback_used"]);
    expect(byId(DOCUMENT_IDS.msa).exceptions).toEqual([]);
    expect(byId(DOCUMENT_IDS.nda).exceptions).toEqual([]);
  });

  it("answers every risk judgement from Claude on Anthropic while gpt-4.1 is down, flagged for review", () => {
    const risks = analyses.map((analysis) => analysis.risk!);
    for (const risk of risks) {
      expect(risk.modelRequested).toBe("gpt-4.1");
      expect(risk.modelServed).toBe(FALLBACK_MODEL);
      expect(risk.fallback.used).toBe(true);
      expect(risk.review.reasons).toContain("fallback_used");
      expect(risk.evidence.coverage).toBe(1);
    }
    // The first call retries through the outage; after five failures the breaker opens and the
    // rest skip gpt-4.1 entirely. One routed call, attempts on two providers.
    expect(risks[0]!.fallback.reason).toBe("server_error");
    expect(
      risks[0]!.attempts.map((attempt) => [attempt.provider, attempt.model, attempt.status ?? attempt.outcome]),
    ).toEqual([
      ["openai", "gpt-4.1", 503],
      ["openai", "gpt-4.1", 503],
      ["openai", "gpt-4.1", 503],
      ["anthropic", FALLBACK_MODEL, "ok"],
    ]);
    expect(risks.slice(1).map((risk) => risk.fallback.reason)).toEqual([
      "circuit_open",
      "circuit_open",
      "circuit_open",
    ]);
    expect(provider.stats.faults).toContainEqual({ model: "gpt-4.1", kind: "outage", injected: 5 });
    expect(provider.stats.byModel[FALLBACK_MODEL]?.completions).toBe(4);
  });

  it("prices each risk judgement on the model that served it (Claude's list price; the 503s cost nothing)", () => {
    const price = DEFAULT_PRICES[FALLBACK_MODEL]!;
    for (const risk of analyses.map((analysis) => analysis.risk!)) {
      const served = risk.attempts.find((attempt) => attempt.outcome === "ok")!;
      const expected =
        (served.usage.inputTokens * price.input_per_million + served.usage.outputTokens * price.output_per_million) /
        1_000_000;
      expect(served.usage.inputTokens).toBeGreaterThan(0);
      expect(served.costUsd).toBeCloseTo(expected, 12);
      expect(risk.costUsd).toBeCloseTo(expected, 12);
    }
  });

  it("logs one entry per routed call, summaries for every document", () => {
    expect(log.entries).toHaveLength(26);
    expect(analyses.every((analysis) => complete(analysis.summary)?.length)).toBe(true);
    expect(analyses.every((analysis) => analysis.failures.length === 0)).toBe(true);
  });
});
