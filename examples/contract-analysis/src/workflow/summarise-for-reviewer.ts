import type { RouteResult } from "@modelpolicy/core";
import { routeStreamed } from "@modelpolicy/example-workflow-kit";
import type { ContractDocument } from "../documents.js";
import type { WorkflowContext } from "./workflow-context.js";

/** Task instructions; a fixed string so the simulator's fixtures can recognise the task. */
export const SUMMARY_SYSTEM_PROMPT = [
  "Write a short summary (at most five sentences) of this contract for the human reviewer who approves it.",
  "Lead with what needs their attention, then the key commercial terms. Plain prose, no headings.",
].join("\n");

/**
 * Step e: the reviewer's summary, written from the facts the earlier steps established. It is
 * streamed (`router.stream`) and printed to `context.out` as it arrives, the one answer in the
 * workflow a person reads as prose; the call is logged from the stream's result like the others.
 */
export async function summariseForReviewer(
  context: WorkflowContext,
  document: ContractDocument,
  facts: Record<string, unknown>,
): Promise<RouteResult<string>> {
  let started = false;
  const print = (delta: string) => {
    if (!started) context.out?.write(`reviewer summary, ${document.id} (streamed): `);
    started = true;
    context.out?.write(delta);
  };
  try {
    return await routeStreamed(
      context,
      document.id,
      "reviewer_summary",
      {
        messages: [
          { role: "system", content: SUMMARY_SYSTEM_PROMPT },
          { role: "user", content: `Document ID: ${document.id} (${document.title})\nFacts: ${JSON.stringify(facts)}` },
        ],
      },
      print,
    );
  } finally {
    if (started) context.out?.write("\n");
  }
}
