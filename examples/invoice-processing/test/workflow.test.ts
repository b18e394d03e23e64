import { createRouter } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { type SimulatedProvider, startSimulatedProvider } from "@modelpolicy/simulator";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallLog } from "../src/call-log.js";
import { INVOICE_IDS } from "../src/fixtures/invoice-ids.js";
import { invoiceSimulatorOptions } from "../src/fixtures/simulator-options.js";
import { loadInvoices } from "../src/invoices.js";
import { loadMasterData } from "../src/master-data.js";
import { loadInvoiceTable } from "../src/policy-table.js";
import { complete, type InvoiceAnalysis, processInvoices } from "../src/workflow/process-invoices.js";

// The whole workflow once, over HTTP to the SIMULATED provider with the demo's fixtures and fault.
let provider: SimulatedProvider;
let analyses: InvoiceAnalysis[];
const log = new CallLog();
const byId = (id: string) => analyses.find((analysis) => analysis.invoice.id === id)!;
const kinds = (id: string) => byId(id).exceptions.map((exception) => exception.kind);

beforeAll(async () => {
  const { table } = await loadInvoiceTable({});
  provider = await startSimulatedProvider(invoiceSimulatorOptions(table));
  const client = new OpenAI({ apiKey: "sk-test", baseURL: provider.baseURL });
  const router = createRouter(table, { adapters: [openAIAdapter(client)] });
  analyses = await processInvoices({ router, masterData: loadMasterData(), log }, await loadInvoices());
});

afterAll(async () => {
  await provider?.close();
});

describe("invoice-processing workflow on the simulated provider", () => {
  it("matches every issuer to the supplier master, and the stranger to unknown", () => {
    expect(Object.fromEntries(analyses.map((analysis) => [analysis.invoice.id, analysis.supplierId]))).toEqual({
      [INVOICE_IDS.alpine]: "SUP-1001",
      [INVOICE_IDS.nordlicht]: "SUP-1002",
      [INVOICE_IDS.rheinland]: "SUP-1003",
      [INVOICE_IDS.baltic]: "SUP-1004",
      [INVOICE_IDS.greenleaf]: "SUP-1005",
      [INVOICE_IDS.orion]: "unknown",
    });
  });

  it("absorbs the fast model's 429 with one retry after its Retry-After", () => {
    const attempts = log.entries
      .filter((entry) => entry.task === "supplier_matching")
      .flatMap((entry) => entry.record.attempts);
    expect(attempts.filter((attempt) => attempt.errorClass === "rate_limit")).toHaveLength(1);
    const retry = attempts.find((attempt) => attempt.kind === "retry");
    expect(retry).toMatchObject({ outcome: "ok", delayBeforeMs: 200 });
    expect(provider.stats.faults).toEqual([{ model: "gpt-4o-mini", kind: "rate_limit", injected: 1 }]);
  });

  it("extracts every line with verified evidence", () => {
    for (const analysis of analyses) {
      expect(analysis.extraction?.evidence.coverage, analysis.invoice.id).toBe(1);
      expect(analysis.extraction?.outcome, analysis.invoice.id).toBe("ok");
    }
    expect(complete(byId(INVOICE_IDS.rheinland).extraction)?.lines).toHaveLength(3);
  });

  it("judges the Nordlicht VAT ambiguous on the strong tier and sends it to review", () => {
    const tax = byId(INVOICE_IDS.nordlicht).tax!;
    expect(tax.modelRequested).toBe("gpt-5");
    expect(tax.output).toMatchObject({ treatment: "unclear", ambiguous: true, risk_level: "high" });
    expect(tax.review.reasons).toEqual(["risk"]);
    expect(tax.evidence.coverage).toBe(1);
    expect(byId(INVOICE_IDS.rheinland).tax?.review.triggered).toBe(false);
    expect(byId(INVOICE_IDS.orion).tax).toBeUndefined();
  });

  it("lets policy code find the PO mismatches and calls the model only to explain them", () => {
    expect(byId(INVOICE_IDS.alpine).comparison?.status).toBe("matched");
    expect(byId(INVOICE_IDS.alpine).poExplanation).toBeUndefined();
    expect(byId(INVOICE_IDS.baltic).comparison).toMatchObject({ status: "not_found", poNumber: "PO-4500061" });
    expect(byId(INVOICE_IDS.rheinland).comparison?.status).toBe("mismatch");
    const explained = log.entries.filter((entry) => entry.task === "po_matching").map((entry) => entry.invoiceId);
    expect(explained.sort()).toEqual([INVOICE_IDS.baltic, INVOICE_IDS.rheinland]);
  });

  it("decides the exceptions in code and holds those invoices for a person", () => {
    expect(kinds(INVOICE_IDS.alpine)).toEqual([]);
    expect(kinds(INVOICE_IDS.greenleaf)).toEqual([]);
    expect(kinds(INVOICE_IDS.nordlicht)).toEqual(["tax_ambiguous"]);
    expect(kinds(INVOICE_IDS.rheinland)).toEqual(["duplicate_line", "po_mismatch"]);
    expect(kinds(INVOICE_IDS.baltic)).toEqual(["po_mismatch"]);
    expect(kinds(INVOICE_IDS.orion)).toEqual(["unknown_supplier", "missing_po_number"]);
    const decisions = Object.fromEntries(analyses.map((analysis) => [analysis.invoice.id, analysis.decision]));
    expect(Object.values(decisions).filter((decision) => decision === "approve")).toHaveLength(2);
    expect(decisions[INVOICE_IDS.alpine]).toBe("approve");
    for (const id of [INVOICE_IDS.nordlicht, INVOICE_IDS.rheinland, INVOICE_IDS.baltic, INVOICE_IDS.orion]) {
      expect(byId(id).explanation?.review, id).toMatchObject({ required: true, triggered: true, reasons: ["always"] });
      expect(byId(id).explanation?.policy.id).toBe("invoices.explain_exception");
    }
  });

  it("logs one entry per routed call and no failures", () => {
    expect(log.entries).toHaveLength(23);
    expect(analyses.every((analysis) => analysis.failures.length === 0)).toBe(true);
    expect(log.entries.every((entry) => entry.record.costUsd !== null)).toBe(true);
  });
});
