import { readFile } from "node:fs/promises";
import { type GoldenExample, goldenExampleSchema, type RouteRecord, type RouteSchema } from "@modelpolicy/core";
import { beforeAll, describe, expect, it } from "vitest";
import { goldenAnswer } from "../src/eval/golden-answers.js";
import { misses } from "../src/eval/model-skill.js";
import { evalSuite } from "../src/eval-suite.js";
import { CONTRACT_ROUTES, contractGoldenSets } from "../src/golden/golden-examples.js";
import { GOLDEN_DIR, goldenSetText } from "../src/golden/write-golden-sets.js";
import { loadPlaybook, type Playbook } from "../src/playbook.js";

/**
 * Validates `raw` with a request's schema the way the router does (a Standard Schema, or the
 * validator of a JSON Schema pair) and throws on any issue, as zod's `parse` would; no schema
 * passes `raw` through.
 */
function parseWith(schema: RouteSchema | undefined, raw: unknown): unknown {
  if (!schema) return raw;
  const result = ("~standard" in schema ? schema : schema.validate)["~standard"].validate(raw);
  if (result instanceof Promise) throw new Error("the route's schema validates asynchronously");
  if (result.issues) throw new Error(`the answer fails the route's schema: ${JSON.stringify(result.issues)}`);
  return result.value;
}

const sets: Record<string, GoldenExample[]> = {};
const texts: Record<string, string> = {};
let playbook: Playbook;
beforeAll(async () => {
  playbook = await loadPlaybook();
  for (const route of CONTRACT_ROUTES) {
    texts[route] = await readFile(`${GOLDEN_DIR}/${route}.jsonl`, "utf8");
    sets[route] = texts[route]
      .trimEnd()
      .split("\n")
      .map((line) => goldenExampleSchema.parse(JSON.parse(line)));
  }
});

describe("the contract-analysis golden sets", () => {
  it("are exactly what the committed generator writes", () => {
    const generated = contractGoldenSets(playbook);
    for (const route of CONTRACT_ROUTES) expect(texts[route], route).toBe(goldenSetText(generated[route]!));
  });

  it("have at least 30 valid examples per route, unique ids, and hard cases of every kind", () => {
    const cases = new Set<string>();
    for (const route of CONTRACT_ROUTES) {
      const examples = sets[route]!;
      expect(examples.length, route).toBeGreaterThanOrEqual(30);
      expect(new Set(examples.map((example) => example.id)).size).toBe(examples.length);
      expect(examples.every((example) => example.task === route)).toBe(true);
      const hard = examples.filter((example) => example.tags?.difficulty === "hard");
      expect(hard.length, route).toBeGreaterThanOrEqual(10);
      for (const example of hard) cases.add(example.tags?.case ?? "");
    }
    expect([...cases]).toEqual(expect.arrayContaining(["conflicting_clauses", "missing_fields", "unknown_type"]));
    expect(Object.keys(evalSuite.routes).sort()).toEqual([...CONTRACT_ROUTES].sort());
  });

  it("quote their evidence verbatim from the example's sources", () => {
    for (const route of CONTRACT_ROUTES) {
      for (const example of sets[route]!) {
        const text = example.sources?.map((source) => source.text).join("\n") ?? "";
        for (const { quote } of (example.expected.evidence ?? []) as { quote: string }[]) {
          expect(text, `${example.id}: ${quote}`).toContain(quote);
        }
      }
    }
  });

  it("score the simulator's right answer as right, through the demo's own request builders and schemas", () => {
    const reviewed = { review: { triggered: true } } as unknown as RouteRecord;
    for (const route of CONTRACT_ROUTES) {
      const evalRoute = evalSuite.routes[route]!;
      for (const example of sets[route]!) {
        const request = evalRoute.request(example);
        expect(request.messages[0]?.role).toBe("system");
        const raw = goldenAnswer(route, example, false, playbook);
        const output = parseWith(request.schema, raw);
        const scored = evalRoute.score(output, example, reviewed);
        const expected = example.expected;
        switch (evalRoute.kind) {
          case "classification":
            expect(scored.label, example.id).toBe(expected.label);
            break;
          case "extraction":
            for (const [field, value] of Object.entries(expected.fields as object)) {
              expect(scored.fields?.[field], `${example.id}.${field}`).toEqual(value);
            }
            break;
          case "risk":
            expect(scored.risk_level, example.id).toBe(expected.risk_level);
            break;
          case "drafting":
            for (const fact of expected.must_mention as string[]) expect(scored.text, example.id).toContain(fact);
            break;
          case "exception":
            expect(scored.stop, example.id).toBe(expected.stop);
            break;
        }
      }
    }
  });

  it("give every hard example a wrong answer that scores wrong, and misses deterministically", () => {
    const reviewed = { review: { triggered: true } } as unknown as RouteRecord;
    for (const route of ["document_classification", "risk_judgement", "exception_handling"]) {
      const evalRoute = evalSuite.routes[route]!;
      for (const example of sets[route]!.filter((entry) => entry.tags?.difficulty === "hard")) {
        const request = evalRoute.request(example);
        const raw = goldenAnswer(route, example, true, playbook);
        const scored = evalRoute.score(parseWith(request.schema, raw), example, reviewed);
        const key = { classification: "label", risk: "risk_level", exception: "stop" }[evalRoute.kind as "risk"];
        expect(scored[key as "label"], example.id).not.toEqual(example.expected[key]);
      }
    }
    expect(misses("risk-030", "gpt-4.1-nano", 0.9)).toBe(misses("risk-030", "gpt-4.1-nano", 0.9));
    expect(misses("risk-030", "gpt-4.1", 0)).toBe(false);
  });
});
