import {
  evidenceListSchema,
  RISK_LEVELS,
  type RiskLevel,
  type RouteRequest,
  type RouteResult,
} from "@modelpolicy/core";
import { routeStructured } from "@modelpolicy/example-workflow-kit";
import { z } from "zod";
import type { InvoiceDocument } from "../invoices.js";
import type { Supplier, SupplierMaster } from "../master-data.js";
import { documentBlock } from "./document-block.js";
import type { WorkflowContext } from "./workflow-context.js";

/** Task instructions; a fixed string so the simulator's fixtures can recognise the task. */
export const TAX_SYSTEM_PROMPT = [
  "You are a VAT specialist reviewing a supplier invoice for the buyer named in the request.",
  "Decide the VAT treatment the invoice applies: standard_domestic, reduced_rate, mixed_rates, reverse_charge,",
  "intra_community_supply, exempt, or unclear. Set ambiguous to true when the invoice applies treatments that",
  "conflict, or one that does not fit the supply (seller and buyer country, goods or services).",
  "risk_level (low, medium, high, critical) is the risk that booking the VAT as invoiced is wrong.",
  "Give a short rationale, your confidence (0..1), and evidence {field: treatment | risk_level, source_id, quote}",
  "with quotes copied verbatim from the invoice. Answer with JSON only.",
].join("\n");

/** The VAT treatments the judgement may name; `unclear` is an answer, and policy code holds on it. */
export const TAX_TREATMENTS = [
  "standard_domestic",
  "reduced_rate",
  "mixed_rates",
  "reverse_charge",
  "intra_community_supply",
  "exempt",
  "unclear",
] as const;

/** Gross amount (invoice currency) from which the caller already rates the call `high` risk. */
export const HIGH_AMOUNT = 10_000;

/** The judgement; `risk_level` is what the policy's `risk_at_or_above` review rule reads. */
export const taxJudgementSchema = z.object({
  treatment: z.enum(TAX_TREATMENTS),
  ambiguous: z.boolean(),
  risk_level: z.enum(RISK_LEVELS),
  rationale: z.string(),
  confidence: z.number().min(0).max(1),
  evidence: evidenceListSchema,
});

/** The tax judgement. */
export type TaxJudgement = z.output<typeof taxJudgementSchema>;

/** What the judgement is asked about besides the invoice text. */
export interface TaxFacts {
  readonly supplier: Pick<Supplier, "name" | "country" | "vat_id">;
  readonly buyer: SupplierMaster["buyer"];
  readonly grossTotal: number | null;
}

/**
 * The routed request; the eval suite builds the same one. A gross amount at or above
 * {@link HIGH_AMOUNT} is passed as caller risk `high`, so the policy reviews it whatever the
 * model answers (the output's `risk_level` can raise the risk, never lower it).
 */
export function taxRequest(
  source: { readonly id: string; readonly text: string },
  facts: TaxFacts,
): RouteRequest<typeof taxJudgementSchema> & { schema: typeof taxJudgementSchema } {
  const { supplier, buyer } = facts;
  const risk: RiskLevel | undefined = facts.grossTotal !== null && facts.grossTotal >= HIGH_AMOUNT ? "high" : undefined;
  return {
    messages: [
      { role: "system", content: TAX_SYSTEM_PROMPT },
      {
        role: "user",
        content: `Buyer: ${buyer.name} (${buyer.country}, VAT ID ${buyer.vat_id})\nSeller: ${supplier.name} (${supplier.country}, VAT ID ${supplier.vat_id})\n\n${documentBlock(source)}`,
      },
    ],
    schema: taxJudgementSchema,
    schemaName: "tax_ambiguity",
    sources: [{ id: source.id, text: source.text }],
    evidenceFields: ["treatment", "risk_level"],
    ...(risk ? { risk } : {}),
  };
}

/** Step c: judge the VAT treatment (strong tier, evidence required; ambiguity or a high amount → review). */
export function judgeTax(
  context: WorkflowContext,
  invoice: InvoiceDocument,
  facts: TaxFacts,
): Promise<RouteResult<TaxJudgement>> {
  return routeStructured(context, invoice.id, "tax_ambiguity", taxRequest(invoice, facts));
}
