import { evidenceListSchema, type RouteResult } from "@modelpolicy/core";
import { routeStructured } from "@modelpolicy/example-workflow-kit";
import { z } from "zod";
import type { ContractDocument } from "../documents.js";
import type { DocumentType } from "../playbook.js";
import { documentBlock } from "./document-block.js";
import type { WorkflowContext } from "./workflow-context.js";

/** Task instructions; a fixed string so the simulator's fixtures can recognise the task. */
export const EXTRACTION_SYSTEM_PROMPT = [
  "You extract the key commercial terms of a contract for a legal reviewer.",
  "Fill every field the document states and use null for fields it does not state; never guess.",
  "Dates are ISO (YYYY-MM-DD). Periods are integers: 'thirty (30) days' is 30.",
  "For every field you fill, add at least one evidence entry {field, source_id, quote}: source_id is the",
  "Document ID, and quote is copied verbatim from the document (a short phrase is enough, no paraphrase).",
  "Answer with JSON only.",
].join("\n");

const partySchema = z.object({
  name: z.string(),
  role: z.string().describe("e.g. customer, provider, discloser/recipient"),
});

/**
 * The fields a reviewer needs, every one nullable so that one schema serves all document types,
 * plus the evidence list the router checks against the document text. Each top-level field with
 * a value needs a verbatim quote: that is what `evidence_required` in the policy enforces.
 */
export const extractionSchema = z.object({
  parties: z.array(partySchema),
  effective_date: z.string().nullable(),
  amends: z.string().nullable().describe("for an amendment: the agreement it amends"),
  total_amount: z
    .object({ value: z.number(), currency: z.string() })
    .nullable()
    .describe("the fee stated: the annual fee of a subscription, the total of fixed-fee work"),
  payment_terms_days: z.int().nullable(),
  termination_notice_days: z.int().nullable().describe("notice for termination for convenience"),
  liability_cap: z.object({ months_of_fees: z.int().nullable(), fixed_amount: z.number().nullable() }).nullable(),
  auto_renewal: z
    .object({
      renews: z.boolean(),
      renewal_term_months: z.int().nullable(),
      non_renewal_notice_days: z.int().nullable(),
    })
    .nullable(),
  governing_law: z.string().nullable(),
  confidentiality_years: z.int().nullable().describe("how long confidentiality survives the agreement"),
  evidence: evidenceListSchema,
});

/** The extracted fields. */
export type Extraction = z.output<typeof extractionSchema>;

/** Names of the extracted fields (not the evidence list). */
export type ExtractionField = Exclude<keyof Extraction, "evidence">;

/** Step b: extract the fields with evidence (standard tier; an evidence gap goes to review). */
export function extractFields(
  context: WorkflowContext,
  document: ContractDocument,
  type: DocumentType,
): Promise<RouteResult<Extraction>> {
  return routeStructured(context, document.id, "field_extraction", {
    messages: [
      { role: "system", content: EXTRACTION_SYSTEM_PROMPT },
      { role: "user", content: `Document type: ${type}\n${documentBlock(document)}` },
    ],
    schema: extractionSchema,
    schemaName: "field_extraction",
    sources: [{ id: document.id, text: document.text }],
  });
}
