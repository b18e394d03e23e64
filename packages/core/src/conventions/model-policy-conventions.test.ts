import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import type { CountMethod } from "../budget/check-input-budget.js";
import { ERROR_CLASSES } from "../errors/error-class.js";
import { FALLBACK_POLICIES } from "../policy/policy-schema.js";
import type { ReviewReason } from "../review/review-rules.js";
import type { AttemptKind, RouteOutcome } from "../router/route-result.js";
import {
  LEDGER_COLUMNS,
  MODEL_POLICY_ATTEMPT_KIND_VALUES,
  MODEL_POLICY_FALLBACK_POLICY_VALUES,
  MODEL_POLICY_FALLBACK_REASON_VALUES,
  MODEL_POLICY_INPUT_TOKENS_METHOD_VALUES,
  MODEL_POLICY_OUTCOME_VALUES,
  MODEL_POLICY_RETRY_CAUSE_VALUES,
  MODEL_POLICY_REVIEW_REASONS_VALUES,
  PROMETHEUS_METRIC_NAMES,
} from "./model-policy-conventions.js";

/** The parts of scripts/generate-conventions.mjs this test uses (a plain script, so no types of its own). */
interface ConventionsGenerator {
  readonly REGISTRY_DIR: string;
  generate(registryDir: string): { typescript: string; contractTable: string };
  loadRegistry(registryDir: string): { attributes: Map<string, RegistryAttribute> };
  prometheusMetricName(name: string, unit: string, instrument: string): string;
}

interface RegistryAttribute {
  readonly id: string;
  readonly type: unknown;
  readonly brief?: string;
  readonly stability?: string;
}

// Imported by URL: the generator is a root script outside this package's sources.
const generator = (await import(
  new URL("../../../../scripts/generate-conventions.mjs", import.meta.url).href
)) as ConventionsGenerator;

const committed = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), "utf8");

describe("the model_policy conventions", () => {
  it("are what the registry in semconv/ generates (run node scripts/generate-conventions.mjs)", () => {
    const generated = generator.generate(generator.REGISTRY_DIR);
    expect(generated.typescript).toBe(committed("./model-policy-conventions.ts"));
    expect(generated.contractTable).toBe(committed("../../../../semconv/contract-table.md"));
  });

  it("are what the README's routed-call span table shows (paste it from semconv/contract-table.md)", () => {
    const table = committed("../../../../semconv/contract-table.md");
    const section = table.slice(
      table.indexOf("### Span `route"),
      table.indexOf("\n### ", table.indexOf("### Span `route") + 5),
    );
    const routed = section.split("\n").slice(1).join("\n").trim();
    const readme = committed("../../../../README.md");
    const start = readme.indexOf("\n", readme.indexOf("<!-- contract-table:route start")) + 1;
    const shown = readme.slice(start, readme.indexOf("<!-- contract-table:route end")).trim();
    expect(shown).toBe(routed);
  });

  it("give every attribute a brief, a type and a stability", () => {
    const { attributes } = generator.loadRegistry(generator.REGISTRY_DIR);
    expect(attributes.size).toBeGreaterThan(30);
    for (const attribute of attributes.values()) {
      expect(attribute.brief, attribute.id).toMatch(/\S/);
      expect(attribute.type, attribute.id).toBeDefined();
      expect(attribute.stability, attribute.id).toBe("development");
    }
  });

  it("list the same values as the router's own types, each once", () => {
    const lists = [
      MODEL_POLICY_ATTEMPT_KIND_VALUES,
      MODEL_POLICY_FALLBACK_POLICY_VALUES,
      MODEL_POLICY_FALLBACK_REASON_VALUES,
      MODEL_POLICY_INPUT_TOKENS_METHOD_VALUES,
      MODEL_POLICY_OUTCOME_VALUES,
      MODEL_POLICY_RETRY_CAUSE_VALUES,
      MODEL_POLICY_REVIEW_REASONS_VALUES,
    ];
    for (const values of lists) expect(new Set(values).size).toBe(values.length);
    expect(MODEL_POLICY_FALLBACK_REASON_VALUES).toEqual(ERROR_CLASSES);
    expect(MODEL_POLICY_RETRY_CAUSE_VALUES).toEqual(ERROR_CLASSES);
    expect(MODEL_POLICY_FALLBACK_POLICY_VALUES).toEqual(FALLBACK_POLICIES);
    expectTypeOf<(typeof MODEL_POLICY_OUTCOME_VALUES)[number]>().toEqualTypeOf<RouteOutcome>();
    expectTypeOf<(typeof MODEL_POLICY_ATTEMPT_KIND_VALUES)[number]>().toEqualTypeOf<AttemptKind>();
    expectTypeOf<(typeof MODEL_POLICY_REVIEW_REASONS_VALUES)[number]>().toEqualTypeOf<ReviewReason>();
    expectTypeOf<(typeof MODEL_POLICY_INPUT_TOKENS_METHOD_VALUES)[number]>().toEqualTypeOf<CountMethod>();
  });

  it("give each ledger column its own snake_case key and attribute", () => {
    const keys = LEDGER_COLUMNS.map((column) => column.key);
    const attributes = LEDGER_COLUMNS.map((column) => column.attribute);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(attributes).size).toBe(attributes.length);
    for (const key of keys) expect(key).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it("name metrics as the collector's Prometheus exporter does", () => {
    const { prometheusMetricName } = generator;
    expect(PROMETHEUS_METRIC_NAMES["model_policy.cost"]).toBe("model_policy_cost_USD_total");
    expect(prometheusMetricName("model_policy.calls", "{call}", "counter")).toBe("model_policy_calls_total");
    expect(prometheusMetricName("model_policy.duration", "s", "histogram")).toBe("model_policy_duration_seconds");
    expect(prometheusMetricName("http.server.request.body.size", "By", "histogram")).toBe(
      "http_server_request_body_size_bytes",
    );
    expect(prometheusMetricName("system.network.rate", "By/s", "gauge")).toBe("system_network_rate_bytes_per_second");
    expect(prometheusMetricName("system.cpu.utilization", "1", "gauge")).toBe("system_cpu_utilization_ratio");
  });
});

describe("the generator", () => {
  let directory: string | undefined;
  afterEach(() => {
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
    directory = undefined;
  });

  it("refuses a registry with an attribute lacking its brief or a ref to an undefined attribute", () => {
    directory = mkdtempSync(join(tmpdir(), "semconv-"));
    mkdirSync(join(directory, "model"));
    writeFileSync(
      join(directory, "registry_manifest.yaml"),
      "name: model_policy\nsemconv_version: 0.0.1\nschema_base_url: https://example.invalid/\n",
    );
    writeFileSync(
      join(directory, "model", "registry.yaml"),
      [
        "groups:",
        "  - id: registry.model_policy",
        "    type: attribute_group",
        "    brief: Test.",
        "    attributes:",
        "      - id: model_policy.task",
        "        type: string",
        "        stability: development",
        "  - id: event.model_policy.retry",
        "    type: event",
        "    name: model_policy.retry",
        "    stability: development",
        "    brief: Test.",
        "    attributes:",
        "      - ref: model_policy.retry.cause",
        "",
      ].join("\n"),
    );
    const attempt = () => generator.generate(directory as string);
    expect(attempt).toThrow(/model_policy\.task: no brief/);
    expect(attempt).toThrow(/ref to undefined attribute model_policy\.retry\.cause/);
  });
});
