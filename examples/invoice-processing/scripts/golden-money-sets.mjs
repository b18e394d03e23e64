// Golden sets of the routes that judge money: VAT treatment and PO mismatches.
import {
  baseSpec,
  CATALOGUE,
  example,
  int,
  known,
  money,
  netOf,
  pad,
  renderInvoice,
  round,
} from "./golden-invoices.mjs";

/** `tax_ambiguity`: eight VAT situations, three of them ambiguous (hard), four rounds each. */
export function taxAmbiguity() {
  const task = "tax_ambiguity";
  const examples = [];
  const foreign = { SE: known[1], LV: known[3] };
  const cases = [
    // [case, supplier, vat lines(net) , treatment, ambiguous, risk, hard]
    [
      "domestic_standard",
      () => known[0],
      (net) => [`VAT 19% on ${money(net)}: ${money(round(net * 0.19))}`],
      "standard_domestic",
      false,
      "low",
      false,
    ],
    [
      "domestic_reduced",
      () => known[2],
      (net) => [`VAT 7% on ${money(net)} (food, delivered without service): ${money(round(net * 0.07))}`],
      "reduced_rate",
      false,
      "low",
      false,
    ],
    [
      "mixed_rates",
      () => known[2],
      (net) => [
        `VAT 7% on ${money(round(net * 0.6))} (food): ${money(round(net * 0.6 * 0.07))}`,
        `VAT 19% on ${money(round(net * 0.4))} (beverages): ${money(round(net * 0.4 * 0.19))}`,
      ],
      "mixed_rates",
      false,
      "low",
      false,
    ],
    [
      "reverse_charge_services",
      () => foreign.LV,
      () => ["VAT 0%: reverse charge - VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC)"],
      "reverse_charge",
      false,
      "low",
      false,
    ],
    [
      "intra_community_goods",
      () => foreign.SE,
      () => ["VAT 0%: intra-Community supply of goods, exempt under Art. 138 Directive 2006/112/EC"],
      "intra_community_supply",
      false,
      "low",
      false,
    ],
    [
      "reverse_charge_plus_foreign_vat",
      () => foreign.SE,
      (net) => [
        "VAT 0% on services: reverse charge - VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC)",
        `Swedish VAT 25% on ${money(round(net * 0.1))} (goods shipped from Stockholm): ${money(round(net * 0.1 * 0.25))}`,
      ],
      "unclear",
      true,
      "high",
      true,
    ],
    [
      "foreign_vat_on_services",
      () => foreign.LV,
      (net) => [`Latvian VAT 21% on ${money(net)}: ${money(round(net * 0.21))}`],
      "unclear",
      true,
      "high",
      true,
    ],
    ["no_vat_breakdown", () => known[4], () => [], "unclear", true, "medium", true],
  ];
  let index = 1;
  for (let repeat = 0; repeat < 4; repeat += 1) {
    for (const [name, supplierOf, vatLines, treatment, ambiguous, risk, hard] of cases) {
      const supplier = supplierOf();
      const spec = baseSpec(supplier, index, { taxLines: [], gross: 0 });
      const net = netOf(spec);
      spec.taxLines = vatLines(net);
      const vat = spec.taxLines.reduce(
        (total, line) => total + Number((/: ([\d,]+\.\d{2})$/.exec(line)?.[1] ?? "0").replaceAll(",", "")),
        0,
      );
      spec.gross = round(net + vat);
      const id = `${task}-${pad(index)}`;
      examples.push(
        example(
          task,
          index,
          {
            document_id: id,
            supplier: { name: supplier.name, country: supplier.country, vat_id: supplier.vat_id },
            gross_total: spec.gross,
          },
          [{ id, text: renderInvoice(spec) }],
          { risk_level: risk },
          { difficulty: hard ? "hard" : "easy", case: name, treatment, ambiguous: String(ambiguous) },
        ),
      );
      index += 1;
    }
  }
  return examples;
}

/** `po_matching`: mismatches policy code found, one to three per example; several is hard. */
export function poMatching() {
  const task = "po_matching";
  const examples = [];
  for (let index = 1; index <= 32; index += 1) {
    const supplier = known[index % known.length];
    const [description, price] = CATALOGUE[supplier.id][index % 5];
    const po = `PO-45${String(10000 + index * 37).padStart(5, "0")}`;
    const kinds =
      index % 4 === 0
        ? ["quantity_exceeds_po", "price_differs", "net_total_differs"]
        : index % 4 === 1
          ? ["po_not_found"]
          : index % 4 === 2
            ? ["quantity_exceeds_po", "net_total_differs"]
            : ["price_differs"];
    const ordered = int(1, 10);
    const mismatches = kinds.map((kind) => {
      switch (kind) {
        case "po_not_found":
          return {
            kind,
            detail: `${po.slice(0, -2)}${po.slice(-1)}${po.slice(-2, -1)} is not an open purchase order; the supplier's open ${po} matches every invoiced line`,
          };
        case "quantity_exceeds_po":
          return { kind, detail: `"${description}": ${ordered + 2} invoiced (positions 1, 2), ${ordered} ordered` };
        case "price_differs":
          return { kind, detail: `position 1: unit price ${money(price * 1.1)}, PO ${money(price)}` };
        default:
          return {
            kind,
            detail: `net ${money(price * (ordered + 2))} invoiced, ${money(price * ordered)} ordered on ${po}`,
          };
      }
    });
    const invoicePo = kinds[0] === "po_not_found" ? `${po.slice(0, -2)}${po.slice(-1)}${po.slice(-2, -1)}` : po;
    const mustMention =
      kinds[0] === "po_not_found"
        ? [invoicePo, po]
        : [
            po,
            ...(kinds.includes("quantity_exceeds_po") ? [description] : []),
            ...(kinds.includes("price_differs") ? [money(price)] : []),
          ];
    examples.push({
      id: `${task}-${pad(index)}`,
      task,
      input: { document_id: `${task}-${pad(index)}`, po_number: invoicePo, compared_with: po, mismatches },
      expected: { must_mention: mustMention, max_words: 90 },
      tags: { difficulty: kinds.length > 1 ? "hard" : "easy", case: kinds.join("+") },
    });
  }
  return examples;
}
