import { fileURLToPath } from "node:url";
import type { EvalProvider, EvalSuite, GoldenExample, RouteRecord, ScoredAnswer } from "@modelpolicy/core";
import { startSimulatedProvider } from "@modelpolicy/simulator";
import { loadGoldenSets } from "./eval/golden-files.js";
import { goldenResponder } from "./eval/golden-responder.js";
import { SNAPSHOTS } from "./fixtures/simulator-options.js";
import { loadMasterData, type MasterData } from "./master-data.js";
import { exceptionRequest } from "./workflow/explain-exceptions.js";
import { type PoMismatchFacts, poMismatchRequest } from "./workflow/explain-po-mismatch.js";
import { lineItemRequest } from "./workflow/extract-line-items.js";
import { type TaxFacts, taxRequest } from "./workflow/judge-tax.js";
import { supplierMatchingRequest } from "./workflow/match-supplier.js";

/** Where the golden sets live: `golden/<task>.jsonl`, written by `scripts/generate-golden.mjs`. */
export const GOLDEN_DIR = fileURLToPath(new URL("../golden/", import.meta.url));

/** Shown in eval reports, so nobody mistakes simulator numbers for model quality. */
export const OFFLINE_PROVIDER_DESCRIPTION =
  "SIMULATED provider (offline): answers the golden examples from their own expected values. " +
  "gpt-5 and o3 answer every example correctly; smaller models get a fixed share of the examples tagged " +
  "difficulty=hard wrong (gpt-4.1/gpt-4o 25%, gpt-4.1-mini/gpt-5-mini/o4-mini 50%, gpt-4o-mini and others 75%), " +
  "chosen by a hash of example id and model, so scores are deterministic. The figures test the eval " +
  "pipeline and the policies, not any real model.";

let masterData: MasterData | undefined;
/** Read on first use, so importing the suite does no I/O. */
function master(): MasterData {
  masterData ??= loadMasterData();
  return masterData;
}

function source(example: GoldenExample): { id: string; text: string } {
  const first = example.sources?.[0];
  if (!first) throw new Error(`golden example ${example.id} has no source invoice`);
  return first;
}

function fieldsOf(output: unknown): Record<string, unknown> {
  return output !== null && typeof output === "object" ? (output as Record<string, unknown>) : {};
}

/**
 * The invoice workflow's eval suite for `modelpolicy eval --suite`: each route's request is
 * built by the very function the workflow uses, so a golden example exercises the production
 * prompt, schema, evidence sources and caller risk. Answers are mapped to the shape their kind
 * is scored on; `exception_handling` is scored on `record.review.triggered` (`stop`), because
 * there the model only explains and the policy must stop every held invoice for a person: a
 * policy change that drops `review_required` fails that route's golden set.
 */
export const evalSuite: EvalSuite = {
  name: "invoice-processing",
  goldenDir: GOLDEN_DIR,
  routes: {
    supplier_matching: {
      kind: "classification",
      request: (example) => supplierMatchingRequest(source(example), master().suppliers),
      score: (output): ScoredAnswer => {
        const label = fieldsOf(output).supplier_id;
        return typeof label === "string" ? { label } : {};
      },
    },
    line_item_extraction: {
      kind: "extraction",
      request: (example) => lineItemRequest(source(example)),
      score: (output): ScoredAnswer => {
        const fields = fieldsOf(output);
        return {
          fields: {
            invoice_number: fields.invoice_number ?? null,
            invoice_date: fields.invoice_date ?? null,
            po_number: fields.po_number ?? null,
            currency: fields.currency ?? null,
            line_count: Array.isArray(fields.lines) ? fields.lines.length : null,
            net_total: fields.net_total ?? null,
            gross_total: fields.gross_total ?? null,
          },
        };
      },
    },
    tax_ambiguity: {
      kind: "risk",
      request: (example) => {
        const facts: TaxFacts = {
          supplier: example.input.supplier as TaxFacts["supplier"],
          buyer: master().suppliers.buyer,
          grossTotal: typeof example.input.gross_total === "number" ? example.input.gross_total : null,
        };
        return taxRequest(source(example), facts);
      },
      score: (output): ScoredAnswer => {
        const level = fieldsOf(output).risk_level;
        return typeof level === "string" ? { risk_level: level } : {};
      },
    },
    po_matching: {
      kind: "drafting",
      request: (example) => {
        const input = example.input;
        const facts: PoMismatchFacts = {
          invoiceId: example.id,
          poNumber: typeof input.po_number === "string" ? input.po_number : null,
          comparedWith: typeof input.compared_with === "string" ? input.compared_with : null,
          mismatches: Array.isArray(input.mismatches) ? (input.mismatches as PoMismatchFacts["mismatches"]) : [],
        };
        return poMismatchRequest(facts);
      },
      score: (output): ScoredAnswer => ({ text: typeof output === "string" ? output : "" }),
    },
    exception_handling: {
      kind: "exception",
      request: (example) => {
        const exceptions = Array.isArray(example.input.exceptions) ? example.input.exceptions : [];
        return exceptionRequest(example.id, exceptions as { kind: string; detail: string }[]);
      },
      score: (output, _example, record: RouteRecord): ScoredAnswer => ({
        stop: record.review.triggered,
        text: typeof output === "string" ? output : "",
      }),
    },
  },
  startOfflineProvider: startEvalProvider,
};

/**
 * Starts the SIMULATED provider that answers the golden sets (see
 * {@link OFFLINE_PROVIDER_DESCRIPTION}): no faults and near-zero latency, so an eval measures
 * the answers and the policies' rules, not the scenario of the demo.
 */
export async function startEvalProvider(): Promise<EvalProvider> {
  const golden = await loadGoldenSets(GOLDEN_DIR);
  const latency = Object.fromEntries(
    Object.keys(SNAPSHOTS).map((model) => [model, { baseMs: 1, perOutputTokenMs: 0, jitterMs: 0 }]),
  );
  const provider = await startSimulatedProvider({
    responder: goldenResponder(golden, master().suppliers),
    latency,
    snapshots: SNAPSHOTS,
  });
  return { baseURL: provider.baseURL, description: OFFLINE_PROVIDER_DESCRIPTION, close: () => provider.close() };
}
