import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  createRouter,
  type GoldenExample,
  ROUTE_KINDS,
  RoutedCallError,
  type RouteRequest,
  type Router,
  type ScoredAnswer,
} from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGoldenSets } from "../src/eval/golden-files.js";
import { evalSuite } from "../src/eval-suite.js";
import { loadInvoiceTable } from "../src/policy-table.js";

const GENERATOR = fileURLToPath(new URL("../scripts/generate-golden.mjs", import.meta.url));
let golden: Map<string, GoldenExample[]>;
let provider: Awaited<ReturnType<NonNullable<typeof evalSuite.startOfflineProvider>>>;

beforeAll(async () => {
  golden = await loadGoldenSets(evalSuite.goldenDir);
  provider = await evalSuite.startOfflineProvider!();
});

afterAll(async () => {
  await provider?.close();
});

/** A deliberately plain scorer per kind, enough to show the suite's answers line up with `expected`. */
function correct(kind: string, answer: ScoredAnswer, expected: Record<string, unknown>): boolean {
  switch (kind) {
    case "classification":
      return answer.label === expected.label;
    case "extraction":
      return JSON.stringify(answer.fields) === JSON.stringify(expected.fields);
    case "risk":
      return answer.risk_level === expected.risk_level;
    case "drafting": {
      const text = answer.text ?? "";
      const words = text.split(/\s+/).filter(Boolean).length;
      const mentions = (expected.must_mention as string[]).every((item) => text.includes(item));
      return mentions && words <= Number(expected.max_words);
    }
    default:
      return answer.stop === expected.stop;
  }
}

/**
 * `EvalRoute.request` returns the wide `RouteRequest`, which matches neither `Router.run` overload
 * (structured needs `schema` set, text needs it absent), so a runner has to split on `schema`.
 */
function run(router: Router, task: string, request: RouteRequest) {
  return request.schema === undefined
    ? router.run(task, request as RouteRequest<undefined>)
    : router.run(task, request as RouteRequest & { schema: NonNullable<RouteRequest["schema"]> });
}

/** Runs every golden example through a router over the offline provider; accuracy per route. */
async function accuracy(env: Record<string, string>): Promise<Record<string, number>> {
  const { table } = await loadInvoiceTable(env);
  const client = new OpenAI({ apiKey: "sk-eval", baseURL: provider.baseURL });
  const router = createRouter(table, { adapters: [openAIAdapter(client)] });
  const result: Record<string, number> = {};
  for (const [task, route] of Object.entries(evalSuite.routes)) {
    const examples = golden.get(task) ?? [];
    let right = 0;
    for (const example of examples) {
      try {
        const record = await run(router, task, route.request(example));
        if (correct(route.kind, route.score(record.output, example, record), example.expected)) right += 1;
      } catch (error) {
        if (!RoutedCallError.isInstance(error)) throw error;
      }
    }
    result[task] = right / examples.length;
  }
  return result;
}

describe("golden sets", () => {
  it("has a valid golden set of at least 30 examples for every route of the suite", () => {
    expect([...golden.keys()].sort()).toEqual(Object.keys(evalSuite.routes).sort());
    for (const [task, examples] of golden) {
      expect(examples.length, task).toBeGreaterThanOrEqual(30);
      expect(new Set(examples.map((example) => example.id)).size, task).toBe(examples.length);
      expect(
        examples.some((example) => example.tags?.difficulty === "hard"),
        task,
      ).toBe(true);
    }
    for (const route of Object.values(evalSuite.routes)) expect(ROUTE_KINDS).toContain(route.kind);
  });

  it("is exactly what scripts/generate-golden.mjs writes", () => {
    const run = spawnSync(process.execPath, [GENERATOR, "--check"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("covers the hard cases: unknown suppliers, look-alikes, missing fields, ambiguous tax", () => {
    const cases = (task: string) => new Set(golden.get(task)!.map((example) => example.tags?.case));
    expect(cases("supplier_matching")).toEqual(new Set(["known", "name_variant", "unknown", "lookalike"]));
    expect([...cases("line_item_extraction")]).toEqual(
      expect.arrayContaining(["missing_po", "missing_date", "duplicate_line"]),
    );
    expect(
      golden.get("tax_ambiguity")!.filter((example) => example.tags?.ambiguous === "true").length,
    ).toBeGreaterThanOrEqual(10);
  });
});

describe("the eval suite on its offline provider", () => {
  it("says it is simulated", () => {
    expect(provider.description).toMatch(/^SIMULATED/);
  });

  it("scores every route 100% when every tier is the strong model", async () => {
    const scores = await accuracy({ MODELPOLICY_MODEL_FAST: "gpt-5", MODELPOLICY_MODEL_STANDARD: "gpt-5" });
    expect(scores).toEqual({
      supplier_matching: 1,
      line_item_extraction: 1,
      tax_ambiguity: 1,
      po_matching: 1,
      exception_handling: 1,
    });
  });

  it("scores the smaller tiers lower on the hard cases, deterministically, and still stops every exception", async () => {
    const first = await accuracy({});
    expect(first.tax_ambiguity).toBe(1);
    expect(first.exception_handling).toBe(1);
    for (const task of ["supplier_matching", "line_item_extraction", "po_matching"]) {
      expect(first[task], task).toBeLessThan(1);
      expect(first[task], task).toBeGreaterThan(0.3);
    }
    const weakTax = await accuracy({ MODELPOLICY_MODEL_STRONG: "gpt-4o-mini" });
    expect(weakTax.tax_ambiguity).toBeLessThan(1);
    expect(await accuracy({})).toEqual(first);
  });
});
