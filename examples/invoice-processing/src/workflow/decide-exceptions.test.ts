import { describe, expect, it } from "vitest";
import { LINE_ITEM_ANSWERS } from "../fixtures/line-item-answers.js";
import { loadMasterData } from "../master-data.js";
import { comparePurchaseOrder } from "./compare-purchase-order.js";
import { decideExceptions, type ExceptionFacts } from "./decide-exceptions.js";
import type { LineItemExtraction } from "./extract-line-items.js";

const { purchaseOrders } = loadMasterData();
const alpine = LINE_ITEM_ANSWERS["alpine-aos-2026-0412"]!;

function facts(overrides: Partial<ExceptionFacts>): ExceptionFacts {
  return {
    supplierId: "SUP-1001",
    extraction: alpine,
    evidenceCoverage: 1,
    comparison: comparePurchaseOrder(alpine, "SUP-1001", purchaseOrders),
    tax: undefined,
    failedSteps: [],
    ...overrides,
  };
}

describe("comparePurchaseOrder", () => {
  it("matches an invoice that bills exactly what its PO ordered", () => {
    expect(comparePurchaseOrder(alpine, "SUP-1001", purchaseOrders)).toMatchObject({
      status: "matched",
      mismatches: [],
    });
  });

  it("offers the supplier's PO that fits when the number on the invoice is unknown", () => {
    const comparison = comparePurchaseOrder(LINE_ITEM_ANSWERS["baltic-bfs-2026-118"]!, "SUP-1004", purchaseOrders);
    expect(comparison.status).toBe("not_found");
    expect(comparison.comparedWith?.number).toBe("PO-4500015");
    expect(comparison.mismatches.map((mismatch) => mismatch.kind)).toEqual(["po_not_found"]);
  });

  it("sums repeated lines against the ordered quantity, and flags prices, other suppliers' POs and totals", () => {
    const rheinland = comparePurchaseOrder(LINE_ITEM_ANSWERS["rheinland-rc-2291"]!, "SUP-1003", purchaseOrders);
    expect(rheinland.mismatches.map((mismatch) => mismatch.kind)).toEqual(["quantity_exceeds_po", "net_total_differs"]);
    const pricier: LineItemExtraction = {
      ...alpine,
      lines: alpine.lines.map((line, index) => (index === 0 ? { ...line, unit_price: 25, amount: 1000 } : line)),
      net_total: 1534,
    };
    expect(
      comparePurchaseOrder(pricier, "SUP-1002", purchaseOrders).mismatches.map((mismatch) => mismatch.kind),
    ).toEqual(["po_of_other_supplier", "price_differs", "net_total_differs"]);
  });
});

describe("decideExceptions", () => {
  it("raises nothing for a clean invoice", () => {
    expect(decideExceptions(facts({}))).toEqual([]);
  });

  it("raises the unknown supplier and the missing PO", () => {
    const orion = LINE_ITEM_ANSWERS["orion-otp-5531"]!;
    const kinds = decideExceptions(facts({ supplierId: "unknown", extraction: orion, comparison: undefined })).map(
      (exception) => exception.kind,
    );
    expect(kinds).toEqual(["unknown_supplier", "missing_po_number"]);
  });

  it("raises a duplicate line and the PO mismatch it causes", () => {
    const rheinland = LINE_ITEM_ANSWERS["rheinland-rc-2291"]!;
    const exceptions = decideExceptions(
      facts({ extraction: rheinland, comparison: comparePurchaseOrder(rheinland, "SUP-1003", purchaseOrders) }),
    );
    expect(exceptions.map((exception) => exception.kind)).toEqual(["duplicate_line", "po_mismatch"]);
    expect(exceptions[0]!.detail).toContain("position 3 repeats position 1");
  });

  it("raises lines that do not add up, unverified evidence, an ambiguous tax judgement and failed steps", () => {
    const broken = { ...alpine, net_total: 1500 };
    const kinds = decideExceptions(
      facts({
        extraction: broken,
        evidenceCoverage: 0.75,
        comparison: undefined,
        failedSteps: ["tax_ambiguity"],
        tax: {
          treatment: "unclear",
          ambiguous: true,
          risk_level: "high",
          rationale: "r",
          confidence: 0.8,
          evidence: [],
        },
      }),
    ).map((exception) => exception.kind);
    expect(kinds).toEqual(["step_failed", "totals_inconsistent", "unverified_evidence", "tax_ambiguous"]);
  });
});
