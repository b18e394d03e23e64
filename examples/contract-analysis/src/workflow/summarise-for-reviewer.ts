import type { RouteResult } from "@modelpolicy/core";
import { routeText } from "@modelpolicy/example-workflow-kit";
import type { ContractDocument } from "../documents.js";
import type { WorkflowContext } from "./workflow-context.js";

/** Task instructions; a fixed string so the simulator's fixtures can recognise the task. */
export const SUMMARY_SYSTEM_PROMPT = [
  "Write a short summary (at most five sentences) of this contract for the human reviewer who approves it.",
  "Lead with what needs their attention, then the key commercial terms. Plain prose, no headings.",
].join("\n");

/** Step e: the reviewer's summary, written from the facts the earlier steps established. */
export function summariseForReviewer(
  context: WorkflowContext,
  document: ContractDocument,
  facts: Record<string, unknown>,
): Promise<RouteResult<string>> {
  return routeText(context, document.id, "reviewer_summary", {
    messages: [
      { role: "system", content: SUMMARY_SYSTEM_PROMPT },
      { role: "user", content: `Document ID: ${document.id} (${document.title})\nFacts: ${JSON.stringify(facts)}` },
    ],
  });
}
