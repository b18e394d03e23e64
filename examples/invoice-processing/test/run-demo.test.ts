import { textBuffer } from "@modelpolicy/example-workflow-kit/testing";
import { type SimulatedProvider, startSimulatedProvider } from "@modelpolicy/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { invoiceResponder } from "../src/fixtures/invoice-responder.js";
import { invoiceSimulatorOptions } from "../src/fixtures/simulator-options.js";
import { loadInvoiceTable } from "../src/policy-table.js";
import { runDemo } from "../src/run-demo.js";

const providers: SimulatedProvider[] = [];
afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.close()));
});

describe("runDemo", () => {
  it("prints the SIMULATED banner, every invoice, the per-task table and the routed-call count", async () => {
    const { table } = await loadInvoiceTable({});
    const provider = await startSimulatedProvider(invoiceSimulatorOptions(table));
    providers.push(provider);
    const out = textBuffer();
    const summary = await runDemo({
      env: {},
      stdout: out.sink,
      simulatorBaseURL: provider.baseURL,
      middleware: [],
      telemetryNote: "telemetry: test",
    });
    const text = out.text();
    expect(text.split("\n")[0]).toBe(`provider: SIMULATED (offline, fixture answers) at ${provider.baseURL}`);
    for (const task of [
      "supplier_matching",
      "line_item_extraction",
      "tax_ambiguity",
      "po_matching",
      "exception_handling",
    ]) {
      expect(text).toMatch(new RegExp(`^${task}\\s+invoices\\.`, "m"));
    }
    expect(text).toMatch(
      /^exception_handling\s+invoices\.explain_exception@2\s+4\s+\d+\s+\d+\s+\d\.\d{6}\s+0\s+4\s+\d+$/m,
    );
    expect(text).toContain("invoices: 2 approved, 4 held for a person\n");
    expect(text).toContain("routed calls: 23\n");
    expect(text.trimEnd().endsWith("telemetry: test")).toBe(true);
    expect(summary.routedCalls).toBe(23);
    expect(summary.invoices.find((invoice) => invoice.id === "orion-otp-5531")).toMatchObject({
      supplierId: "unknown",
      decision: "hold",
      exceptions: ["unknown_supplier", "missing_po_number"],
      reviewTasks: ["exception_handling"],
    });
  });

  it("with OPENAI_API_KEY runs the same workflow against the OpenAI-compatible server named, with tier overrides", async () => {
    const server = await startSimulatedProvider({ responder: invoiceResponder });
    providers.push(server);
    const out = textBuffer();
    const summary = await runDemo({
      env: { OPENAI_API_KEY: "sk-real-looking", OPENAI_BASE_URL: server.baseURL, MODELPOLICY_MODEL_STRONG: "o3" },
      stdout: out.sink,
      middleware: [],
    });
    expect(out.text()).toContain(
      `provider: OpenAI-compatible at ${server.baseURL} (real models, key from OPENAI_API_KEY)`,
    );
    expect(out.text()).toContain("tier strong -> o3 (MODELPOLICY_MODEL_STRONG)");
    expect(summary.provider).toBe("openai-compatible");
    expect(server.stats.byModel.o3?.requests).toBe(5);
    expect(server.stats.byModel["gpt-5"]).toBeUndefined();
  });
});
