import type { RouteResult } from "@modelpolicy/core";
import { routeStructured } from "@modelpolicy/example-workflow-kit";
import { z } from "zod";
import type { ContractDocument } from "../documents.js";
import { DOCUMENT_TYPES } from "../playbook.js";
import { documentBlock } from "./document-block.js";
import type { WorkflowContext } from "./workflow-context.js";

/** Task instructions; a fixed string so the simulator's fixtures can recognise the task. */
export const CLASSIFICATION_SYSTEM_PROMPT = [
  "You are a contract triage assistant. Classify the document into exactly one type:",
  "msa (master services agreement), nda (non-disclosure agreement), sow (statement of work under a master agreement),",
  "amendment (changes the terms of an existing agreement), or unknown (anything else, or if unsure).",
  'Answer with JSON only: {"label": <type>, "confidence": <0..1>}.',
].join("\n");

/**
 * A strict label set: a zod enum makes any other answer a schema failure that the router
 * repairs or escalates, so downstream code can switch on the label without a default branch.
 */
export const classificationSchema = z.object({
  label: z.enum(DOCUMENT_TYPES),
  confidence: z.number().min(0).max(1),
});

/** The classifier's answer. */
export type Classification = z.output<typeof classificationSchema>;

/** Step a: label the document (fast tier; low confidence sends it to review by policy). */
export function classifyDocument(
  context: WorkflowContext,
  document: ContractDocument,
  appendCanary = false,
): Promise<RouteResult<Classification>> {
  const note = appendCanary && context.canary ? `\n\nReviewer reference: ${context.canary}` : "";
  return routeStructured(context, document.id, "document_classification", {
    messages: [
      { role: "system", content: CLASSIFICATION_SYSTEM_PROMPT },
      { role: "user", content: `${documentBlock(document)}${note}` },
    ],
    schema: classificationSchema,
    schemaName: "document_classification",
  });
}
