import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type MachineInfo, machineLine } from "./machine.js";

/** `bench/results/`, next to `bench/dist/`. */
export const RESULTS_DIR = fileURLToPath(new URL("../../results/", import.meta.url));

/** The benchmarks in summary order, with their section titles. */
export const SECTIONS = [
  ["b1", "B1 — overhead per routed call"],
  ["b1-memory", "B1m — CPU-only overhead"],
  ["b2", "B2 — token budget check"],
  ["b3", "B3 — latency-tier isolation"],
  ["b4", "B4 — collector outage"],
  ["b5", "B5 — streaming overhead"],
  ["b5m", "B5m — streaming overhead, CPU only"],
  ["ledger-write", "Ledger — write cost per routed call"],
  ["cost-query", "Ledger — cost query over 1M records"],
] as const;

/** Writes `<name>.json` (the numbers) and `<name>.md` (the section) under `bench/results/`. */
export function writeResult(name: string, json: unknown, markdown: string): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(`${RESULTS_DIR}${name}.json`, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(`${RESULTS_DIR}${name}.md`, `${markdown.trimEnd()}\n`);
}

/**
 * Rebuilds `summary.md` from every section on disk, so running one benchmark refreshes its part
 * and keeps the others' last figures (each section states its own machine and date).
 */
export function writeSummary(machine: MachineInfo): void {
  const parts = [
    "## Performance",
    "",
    `Last run: ${machineLine(machine)}. Reproduce with \`pnpm bench\` (or \`node bench/dist/run.js b1 b3\` for a subset) after \`pnpm install\`.`,
    "Every comparison runs its variants interleaved in one run against the testkit fake OpenAI server on loopback (its own process), with warm-up; cells are min / **median** / max over repeats.",
    "",
  ];
  for (const [name] of SECTIONS) {
    const path = `${RESULTS_DIR}${name}.md`;
    if (existsSync(path)) parts.push(readFileSync(path, "utf8").trimEnd(), "");
  }
  if (existsSync(`${RESULTS_DIR}optimisations.md`))
    parts.push(readFileSync(`${RESULTS_DIR}optimisations.md`, "utf8").trimEnd().replace(/^## /, "### "), "");
  const profile = `${RESULTS_DIR}b1-profile.md`;
  if (existsSync(profile))
    parts.push("Where the routed call's cost goes, and what to change: [b1-profile.md](b1-profile.md).", "");
  writeFileSync(`${RESULTS_DIR}summary.md`, `${parts.join("\n").trimEnd()}\n`);
}
