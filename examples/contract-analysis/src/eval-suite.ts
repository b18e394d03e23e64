import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type EvalSuite, type GoldenExample, goldenExampleSchema } from "@modelpolicy/core";
import { startSimulatedProvider } from "@modelpolicy/simulator";
import { contractEvalRoutes } from "./eval/contract-eval-routes.js";
import { latencyOfMissRate, MODEL_MISS_RATE } from "./eval/model-skill.js";
import { goldenResponder } from "./eval/offline-responder.js";
import { CONTRACT_ROUTES } from "./golden/golden-examples.js";
import { loadPlaybook } from "./playbook.js";

/** The golden sets: `examples/contract-analysis/golden/<route>.jsonl` (from src/ and dist/ alike). */
export const CONTRACT_GOLDEN_DIR = fileURLToPath(new URL("../golden/", import.meta.url));

const playbook = await loadPlaybook();

/** What the offline provider is, in every eval report. */
export const OFFLINE_DESCRIPTION =
  "contract-analysis golden answers. gpt-4.1, gpt-4o, gpt-5 and o3 are always right; gpt-4.1-mini and gpt-4o-mini miss about 40% of hard examples, gpt-4.1-nano about 90% (by a hash of example id and model); models it does not know get a generic answer. These numbers measure the simulator, not model quality.";

/**
 * The contract-analysis eval suite, for `modelpolicy eval --suite
 * examples/contract-analysis/dist/eval-suite.js`: the six workflow routes (requests built by the
 * workflow's own steps), their golden sets, and a SIMULATED offline provider whose answer
 * quality depends only on the model name, so a policy change that moves a route to a weaker
 * tier shows up in the metrics deterministically.
 */
export const evalSuite: EvalSuite = {
  name: "contract-analysis",
  goldenDir: CONTRACT_GOLDEN_DIR,
  routes: contractEvalRoutes(playbook),
  async startOfflineProvider() {
    const sets = await readGoldenSets();
    const latency = Object.fromEntries(
      Object.entries(MODEL_MISS_RATE).map(([model, missRate]) => [model, latencyOfMissRate(missRate)]),
    );
    const provider = await startSimulatedProvider({ responder: goldenResponder(sets, playbook), latency, seed: 7 });
    return { baseURL: provider.baseURL, description: OFFLINE_DESCRIPTION, close: () => provider.close() };
  },
};

/** The simulator's own copy of the golden sets (the CLI validates them with its own loader). */
async function readGoldenSets(): Promise<Record<string, GoldenExample[]>> {
  const sets: Record<string, GoldenExample[]> = {};
  for (const route of CONTRACT_ROUTES) {
    const text = await readFile(`${CONTRACT_GOLDEN_DIR}/${route}.jsonl`, "utf8");
    sets[route] = text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => goldenExampleSchema.parse(JSON.parse(line)));
  }
  return sets;
}
