import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Anthropic from "@anthropic-ai/sdk";
import { anthropicAdapter } from "@modelpolicy/anthropic";
import { createRouter } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { type SimulatedProvider, type SimulatedRequest, startSimulatedProvider } from "@modelpolicy/simulator";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallLog } from "../src/call-log.js";
import { loadDocuments } from "../src/documents.js";
import { contractResponder } from "../src/fixtures/contract-responder.js";
import { DOCUMENT_IDS } from "../src/fixtures/document-ids.js";
import { loadPlaybook } from "../src/playbook.js";
import { loadContractTable, POLICIES_URL } from "../src/policy-table.js";
import { type ClauseMatchingRun, matchClauses, PLAYBOOK_POSITION_TOOL } from "../src/workflow/match-clauses.js";

// Clause matching's tool loop on Claude: the demo's table with the standard tier bound to
// Anthropic, so both turns go through anthropicAdapter and the real Anthropic client to the
// simulator's Messages API (tool_use blocks out, tool_result blocks back). The demo itself keeps
// the step on OpenAI; this proves the step does not depend on that.
const CLAUDE = "claude-sonnet-4-6";
const seen: SimulatedRequest[] = [];
let provider: SimulatedProvider;
let folder: string;
let run: ClauseMatchingRun;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "contract-analysis-claude-"));
  const policies = await readFile(POLICIES_URL, "utf8");
  const onClaude = policies.replace(
    /standard: \{ provider: openai, model: [^,]+,/,
    `standard: { provider: anthropic, model: ${CLAUDE},`,
  );
  expect(onClaude).not.toBe(policies);
  await writeFile(join(folder, "policies.yaml"), onClaude);
  const { table } = await loadContractTable({}, pathToFileURL(join(folder, "policies.yaml")));
  provider = await startSimulatedProvider({
    responder: (request) => {
      seen.push(request);
      return contractResponder(request);
    },
  });
  const router = createRouter(table, {
    adapters: [
      openAIAdapter(new OpenAI({ apiKey: "sk-test", baseURL: provider.baseURL })),
      anthropicAdapter(new Anthropic({ apiKey: "sk-test", baseURL: provider.anthropicBaseURL })),
    ],
  });
  const amendment = (await loadDocuments()).find((document) => document.id === DOCUMENT_IDS.amendment)!;
  run = await matchClauses({ router, playbook: await loadPlaybook(), log: new CallLog() }, amendment, "amendment");
});

afterAll(async () => {
  await provider?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe("clause matching's tool loop through the Anthropic adapter", () => {
  it("gets validated playbook_position calls from Claude's tool_use blocks, and the answer from the tool results", async () => {
    const playbook = await loadPlaybook();
    const clauses = playbook.applies_to.amendment;
    expect(run.lookup.modelServed).toBe(CLAUDE);
    expect(run.lookup.toolCalls?.map((call) => call.arguments)).toEqual(clauses.map((clause) => ({ clause })));
    expect(run.matching).toMatchObject({ outcome: "ok", modelServed: CLAUDE });
    expect(run.matching.evidence.coverage).toBe(1);
    const output = run.matching.output;
    for (const clause of clauses) expect(output?.[clause]?.playbook).toBe(playbook.clauses[clause].position);
  });

  it("sent the tool forced on the lookup turn, and the calls and their results back on the answer turn", () => {
    expect(seen.map((request) => request.api)).toEqual(["anthropic", "anthropic"]);
    const [lookup, answer] = seen as [SimulatedRequest, SimulatedRequest];
    expect(lookup.tools.map((tool) => tool.name)).toEqual([PLAYBOOK_POSITION_TOOL]);
    expect(lookup.toolChoice).toEqual({ name: PLAYBOOK_POSITION_TOOL });
    const ids = run.lookup.toolCalls!.map((call) => call.id);
    expect(ids.every((id) => id.startsWith("toolu_simulated_"))).toBe(true);
    expect(answer.messages.find((message) => message.toolCalls)?.toolCalls?.map((call) => call.id)).toEqual(ids);
    expect(answer.messages.filter((message) => message.role === "tool").map((message) => message.toolCallId)).toEqual(
      ids,
    );
    // `none` with a schema: the adapter forces the output tool, so the answer is its input.
    expect(answer.responseFormat?.name).toMatch(/clause_matching/);
    expect(answer.toolChoice).toEqual({ name: answer.responseFormat?.name });
    expect(answer.tools.map((tool) => tool.name)).toContain(PLAYBOOK_POSITION_TOOL);
  });
});
