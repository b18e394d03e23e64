import { checkInputBudget, type TextMessage } from "@modelpolicy/core";
import { contractText } from "../lib/fixtures.js";
import { type MachineInfo, machineLine } from "../lib/machine.js";
import { fixed, markdownTable } from "../lib/markdown.js";
import { timeSync } from "../lib/micro.js";
import { writeResult } from "../lib/results.js";

const SIZES = [1_000, 10_000, 50_000, 200_000] as const;

/**
 * The budgets of one prompt: far under (the 3×length bound decides), under the byte bound,
 * near it on either side (5% above and below the exact count), and far over (a tenth of it).
 */
function budgetsFor(chars: number, messages: TextMessage[]): { label: string; budget: number }[] {
  // Below the byte bound, so this counts exactly: the prompt's real o200k token count.
  const exact = checkInputBudget(messages, Math.floor(chars / 2)).tokens;
  let bytes = 0;
  let length = 0;
  for (const message of messages) {
    bytes += Buffer.byteLength(message.content);
    length += message.content.length;
  }
  void chars;
  return [
    { label: "far under (3×length bound)", budget: length * 3 + 100 },
    { label: "under (byte bound)", budget: bytes + 100 },
    { label: "near, fits (+5%)", budget: Math.ceil(exact * 1.05) },
    { label: "near, over (−5%)", budget: Math.floor(exact * 0.95) },
    { label: "far over (10%)", budget: Math.floor(exact * 0.1) },
  ];
}

interface B2Row {
  chars: number;
  case: string;
  budget: number;
  method: string;
  withinBudget: boolean;
  tokens: number;
  minNs: number;
  p50Ns: number;
  p99Ns: number;
}

/**
 * B2: `checkInputBudget` for prompts of 1k–200k characters under, near and over their budget,
 * ns/op by mitata, with which path decided (`bound`: no tokenizer; `exact`: o200k counting that
 * stops past the limit).
 */
export async function runB2(machine: MachineInfo, options: { quick: boolean }): Promise<B2Row[]> {
  const rows: B2Row[] = [];
  for (const chars of SIZES) {
    const messages: TextMessage[] = [
      { role: "system", content: "Extract the contract fields as JSON." },
      { role: "user", content: contractText(chars) },
    ];
    for (const { label, budget } of budgetsFor(chars, messages)) {
      const check = checkInputBudget(messages, budget);
      const stats = timeSync(() => checkInputBudget(messages, budget), { batches: options.quick ? 10 : 30 });
      rows.push({
        chars,
        case: label,
        budget,
        method: check.method,
        withinBudget: check.withinBudget,
        tokens: check.tokens,
        minNs: stats.minNs,
        p50Ns: stats.p50Ns,
        p99Ns: stats.p99Ns,
      });
      console.log(
        `  b2 ${String(chars).padStart(7)} chars  ${label.padEnd(26)} ${check.method.padEnd(5)} ${fixed(stats.p50Ns / 1000, 3).padStart(10)} µs/op`,
      );
    }
  }
  const markdown = [
    "### B2 — token budget check",
    "",
    `${machineLine(machine)}. \`checkInputBudget(messages, budget)\` (system + user message), median over batches of ns/op (each batch ≥ 5 ms of back-to-back calls, so the timer does not dominate sub-µs cases). Target ≤ 10 µs far under budget, and no full tokenization when a bound decides.`,
    "",
    markdownTable(
      [
        "prompt chars",
        "case",
        "budget tokens",
        "decided by",
        "within",
        "tokens reported",
        "min µs/op",
        "median µs/op",
        "p99 µs/op",
      ],
      rows.map((row) => [
        String(row.chars),
        row.case,
        String(row.budget),
        row.method,
        row.withinBudget ? "yes" : "no",
        String(row.tokens),
        fixed(row.minNs / 1000, 3),
        fixed(row.p50Ns / 1000, 3),
        fixed(row.p99Ns / 1000, 3),
      ]),
    ),
  ].join("\n");
  console.log(`\n${markdown}\n`);
  writeResult("b2", { machine, rows }, markdown);
  return rows;
}
