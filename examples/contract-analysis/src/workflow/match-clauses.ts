import {
  evidenceListSchema,
  type RouteRequest,
  type RouteResult,
  type RouteTool,
  type ToolCall,
} from "@modelpolicy/core";
import { routeStructured, routeText } from "@modelpolicy/example-workflow-kit";
import { z } from "zod";
import type { ContractDocument } from "../documents.js";
import { CLAUSES, type Clause, type DocumentType, type Playbook } from "../playbook.js";
import { documentBlock } from "./document-block.js";
import type { WorkflowContext } from "./workflow-context.js";

/** Task instructions; a fixed string so the simulator's fixtures can recognise the task. */
export const CLAUSE_MATCHING_SYSTEM_PROMPT = [
  "You compare a contract's clauses with the company's playbook positions.",
  "First look up the playbook position of every clause listed in the request: call playbook_position once per clause.",
  "Then, for each clause listed, state the position the document takes (a few words), the playbook position as the",
  "lookup returned it, whether the document deviates, and how seriously (none, minor, major). Use null for clauses",
  "not listed. Add evidence {field: <clause>, source_id: <Document ID>, quote: <verbatim text>} for every clause you",
  "assess. Answer with JSON only.",
].join("\n");

/** The lookup tool's name, which the report and the fixtures name too. */
export const PLAYBOOK_POSITION_TOOL = "playbook_position";

/**
 * The one tool of the step: the model asks for the playbook's position on a clause instead of
 * being handed the whole playbook, the way a larger playbook would be served. Its argument is
 * validated by the router (a clause the playbook does not have is `schema_invalid` and repaired
 * before the workflow ever looks it up).
 */
export const playbookPositionTool = {
  name: PLAYBOOK_POSITION_TOOL,
  description: "The company's playbook position on one clause: the wording and the limits it accepts.",
  parameters: z.object({ clause: z.enum(CLAUSES) }),
} satisfies RouteTool;

const clauseFindingSchema = z
  .object({
    found: z.string(),
    playbook: z.string(),
    deviation: z.boolean(),
    severity: z.enum(["none", "minor", "major"]),
  })
  .nullable();

/** One clause's finding. */
export type ClauseFinding = NonNullable<z.output<typeof clauseFindingSchema>>;

/**
 * One key per playbook clause, so evidence is checked (and coverage reported) per clause; a
 * clause that does not apply to the document type is null and needs no evidence.
 */
export const clauseMatchingSchema = z.object({
  liability_cap: clauseFindingSchema,
  termination_notice: clauseFindingSchema,
  auto_renewal: clauseFindingSchema,
  governing_law: clauseFindingSchema,
  payment_terms: clauseFindingSchema,
  confidentiality_term: clauseFindingSchema,
  evidence: evidenceListSchema,
});

/** The clause-matching answer. */
export type ClauseMatching = z.output<typeof clauseMatchingSchema>;

/** Both routed calls of the step: the lookup turn and the answer turn. */
export interface ClauseMatchingRun {
  /** The lookup turn: its `toolCalls` are the positions the model asked for, arguments validated. */
  readonly lookup: RouteResult<string>;
  /** The answer turn, given the lookups' results. */
  readonly matching: RouteResult<ClauseMatching>;
}

/**
 * Step c: compare the document's clauses with the playbook (standard tier, evidence required),
 * as a two-turn tool loop. The lookup turn offers `playbook_position` and makes the model call
 * it; the workflow answers each call from the playbook; the answer turn replays the calls and
 * their results and asks for the structured, evidence-checked comparison (`toolChoice: "none"`).
 * Both turns are routed calls of `clause_matching`, so both are logged, priced and traced.
 */
export async function matchClauses(
  context: WorkflowContext,
  document: ContractDocument,
  type: DocumentType,
): Promise<ClauseMatchingRun> {
  const request = clauseLookupRequest(context.playbook, document, type);
  const lookup = await routeText(context, document.id, "clause_matching", request);
  if (!lookup.toolCalls?.length) {
    throw new Error(`the model looked up no playbook position (it answered: ${JSON.stringify(lookup.output)})`);
  }
  const answer = clauseAnswerRequest(request, lookup.toolCalls, context.playbook, document);
  const matching = await routeStructured(context, document.id, "clause_matching", answer);
  return { lookup, matching };
}

/**
 * The lookup turn's request: the clauses to assess by name only (their positions come from the
 * tool) and the document, with `playbook_position` forced. A named choice rather than
 * `required`, because OpenAI-compatible servers that constrain a forced tool by its schema (as
 * llama.cpp's does) only do so for a named one; the model may still call it once per clause.
 */
export function clauseLookupRequest(
  playbook: Playbook,
  document: ContractDocument,
  type: DocumentType,
): RouteRequest<undefined> {
  const clauses = playbook.applies_to[type];
  return {
    messages: [
      { role: "system", content: CLAUSE_MATCHING_SYSTEM_PROMPT },
      {
        role: "user",
        content: `Playbook ${playbook.version}, clauses to assess: ${clauses.join(", ")}\n\n${documentBlock(document)}`,
      },
    ],
    tools: [playbookPositionTool],
    toolChoice: { name: PLAYBOOK_POSITION_TOOL },
  };
}

/**
 * The answer turn's request: the lookup turn's messages, the model's calls, and one tool result
 * per call (the playbook's entry for the clause asked), then the structured answer with the
 * document as the evidence source. The tool stays offered, as the history refers to it, but
 * `none` makes the model answer now.
 */
export function clauseAnswerRequest(
  lookup: Pick<RouteRequest, "messages">,
  calls: readonly ToolCall[],
  playbook: Playbook,
  document: ContractDocument,
): RouteRequest<typeof clauseMatchingSchema> & { schema: typeof clauseMatchingSchema } {
  return {
    messages: [
      ...lookup.messages,
      ...(calls.length === 0
        ? []
        : [
            {
              role: "assistant" as const,
              toolCalls: calls.map((call) => ({
                id: call.id,
                name: call.name,
                arguments: JSON.stringify(call.arguments),
              })),
            },
          ]),
      ...calls.map((call) => ({
        role: "tool" as const,
        toolCallId: call.id,
        content: JSON.stringify(playbookPosition(playbook, call.arguments as { clause: Clause })),
      })),
    ],
    schema: clauseMatchingSchema,
    schemaName: "clause_matching",
    sources: [{ id: document.id, text: document.text }],
    tools: [playbookPositionTool],
    toolChoice: "none",
  };
}

/** What `playbook_position` returns for a call: the playbook's entry for the clause, named. */
export function playbookPosition(playbook: Playbook, call: { clause: Clause }): { clause: Clause } & object {
  return { clause: call.clause, ...playbook.clauses[call.clause] };
}
