import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GoldenSetError } from "./golden-set-error.js";
import { loadGoldenSets } from "./load-golden-sets.js";
import { parseGoldenText } from "./parse-golden-text.js";

const line = (value: unknown) => JSON.stringify(value);
const good = (id: string, label = "msa") => ({ id, task: "classify", input: { text: "x" }, expected: { label } });

describe("golden sets in JSONL", () => {
  it("reads valid examples and skips blank lines", () => {
    const text = `${line(good("a"))}\n\n${line(good("b"))}\n`;
    const parsed = parseGoldenText(text, {
      file: "classify.jsonl",
      format: "jsonl",
      route: "classify",
      kind: "classification",
    });
    expect(parsed.issues).toEqual([]);
    expect(parsed.examples.map((example) => example.id)).toEqual(["a", "b"]);
  });

  it("reports every problem with its line and path", () => {
    const text = [
      line(good("a")),
      "{not json",
      line({ ...good("b"), expected: { label: 3 } }),
      line({ ...good("c"), task: "extract" }),
      line(good("a")),
      line({ id: "", task: "classify", input: {}, expected: { label: "x" }, extra: true }),
    ].join("\n");
    const { issues } = parseGoldenText(text, {
      file: "g/classify.jsonl",
      format: "jsonl",
      route: "classify",
      kind: "classification",
    });
    const error = new GoldenSetError(issues);
    expect(error.message.split("\n")).toEqual([
      "invalid golden set g/classify.jsonl: 6 problems",
      expect.stringMatching(/^ {2}✖ g\/classify\.jsonl:2: not a JSON object: /),
      "  ✖ g/classify.jsonl:3 expected.label: Invalid input: expected string, received number (a classification route)",
      '  ✖ g/classify.jsonl:4 task: "extract" in the golden set of route "classify"',
      '  ✖ g/classify.jsonl:5 id: duplicate example id "a" (first at line 1)',
      "  ✖ g/classify.jsonl:6 id: Too small: expected string to have >=1 characters",
      '  ✖ g/classify.jsonl:6: Unrecognized key: "extra"',
    ]);
    expect(GoldenSetError.isInstance(error)).toBe(true);
  });

  it("checks each kind's expected shape", () => {
    const risk = parseGoldenText(line({ id: "r", task: "risk", input: {}, expected: { risk_level: "severe" } }), {
      file: "risk.jsonl",
      format: "jsonl",
      kind: "risk",
    });
    expect(risk.issues[0]?.path).toEqual(["expected", "risk_level"]);
    const exception = parseGoldenText(line({ id: "e", task: "x", input: {}, expected: { stop: "yes" } }), {
      file: "x.jsonl",
      format: "jsonl",
      kind: "exception",
    });
    expect(exception.issues[0]?.message).toMatch(/expected boolean/);
    expect(parseGoldenText("\n", { file: "empty.jsonl", format: "jsonl" }).issues[0]?.code).toBe("empty");
  });
});

describe("golden sets in YAML", () => {
  it("reads a list or examples: and gives each problem the line its example starts on", () => {
    const text = [
      "examples:",
      "  - id: a",
      "    task: classify",
      "    input: { text: x }",
      "    expected: { label: msa }",
      "  - id: b",
      "    task: classify",
      "    input: { text: y }",
      "    expected: { label: [nda] }",
    ].join("\n");
    const parsed = parseGoldenText(text, { file: "classify.yaml", format: "yaml", kind: "classification" });
    expect(parsed.examples.map((example) => example.id)).toEqual(["a"]);
    expect(parsed.issues).toMatchObject([{ line: 6, path: ["expected", "label"] }]);
  });

  it("reports syntax errors and documents that are not lists", () => {
    expect(parseGoldenText("- id: [unclosed\n", { file: "bad.yaml", format: "yaml" }).issues[0]).toMatchObject({
      code: "syntax",
      line: expect.any(Number),
    });
    expect(parseGoldenText("id: a\n", { file: "map.yaml", format: "yaml" }).issues[0]?.message).toMatch(
      /expected a list of examples/,
    );
  });
});

describe("loadGoldenSets", () => {
  it("loads one file per route and throws one error for every route's problems", async () => {
    const dir = await mkdtemp(join(tmpdir(), "golden-"));
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "classify.jsonl"), `${line(good("a"))}\n`);
    await writeFile(join(dir, "risk.yaml"), "- id: r\n  task: risk\n  input: {}\n  expected: { risk_level: high }\n");
    await writeFile(join(dir, "both.jsonl"), `${line(good("a"))}\n`);
    await writeFile(join(dir, "both.yml"), "[]\n");
    const sets = await loadGoldenSets(dir, [
      { name: "classify", kind: "classification" },
      { name: "risk", kind: "risk" },
    ]);
    expect([...sets.keys()]).toEqual(["classify", "risk"]);
    const failure = await loadGoldenSets(
      dir,
      [
        { name: "classify", kind: "classification" },
        { name: "missing", kind: "risk" },
        { name: "both", kind: "classification" },
      ],
      dir,
    ).catch((error: unknown) => error);
    expect(GoldenSetError.isInstance(failure)).toBe(true);
    expect((failure as GoldenSetError).issues.map((issue) => [issue.file, issue.code])).toEqual([
      ["missing.jsonl", "missing"],
      ["both.jsonl", "ambiguous"],
    ]);
  });
});
