import type { RouteResult } from "@modelpolicy/core";
import { routeText } from "@modelpolicy/example-workflow-kit";
import type { ContractDocument } from "../documents.js";
import type { ContractException } from "./decide-exceptions.js";
import type { WorkflowContext } from "./workflow-context.js";

/** Task instructions; a fixed string so the simulator's fixtures can recognise the task. */
export const EXCEPTION_SYSTEM_PROMPT = [
  "Policy code has already raised the exceptions listed for this contract; you do not decide them.",
  "Explain them for the reviewer in at most four plain sentences: what each one means and what to check.",
  "Do not add exceptions, do not change the facts given.",
].join("\n");

/**
 * Step f (the model half): a bounded note explaining the exceptions that policy code decided.
 * The policy caps its output (`max_output_tokens`) and always sends it to review.
 */
export function explainExceptions(
  context: WorkflowContext,
  document: ContractDocument,
  exceptions: readonly ContractException[],
): Promise<RouteResult<string>> {
  const lines = exceptions.map((exception) => `- ${exception.kind}: ${exception.detail}`);
  return routeText(context, document.id, "exception_handling", {
    messages: [
      { role: "system", content: EXCEPTION_SYSTEM_PROMPT },
      { role: "user", content: `Document ID: ${document.id} (${document.title})\nExceptions:\n${lines.join("\n")}` },
    ],
  });
}
