import { evidenceListSchema, type RouteResult } from "@modelpolicy/core";
import { routeStructured } from "@modelpolicy/example-workflow-kit";
import { z } from "zod";
import type { ContractDocument } from "../documents.js";
import type { Clause, DocumentType, Playbook } from "../playbook.js";
import { documentBlock } from "./document-block.js";
import type { WorkflowContext } from "./workflow-context.js";

/** Task instructions; a fixed string so the simulator's fixtures can recognise the task. */
export const CLAUSE_MATCHING_SYSTEM_PROMPT = [
  "You compare a contract's clauses with the company's playbook positions.",
  "For each clause listed in the request, state the position the document takes (a few words), the playbook",
  "position, whether it deviates, and how seriously (none, minor, major). Use null for clauses not listed.",
  "Add evidence {field: <clause>, source_id: <Document ID>, quote: <verbatim text>} for every clause you assess.",
  "Answer with JSON only.",
].join("\n");

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

/** Step c: compare the document's clauses with the playbook (standard tier, evidence required). */
export function matchClauses(
  context: WorkflowContext,
  document: ContractDocument,
  type: DocumentType,
): Promise<RouteResult<ClauseMatching>> {
  const clauses = context.playbook.applies_to[type];
  return routeStructured(context, document.id, "clause_matching", {
    messages: [
      { role: "system", content: CLAUSE_MATCHING_SYSTEM_PROMPT },
      { role: "user", content: `${playbookBlock(context.playbook, clauses)}\n\n${documentBlock(document)}` },
    ],
    schema: clauseMatchingSchema,
    schemaName: "clause_matching",
    sources: [{ id: document.id, text: document.text }],
  });
}

function playbookBlock(playbook: Playbook, clauses: readonly Clause[]): string {
  const lines = clauses.map((clause) => `- ${clause}: ${playbook.clauses[clause].position}`);
  return `Playbook ${playbook.version}, clauses to assess:\n${lines.join("\n")}`;
}
