#!/usr/bin/env node
// Generates the golden sets in ../golden/ (one `<task>.jsonl` per route) from templates and
// variations over the bundled supplier master. Deterministic: the same script writes the same
// files, and `--check` fails when the committed files differ from what it would write.
//
//   node scripts/generate-golden.mjs          # (re)write golden/*.jsonl
//   node scripts/generate-golden.mjs --check  # exit 1 if golden/ is stale
import { readFileSync, writeFileSync } from "node:fs";
import { baseSpec, EXAMPLE_DIR, example, known, netOf, pad, renderInvoice } from "./golden-invoices.mjs";
import { poMatching, taxAmbiguity } from "./golden-money-sets.mjs";

function supplierMatching() {
  const task = "supplier_matching";
  const examples = [];
  let index = 1;
  for (let round_ = 0; round_ < 4; round_ += 1) {
    for (const supplier of known) {
      const variant = round_ === 3;
      const shown = variant
        ? { ...supplier, name: supplier.name.toUpperCase().replace(/ (GMBH|AB|SIA)$/, "") }
        : supplier;
      const id = `${task}-${pad(index)}`;
      const text = renderInvoice(baseSpec(shown, index));
      examples.push(
        example(
          task,
          index,
          { document_id: id },
          [{ id, text }],
          { label: supplier.id },
          { difficulty: variant ? "hard" : "easy", case: variant ? "name_variant" : "known" },
        ),
      );
      index += 1;
    }
  }
  const strangers = [
    ["Orion Trade Partners Ltd", "GB", "GB123456789"],
    ["Vistula Print Sp. z o.o.", "PL", "PL5251234567"],
    ["Dutch Desk Furniture B.V.", "NL", "NL812345678B01"],
    ["Hanse Security Consulting GmbH", "DE", "DE355512345"],
    ["Nordic Paper Trading AB", "SE", "SE556000111201"],
    ["Elbe Event Services GmbH", "DE", "DE366612345"],
  ];
  for (const [name, country, vat_id] of strangers) {
    const id = `${task}-${pad(index)}`;
    const spec = baseSpec({ id: "SUP-1001", name, country, vat_id }, index);
    examples.push(
      example(
        task,
        index,
        { document_id: id },
        [{ id, text: renderInvoice(spec) }],
        { label: "unknown" },
        { difficulty: "easy", case: "unknown" },
      ),
    );
    index += 1;
  }
  // Look-alikes: a master supplier's name with another VAT ID, or a near-identical name.
  for (const [position, supplier] of known.entries()) {
    for (const mode of ["vat", "name"]) {
      const id = `${task}-${pad(index)}`;
      const impostor =
        mode === "vat"
          ? { ...supplier, vat_id: `${supplier.country}99${String(1000000 + position * 7919)}` }
          : { ...supplier, name: supplier.name.replace(/(\w+) /, "$1s ") };
      const spec = baseSpec({ ...impostor, id: supplier.id }, index);
      const text = renderInvoice(
        mode === "name"
          ? { ...spec, supplier: { ...impostor, vat_id: `${supplier.country}88${position}4455661` } }
          : spec,
      );
      examples.push(
        example(
          task,
          index,
          { document_id: id },
          [{ id, text }],
          { label: "unknown" },
          { difficulty: "hard", case: "lookalike", lookalike_of: supplier.id },
        ),
      );
      index += 1;
    }
  }
  return examples;
}

function lineItemExtraction() {
  const task = "line_item_extraction";
  const examples = [];
  const variations = [
    "plain",
    "plain",
    "plain",
    "missing_po",
    "missing_date",
    "many_lines",
    "duplicate_line",
    "fractional_quantity",
  ];
  for (let index = 1; index <= 40; index += 1) {
    const supplier = known[index % known.length];
    const variation = variations[index % variations.length];
    const overrides =
      variation === "missing_po"
        ? { po: null }
        : variation === "missing_date"
          ? { date: null }
          : variation === "many_lines"
            ? { lineCount: 5 }
            : {};
    let spec = baseSpec(supplier, index, overrides);
    if (variation === "duplicate_line")
      spec = baseSpec(supplier, index, { lines: [...spec.lines, { ...spec.lines[0] }] });
    if (variation === "fractional_quantity")
      spec = baseSpec(supplier, index, {
        lines: spec.lines.map((line, position) => (position === 0 ? { ...line, quantity: 2.5 } : line)),
      });
    const id = `${task}-${pad(index)}`;
    const fields = {
      invoice_number: spec.number,
      invoice_date: spec.date,
      po_number: spec.po,
      currency: spec.currency,
      line_count: spec.lines.length,
      net_total: netOf(spec),
      gross_total: spec.gross,
    };
    const hard = variation !== "plain";
    examples.push(
      example(
        task,
        index,
        { document_id: id },
        [{ id, text: renderInvoice(spec) }],
        { fields },
        { difficulty: hard ? "hard" : "easy", case: variation },
      ),
    );
  }
  return examples;
}

function exceptionHandling() {
  const task = "exception_handling";
  const pool = [
    ["unknown_supplier", "the issuer is not in the supplier master"],
    ["missing_po_number", "the invoice states no purchase order"],
    [
      "po_mismatch",
      "PO-4500061 is not an open purchase order; the supplier's open PO-4500015 matches every invoiced line",
    ],
    ["duplicate_line", 'position 3 repeats position 1 ("Lunch buffet, 25 persons", 1 x 625.00)'],
    ["totals_inconsistent", "lines sum to 1,425.00, net total 1,400.00"],
    ["unverified_evidence", "only 86% of the extracted fields are quoted verbatim"],
    [
      "tax_ambiguous",
      "VAT treatment unclear, judged high risk: Swedish VAT charged on goods shipped to a German VAT-registered buyer",
    ],
    ["step_failed", "tax_ambiguity failed; its result is missing"],
  ];
  const examples = [];
  for (let index = 1; index <= 32; index += 1) {
    const count = index % 3 === 0 ? 3 : index % 3 === 1 ? 1 : 2;
    const exceptions = Array.from({ length: count }, (_, offset) => pool[(index + offset * 3) % pool.length]).map(
      ([kind, detail]) => ({ kind, detail }),
    );
    examples.push({
      id: `${task}-${pad(index)}`,
      task,
      input: { document_id: `${task}-${pad(index)}`, exceptions },
      expected: { stop: true },
      tags: {
        difficulty: count > 1 ? "hard" : "easy",
        exceptions: exceptions.map((exception) => exception.kind).join("+"),
      },
    });
  }
  return examples;
}

const sets = {
  supplier_matching: supplierMatching(),
  line_item_extraction: lineItemExtraction(),
  tax_ambiguity: taxAmbiguity(),
  po_matching: poMatching(),
  exception_handling: exceptionHandling(),
};

const check = process.argv.includes("--check");
let stale = 0;
for (const [task, examples] of Object.entries(sets)) {
  const url = new URL(`golden/${task}.jsonl`, EXAMPLE_DIR);
  const text = `${examples.map((entry) => JSON.stringify(entry)).join("\n")}\n`;
  if (check) {
    let current = "";
    try {
      current = readFileSync(url, "utf8");
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      stale += 1;
      console.error(`golden/${task}.jsonl is stale: run node scripts/generate-golden.mjs`);
    }
  } else {
    writeFileSync(url, text);
    console.log(`golden/${task}.jsonl: ${examples.length} examples`);
  }
}
if (stale > 0) process.exitCode = 1;
