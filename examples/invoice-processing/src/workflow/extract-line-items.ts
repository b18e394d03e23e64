import { evidenceListSchema, type RouteRequest, type RouteResult } from "@modelpolicy/core";
import { routeStructured } from "@modelpolicy/example-workflow-kit";
import { z } from "zod";
import type { InvoiceDocument } from "../invoices.js";
import { documentBlock } from "./document-block.js";
import type { WorkflowContext } from "./workflow-context.js";

/** Task instructions; a fixed string so the simulator's fixtures can recognise the task. */
export const LINE_ITEM_SYSTEM_PROMPT = [
  "You extract an invoice for accounts payable: header fields and every line item, in document order.",
  "Use null for a header field the invoice does not state (a PO 'not provided' is null); never guess.",
  "Amounts are numbers without thousands separators; vat_rate is the percentage shown on the line, or null.",
  "For every field you fill, add evidence {field, source_id, quote}: source_id is the Document ID, and quote is",
  "copied verbatim from the invoice. For `lines`, quote each line as printed. Answer with JSON only.",
].join("\n");

const lineItemSchema = z.object({
  position: z.int().positive(),
  description: z.string(),
  quantity: z.number(),
  unit_price: z.number(),
  amount: z.number(),
  vat_rate: z.number().nullable(),
});

/** One invoiced line as extracted. */
export type LineItem = z.output<typeof lineItemSchema>;

/**
 * Header fields and lines, every field nullable so one schema serves incomplete invoices, plus
 * the evidence list the router checks against the invoice text: each field with a value needs a
 * verbatim quote (`evidence_required` in the policy).
 */
export const lineItemExtractionSchema = z.object({
  invoice_number: z.string().nullable(),
  invoice_date: z.string().nullable().describe("ISO date, YYYY-MM-DD"),
  po_number: z.string().nullable(),
  currency: z.string().nullable(),
  lines: z.array(lineItemSchema),
  net_total: z.number().nullable(),
  gross_total: z.number().nullable(),
  evidence: evidenceListSchema,
});

/** The extracted invoice. */
export type LineItemExtraction = z.output<typeof lineItemExtractionSchema>;

/** The routed request for one invoice; the eval suite builds the same request for golden examples. */
export function lineItemRequest(source: {
  readonly id: string;
  readonly text: string;
}): RouteRequest<typeof lineItemExtractionSchema> & { schema: typeof lineItemExtractionSchema } {
  return {
    messages: [
      { role: "system", content: LINE_ITEM_SYSTEM_PROMPT },
      { role: "user", content: documentBlock(source) },
    ],
    schema: lineItemExtractionSchema,
    schemaName: "line_item_extraction",
    sources: [{ id: source.id, text: source.text }],
  };
}

/** Step b: extract header and lines with evidence (standard tier; an evidence gap goes to review). */
export function extractLineItems(
  context: WorkflowContext,
  invoice: InvoiceDocument,
): Promise<RouteResult<LineItemExtraction>> {
  return routeStructured(context, invoice.id, "line_item_extraction", lineItemRequest(invoice));
}
