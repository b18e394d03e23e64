import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { GoldenExample } from "@modelpolicy/core";
import { loadPlaybook } from "../playbook.js";
import { CONTRACT_ROUTES, contractGoldenSets } from "./golden-examples.js";

/** Where the committed golden sets live: `examples/contract-analysis/golden/`, from src/ or dist/. */
export const GOLDEN_DIR = fileURLToPath(new URL("../../golden/", import.meta.url));

/** A golden set as its JSONL file holds it: one example a line. */
export function goldenSetText(examples: readonly GoldenExample[]): string {
  return `${examples.map((example) => JSON.stringify(example)).join("\n")}\n`;
}

/**
 * Regenerates `golden/<route>.jsonl` for every route from the generator (seeded, so the output
 * is identical on every run; a test fails when the committed files and the generator disagree).
 * Run after a build: `node examples/contract-analysis/dist/golden/write-golden-sets.js`.
 */
export async function writeGoldenSets(dir: string = GOLDEN_DIR): Promise<Record<string, number>> {
  const sets = contractGoldenSets(await loadPlaybook());
  await mkdir(dir, { recursive: true });
  const counts: Record<string, number> = {};
  for (const route of CONTRACT_ROUTES) {
    const examples = sets[route] ?? [];
    await writeFile(`${dir}/${route}.jsonl`, goldenSetText(examples));
    counts[route] = examples.length;
  }
  return counts;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const counts = await writeGoldenSets();
  for (const [route, count] of Object.entries(counts))
    process.stdout.write(`golden/${route}.jsonl: ${count} examples\n`);
}
