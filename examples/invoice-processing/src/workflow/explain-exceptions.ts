import type { RouteRequest, RouteResult } from "@modelpolicy/core";
import { routeText } from "@modelpolicy/example-workflow-kit";
import type { InvoiceDocument } from "../invoices.js";
import type { InvoiceException } from "./decide-exceptions.js";
import type { WorkflowContext } from "./workflow-context.js";

/** Task instructions; a fixed string so the simulator's fixtures can recognise the task. */
export const EXCEPTION_SYSTEM_PROMPT = [
  "Policy code has put this invoice on hold and listed the exceptions; you do not decide them.",
  "Explain them for the approver in at most four plain sentences: what each one means and what to check",
  "before releasing the payment. Do not add exceptions, do not change the facts given.",
].join("\n");

/** The routed request; the eval suite builds the same one from a golden example's input. */
export function exceptionRequest(
  invoiceId: string,
  exceptions: readonly { readonly kind: string; readonly detail: string }[],
): RouteRequest<undefined> {
  const lines = exceptions.map((exception) => `- ${exception.kind}: ${exception.detail}`);
  return {
    messages: [
      { role: "system", content: EXCEPTION_SYSTEM_PROMPT },
      { role: "user", content: `Document ID: ${invoiceId}\nExceptions:\n${lines.join("\n")}` },
    ],
  };
}

/**
 * Step e (the model half): a bounded note on the exceptions policy code raised. The policy caps
 * its output and always sends it to review: a person releases every held invoice.
 */
export function explainExceptions(
  context: WorkflowContext,
  invoice: InvoiceDocument,
  exceptions: readonly InvoiceException[],
): Promise<RouteResult<string>> {
  return routeText(context, invoice.id, "exception_handling", exceptionRequest(invoice.id, exceptions));
}
