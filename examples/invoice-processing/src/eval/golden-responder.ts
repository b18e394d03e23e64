import type { GoldenExample } from "@modelpolicy/core";
import type { Responder, SimulatedRequest } from "@modelpolicy/simulator";
import type { SupplierMaster } from "../master-data.js";
import { documentIdOf } from "../workflow/document-block.js";
import { EXCEPTION_SYSTEM_PROMPT } from "../workflow/explain-exceptions.js";
import { PO_MISMATCH_SYSTEM_PROMPT } from "../workflow/explain-po-mismatch.js";
import { LINE_ITEM_SYSTEM_PROMPT } from "../workflow/extract-line-items.js";
import { TAX_SYSTEM_PROMPT } from "../workflow/judge-tax.js";
import { SUPPLIER_MATCHING_SYSTEM_PROMPT } from "../workflow/match-supplier.js";
import { answersCorrectly } from "./model-quality.js";
import { readSyntheticInvoice } from "./read-synthetic-invoice.js";

/** The route a request is for, recognised by its system prompt (the same prompts the workflow sends). */
const TASK_BY_PROMPT = new Map<string, string>([
  [SUPPLIER_MATCHING_SYSTEM_PROMPT, "supplier_matching"],
  [LINE_ITEM_SYSTEM_PROMPT, "line_item_extraction"],
  [TAX_SYSTEM_PROMPT, "tax_ambiguity"],
  [PO_MISMATCH_SYSTEM_PROMPT, "po_matching"],
  [EXCEPTION_SYSTEM_PROMPT, "exception_handling"],
]);

type Answer = (example: GoldenExample, correct: boolean) => unknown;

/**
 * The SIMULATED eval provider's answers: the golden example is found by route and by the
 * `Document ID:` line, and answered correctly or, when `answersCorrectly` says this model misses
 * this hard case, wrong in the way such a model would (an impostor accepted, a line dropped, a
 * PO number made up, an ambiguity missed, a mismatch left out). Answers carry verbatim quotes,
 * so evidence checks behave as they would on good output.
 */
export function goldenResponder(
  golden: ReadonlyMap<string, readonly GoldenExample[]>,
  master: SupplierMaster,
): Responder {
  const byKey = new Map<string, GoldenExample>();
  for (const [task, examples] of golden) for (const example of examples) byKey.set(`${task}|${example.id}`, example);
  const answers: Readonly<Record<string, Answer>> = {
    supplier_matching: (example, correct) => supplierAnswer(example, correct, master),
    line_item_extraction: lineItemAnswer,
    tax_ambiguity: taxAnswer,
    po_matching: poAnswer,
    exception_handling: exceptionAnswer,
  };
  return (request: SimulatedRequest) => {
    const system = request.messages.find((message) => message.role === "system")?.content ?? "";
    const task = TASK_BY_PROMPT.get(system);
    const id = documentIdOf(request.messages.find((message) => message.role === "user")?.content ?? "");
    const example = task && id ? byKey.get(`${task}|${id}`) : undefined;
    if (!task || !example) return undefined;
    return answers[task]!(example, answersCorrectly(example, request.model));
  };
}

function sourceText(example: GoldenExample): string {
  return example.sources?.[0]?.text ?? "";
}

function supplierAnswer(example: GoldenExample, correct: boolean, master: SupplierMaster) {
  const expected = String(example.expected.label);
  const nameOf = (id: string) => master.suppliers.find((supplier) => supplier.id === id)?.name ?? null;
  if (correct) return { supplier_id: expected, matched_name: nameOf(expected), confidence: 0.92 };
  const lookalike = example.tags?.lookalike_of;
  if (expected === "unknown" && lookalike)
    return { supplier_id: lookalike, matched_name: nameOf(lookalike), confidence: 0.86 };
  return { supplier_id: "unknown", matched_name: null, confidence: 0.62 };
}

function lineItemAnswer(example: GoldenExample, correct: boolean) {
  const reading = readSyntheticInvoice(sourceText(example));
  const quotes = Object.entries(reading.quotes).flatMap(([field, rows]) =>
    rows.map((quote) => ({ field, source_id: example.id, quote })),
  );
  if (correct) return { ...reading.extraction, evidence: quotes };
  if (reading.extraction.po_number === null) {
    // Made up: the quote cannot be found, so the evidence check flags it too.
    const po_number = "PO-4500001";
    return {
      ...reading.extraction,
      po_number,
      evidence: [...quotes, { field: "po_number", source_id: example.id, quote: `Purchase order: ${po_number}` }],
    };
  }
  const lines = reading.extraction.lines.slice(0, -1);
  const net_total = Math.round(lines.reduce((total, line) => total + line.amount, 0) * 100) / 100;
  return { ...reading.extraction, lines, net_total, evidence: quotes };
}

function taxAnswer(example: GoldenExample, correct: boolean) {
  const reading = readSyntheticInvoice(sourceText(example));
  const expected = String(example.expected.risk_level);
  const tags = example.tags ?? {};
  const anchor = reading.vatLines[0] ?? reading.totalLine ?? "";
  const evidence = [
    { field: "treatment", source_id: example.id, quote: anchor },
    { field: "risk_level", source_id: example.id, quote: reading.vatLines.at(-1) ?? anchor },
  ];
  if (correct) {
    const ambiguous = tags.ambiguous === "true";
    const rationale = ambiguous
      ? "The VAT shown does not fit the supply between these parties; booking it as invoiced risks unrecoverable or missing VAT."
      : "The VAT treatment fits the seller, the buyer and the supply.";
    return {
      treatment: tags.treatment ?? "unclear",
      ambiguous,
      risk_level: expected,
      rationale,
      confidence: 0.86,
      evidence,
    };
  }
  const foreign = reading.vatLines.some((line) => /reverse charge|intra-Community/i.test(line));
  return expected === "low"
    ? {
        treatment: "unclear",
        ambiguous: true,
        risk_level: "high",
        rationale: "Unsure about the rates.",
        confidence: 0.8,
        evidence,
      }
    : {
        treatment: foreign ? "reverse_charge" : "standard_domestic",
        ambiguous: false,
        risk_level: "low",
        rationale: "Looks like an ordinary invoice.",
        confidence: 0.8,
        evidence,
      };
}

function mismatchesOf(example: GoldenExample): { kind: string; detail: string }[] {
  const list = example.input.mismatches;
  return Array.isArray(list) ? (list as { kind: string; detail: string }[]) : [];
}

function poAnswer(example: GoldenExample, correct: boolean): string {
  const details = mismatchesOf(example).map((mismatch) => mismatch.detail);
  if (!correct)
    return `The invoice does not match the order: ${details[0] ?? "see the list"}. Please check with the supplier.`;
  return `${String(example.input.po_number)} against ${String(example.input.compared_with)}: ${details.join("; ")}. Ask the supplier to confirm the order or send a corrected invoice.`;
}

function exceptionAnswer(example: GoldenExample): string {
  const exceptions = Array.isArray(example.input.exceptions)
    ? (example.input.exceptions as { kind: string; detail: string }[])
    : [];
  return `This invoice is on hold for ${exceptions.map((exception) => exception.kind.replaceAll("_", " ")).join(", ")}. ${exceptions.map((exception) => exception.detail).join(". ")}. Resolve each point before releasing the payment.`;
}
