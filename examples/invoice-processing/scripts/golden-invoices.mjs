// Shared pieces of the golden generator: the seeded random source, the supplier catalogue and
// the invoice layout (the same layout as the bundled documents in ../documents/).
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";

export const EXAMPLE_DIR = new URL("../", import.meta.url);
export const master = parseYaml(readFileSync(new URL("master-data/suppliers.yaml", EXAMPLE_DIR), "utf8"));
const BUYER = "Bill to: Kestrel Logistics GmbH, Hafenstrasse 12, 20457 Hamburg, Germany";

/** mulberry32: a tiny seeded generator, so variations are reproducible on every machine. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = seeded(20261201);
export const int = (low, high) => low + Math.floor(random() * (high - low + 1));
export const money = (value) => value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const round = (value) => Math.round(value * 100) / 100;
export const pad = (index) => String(index).padStart(3, "0");

const ADDRESSES = {
  DE: "Industriestrasse 5, 20095 Hamburg, Germany",
  SE: "Sveavagen 17, 111 57 Stockholm, Sweden",
  LV: "Krasta iela 52, Riga, LV-1003, Latvia",
  NL: "Keizersgracht 100, 1015 CV Amsterdam, Netherlands",
  GB: "12 Carter Lane, London EC4V 5ER, United Kingdom",
  PL: "ul. Prosta 20, 00-850 Warszawa, Poland",
};

/** What each known supplier sells (description, unit price), for line-item variations. */
export const CATALOGUE = {
  "SUP-1001": [
    ["Printer paper A4 80 g/m2, box of 5 reams", 24.5],
    ["Toner cartridge TN-421 black", 89],
    ["Ring binders A4, pack of 10", 12.9],
    ["Ballpoint pens blue, box of 50", 17.4],
    ["Whiteboard markers, set of 4", 6.8],
  ],
  "SUP-1002": [
    ["Network security audit", 8400],
    ["Firewall configuration (hours)", 120],
    ["Hardware security token", 35],
    ["On-call support (hours)", 95],
    ["Penetration test report", 2600],
  ],
  "SUP-1003": [
    ["Lunch buffet, 25 persons", 625],
    ["Beverage package, 25 persons", 175],
    ["Coffee break, 25 persons", 112.5],
    ["Dinner buffet, 40 persons", 1480],
    ["Fruit basket", 38],
  ],
  "SUP-1004": [
    ["Road freight Riga-Hamburg, per pallet", 145],
    ["Warehouse storage, per pallet and week", 9.5],
    ["Customs documentation", 65],
    ["Express surcharge", 180],
    ["Pallet exchange", 14],
  ],
  "SUP-1005": [
    ["Office cleaning, monthly flat fee", 2150],
    ["Window cleaning, all floors", 380],
    ["Carpet deep cleaning (m2)", 4.2],
    ["Sanitary supplies refill", 96],
    ["Extra cleaning, hours", 32],
  ],
};

/** Renders an invoice in the bundled documents' layout. */
export function renderInvoice(spec) {
  const row = (cells) =>
    `${cells[0].padEnd(5)}${cells[1].padEnd(50)}${cells[2].padStart(4)}${cells[3].padStart(13)}${cells[4].padStart(12)}${cells[5].padStart(6)}`;
  const lines = spec.lines.map((line, index) =>
    row([
      String(index + 1),
      line.description,
      String(line.quantity),
      money(line.unit_price),
      money(round(line.quantity * line.unit_price)),
      line.vat_rate === null ? "-" : `${line.vat_rate}%`,
    ]),
  );
  return [
    "SYNTHETIC DOCUMENT - generated golden example for the modelpolicy invoice eval; not a real invoice.",
    "",
    "INVOICE",
    spec.supplier.name,
    ADDRESSES[spec.supplier.country] ?? ADDRESSES.DE,
    `VAT ID: ${spec.supplier.vat_id}`,
    "",
    BUYER,
    "Buyer VAT ID: DE298765432",
    "",
    `Invoice number: ${spec.number}`,
    ...(spec.date === null ? [] : [`Invoice date: ${spec.date}`]),
    `Purchase order: ${spec.po ?? "not provided"}`,
    `Currency: ${spec.currency}`,
    "",
    row(["Pos", "Description", "Qty", "Unit price", "Amount", "VAT"]),
    ...lines,
    "",
    `Net total: ${money(netOf(spec))}`,
    ...spec.taxLines,
    `Total due: ${money(spec.gross)} ${spec.currency}`,
    "",
  ].join("\n");
}

export const netOf = (spec) =>
  round(spec.lines.reduce((total, line) => total + round(line.quantity * line.unit_price), 0));

/** A plain invoice of a known supplier with standard German VAT; variations override fields. */
export function baseSpec(supplier, index, overrides = {}) {
  const catalogue = CATALOGUE[supplier.id];
  const count = overrides.lineCount ?? int(1, 3);
  const lines = Array.from({ length: count }, (_, position) => {
    const [description, unit_price] = catalogue[(index + position) % catalogue.length];
    return { description, quantity: int(1, 24), unit_price, vat_rate: supplier.country === "DE" ? 19 : 0 };
  });
  const spec = {
    supplier,
    number: `${supplier.id.slice(4)}-${2026}${pad(index)}`,
    date: `2026-0${int(1, 9)}-${String(int(10, 28))}`,
    po: `PO-45${String(10000 + index * 37).padStart(5, "0")}`,
    currency: "EUR",
    lines,
    ...overrides,
  };
  const net = netOf(spec);
  spec.taxLines ??= [`VAT 19% on ${money(net)}: ${money(round(net * 0.19))}`];
  spec.gross ??= round(net + round(net * 0.19));
  return spec;
}

export const known = master.suppliers;
export const example = (task, index, input, sources, expected, tags) => ({
  id: `${task}-${pad(index)}`,
  task,
  input,
  ...(sources ? { sources } : {}),
  expected,
  tags,
});
