import { evidenceListSchema, RISK_LEVELS, type RouteResult } from "@modelpolicy/core";
import { routeStructured } from "@modelpolicy/example-workflow-kit";
import { z } from "zod";
import type { ContractDocument } from "../documents.js";
import type { DocumentType } from "../playbook.js";
import { documentBlock } from "./document-block.js";
import type { Extraction } from "./extract-fields.js";
import type { ClauseMatching } from "./match-clauses.js";
import type { WorkflowContext } from "./workflow-context.js";

/** Task instructions; a fixed string so the simulator's fixtures can recognise the task. */
export const RISK_SYSTEM_PROMPT = [
  "You are a senior commercial lawyer judging the deal risk of a contract for our company (named in the request).",
  "Use the extracted terms and playbook deviations given, and the document text. For an amendment you also get",
  "the agreement it amends: flag every term the amendment changes for the worse.",
  "risk_level is low, medium, high or critical. Give a short rationale, the key risks, your confidence (0..1),",
  "and evidence {field: risk_level | key_risks, source_id, quote} with quotes copied verbatim from the documents.",
  "Answer with JSON only.",
].join("\n");

/** The judgement; `risk_level` is what the policy's `risk_at_or_above` review rule reads. */
export const riskJudgementSchema = z.object({
  risk_level: z.enum(RISK_LEVELS),
  rationale: z.string(),
  key_risks: z.array(z.string()),
  confidence: z.number().min(0).max(1),
  evidence: evidenceListSchema,
});

/** The risk judgement. */
export type RiskJudgement = z.output<typeof riskJudgementSchema>;

/**
 * Step d: judge the risk (strong tier, evidence required, high risk goes to review). The
 * amendment is judged together with the agreement it amends, both as quotable sources, which is
 * how conflicts between them become visible.
 */
export function judgeRisk(
  context: WorkflowContext,
  input: {
    document: ContractDocument;
    type: DocumentType;
    extraction: Extraction | undefined;
    clauses: ClauseMatching | undefined;
    related?: ContractDocument | undefined;
  },
): Promise<RouteResult<RiskJudgement>> {
  const { document, related } = input;
  const facts = {
    type: input.type,
    fields: input.extraction ? withoutEvidence(input.extraction) : "not available",
    deviations: input.clauses ? withoutEvidence(input.clauses) : "not available",
  };
  const relatedBlock = related ? `\n\n${documentBlock(related, "Amended agreement ID")}` : "";
  return routeStructured(context, document.id, "risk_judgement", {
    messages: [
      { role: "system", content: RISK_SYSTEM_PROMPT },
      {
        role: "user",
        content: `Our company: ${context.playbook.company}\nFacts: ${JSON.stringify(facts)}\n\n${documentBlock(document)}${relatedBlock}`,
      },
    ],
    schema: riskJudgementSchema,
    schemaName: "risk_judgement",
    sources: [document, ...(related ? [related] : [])].map((source) => ({ id: source.id, text: source.text })),
    evidenceFields: ["risk_level", "key_risks"],
  });
}

function withoutEvidence<T extends { evidence: unknown }>(value: T): Omit<T, "evidence"> {
  const { evidence: _evidence, ...rest } = value;
  return rest;
}
