#!/usr/bin/env node
/*
 * Generates what is derived from the model_policy semantic-conventions registry (semconv/):
 *   packages/core/src/conventions/model-policy-conventions.ts   constants, ledger columns, Prometheus names
 *   semconv/contract-table.md                                   the contract tables the README shows
 *
 *   node scripts/generate-conventions.mjs                  write both files
 *   node scripts/generate-conventions.mjs --check          exit 1 when a committed file is stale
 *   node scripts/generate-conventions.mjs --readme         print the contract tables
 *   node scripts/generate-conventions.mjs --index-exports  print the export block for core's index.ts
 *
 * It reads Weaver's v1 YAML model itself, only the parts this registry uses, because Weaver is not
 * installable from a package registry here; `weaver registry check` remains the fuller check where
 * Weaver is at hand. It checks only what it can see: refs to the OpenTelemetry dependency are taken
 * on trust. `yaml` resolves from packages/core, which depends on it (the root has no dependencies).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const { parse } = createRequire(new URL("../packages/core/package.json", import.meta.url))("yaml");

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The registry this repository keeps. */
export const REGISTRY_DIR = join(ROOT, "semconv");
/** Where each generated text is committed, relative to the repository root. */
export const OUTPUTS = {
  typescript: "packages/core/src/conventions/model-policy-conventions.ts",
  contractTable: "semconv/contract-table.md",
};
/** Annotation namespace of the facts Weaver has no field for (span names, ledger columns, string[] values). */
const NS = "model_policy";
const GROUP_TYPES = new Set(["attribute_group", "span", "event", "metric"]);
const SIMPLE_TYPES = new Set(["string", "int", "double", "boolean", "string[]", "int[]", "double[]", "boolean[]"]);
const STABILITIES = new Set(["development", "alpha", "beta", "release_candidate", "stable"]);
const SPAN_KINDS = new Set(["client", "server", "producer", "consumer", "internal"]);
const INSTRUMENTS = new Set(["counter", "updowncounter", "gauge", "histogram"]);
const LEDGER_KINDS = { string: "string", int: "integer", double: "number", boolean: "boolean", "string[]": "string[]" };

/**
 * Parses and checks the registry: every group and attribute has what Weaver requires (id, type,
 * brief, stability, the fields of its signal), ids are unique, every `model_policy.*` ref and every
 * `extends` resolves. Throws one error listing every problem found.
 */
export function loadRegistry(registryDir) {
  const issues = [];
  const manifest = parse(readFileSync(join(registryDir, "registry_manifest.yaml"), "utf8")) ?? {};
  for (const key of ["name", "semconv_version", "schema_base_url"]) {
    if (typeof manifest[key] !== "string") issues.push(`registry_manifest.yaml: no ${key}`);
  }
  const groups = [];
  const modelDir = join(registryDir, "model");
  for (const file of readdirSync(modelDir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()) {
    const document = parse(readFileSync(join(modelDir, file), "utf8")) ?? {};
    for (const group of document.groups ?? []) groups.push({ ...group, file: `model/${file}` });
  }
  const attributes = new Map();
  const groupsById = new Map();
  for (const group of groups) {
    const where = `${group.file}: ${group.id ?? "a group without id"}`;
    if (typeof group.id !== "string") issues.push(`${where}: no id`);
    else if (groupsById.has(group.id)) issues.push(`${where}: duplicate group id`);
    groupsById.set(group.id, group);
    if (!GROUP_TYPES.has(group.type)) issues.push(`${where}: unknown type ${group.type}`);
    if (!group.brief) issues.push(`${where}: no brief`);
    if (group.type !== "attribute_group" && !STABILITIES.has(group.stability)) issues.push(`${where}: no stability`);
    if (group.type === "span" && !SPAN_KINDS.has(group.span_kind)) issues.push(`${where}: no span_kind`);
    if (group.type === "span" && typeof group.annotations?.[NS]?.span_name !== "string") {
      issues.push(`${where}: no annotations.${NS}.span_name`);
    }
    if (group.type === "event" && typeof group.name !== "string") issues.push(`${where}: no name`);
    if (group.type === "metric") {
      if (typeof group.metric_name !== "string") issues.push(`${where}: no metric_name`);
      if (!INSTRUMENTS.has(group.instrument)) issues.push(`${where}: unknown instrument ${group.instrument}`);
      if (typeof group.unit !== "string") issues.push(`${where}: no unit`);
    }
    for (const attribute of group.attributes ?? []) {
      if (attribute.ref !== undefined) continue;
      const at = `${where}: attribute ${attribute.id ?? "without id"}`;
      if (typeof attribute.id !== "string") issues.push(`${at}: no id`);
      else if (!attribute.id.startsWith(`${manifest.name}.`))
        issues.push(`${at}: outside the ${manifest.name} namespace`);
      else if (!group.id?.startsWith("registry.")) issues.push(`${at}: defined outside a registry.* group`);
      if (attributes.has(attribute.id)) issues.push(`${at}: duplicate attribute id`);
      if (!attribute.brief) issues.push(`${at}: no brief`);
      if (!STABILITIES.has(attribute.stability)) issues.push(`${at}: no stability`);
      const members = attribute.type?.members;
      if (Array.isArray(members)) {
        if (members.length === 0) issues.push(`${at}: an enum without members`);
        for (const member of members) {
          if (member.id === undefined || member.value === undefined || !STABILITIES.has(member.stability)) {
            issues.push(`${at}: enum member ${member.id} needs id, value and stability`);
          }
        }
      } else if (!SIMPLE_TYPES.has(attribute.type)) {
        issues.push(`${at}: unknown type ${JSON.stringify(attribute.type)}`);
      }
      attributes.set(attribute.id, attribute);
    }
  }
  for (const group of groups) {
    if (group.extends !== undefined && !groupsById.has(group.extends)) {
      issues.push(`${group.file}: ${group.id}: extends unknown group ${group.extends}`);
    }
    for (const attribute of group.attributes ?? []) {
      const { ref } = attribute;
      if (ref === undefined) continue;
      if (ref.startsWith(`${manifest.name}.`) && !attributes.has(ref)) {
        issues.push(`${group.file}: ${group.id}: ref to undefined attribute ${ref}`);
      }
      const ledger = attribute.annotations?.[NS];
      if (ledger?.ledger_column !== undefined && !attributes.has(ref) && ledger.type === undefined) {
        issues.push(`${group.file}: ${group.id}: ${ref} needs annotations.${NS}.type for its ledger column`);
      }
    }
  }
  if (issues.length > 0) throw new Error(`${registryDir} has ${issues.length} problem(s):\n  ${issues.join("\n  ")}`);
  return { manifest, groups, groupsById, attributes };
}

/**
 * The generated texts, by the keys of {@link OUTPUTS}. Pure: reading the registry is its only
 * effect, so the drift test can compare its result with the committed files.
 */
export function generate(registryDir = REGISTRY_DIR) {
  const registry = loadRegistry(registryDir);
  return { typescript: typescriptOf(registry), contractTable: contractTableOf(registry) };
}

/**
 * The name the collector's Prometheus exporter gives an OTel metric: words joined by `_`, the unit
 * spelled out (`s` → `seconds`, annotations such as `{call}` dropped, unknown units kept as they
 * are), `_total` on counters, `_ratio` on gauges of unit `1`. Histograms add `_bucket`, `_sum`
 * and `_count` to this name.
 */
export function prometheusMetricName(name, unit, instrument) {
  const words = name.split(/[^a-zA-Z0-9]+/).filter(Boolean);
  const [main = "", per = ""] = unit.replace(/\{[^}]*\}/g, "").split("/");
  const mainWord = (UNIT_WORDS[main] ?? main).replace(/[^a-zA-Z0-9]/g, "");
  const perWord = (PER_UNIT_WORDS[per] ?? per).replace(/[^a-zA-Z0-9]/g, "");
  if (mainWord !== "" && !words.includes(mainWord)) words.push(mainWord);
  if (perWord !== "" && !words.includes(perWord)) words.push("per", perWord);
  if (instrument === "counter" && words.at(-1) !== "total") words.push("total");
  if (instrument === "gauge" && unit === "1") words.push("ratio");
  return words.join("_");
}

/** The Prometheus label an attribute becomes: every character outside `[a-zA-Z0-9_]` turns into `_`. */
export function prometheusLabelName(attribute) {
  const label = attribute.replace(/[^a-zA-Z0-9_]/g, "_");
  return /^[0-9]/.test(label) ? `key_${label}` : label;
}

const UNIT_WORDS = {
  1: "",
  d: "days",
  h: "hours",
  min: "minutes",
  s: "seconds",
  ms: "milliseconds",
  us: "microseconds",
  ns: "nanoseconds",
  By: "bytes",
  KiBy: "kibibytes",
  MiBy: "mebibytes",
  GiBy: "gibibytes",
  KBy: "kilobytes",
  MBy: "megabytes",
  GBy: "gigabytes",
  m: "meters",
  V: "volts",
  A: "amperes",
  J: "joules",
  W: "watts",
  g: "grams",
  Cel: "celsius",
  Hz: "hertz",
  "%": "percent",
};
const PER_UNIT_WORDS = { s: "second", m: "minute", h: "hour", d: "day", w: "week", mo: "month", y: "year" };

// --- reading the parsed registry ------------------------------------------------------------

const upperSnake = (name) => name.replace(/[^a-zA-Z0-9]+/g, "_").toUpperCase();
const attributeConstant = (id) => `ATTR_${upperSnake(id)}`;
const valuesConstant = (id) => `${upperSnake(id)}_VALUES`;
const code = (text) => `\`${text}\``;
const ofKind = (registry, type) => registry.groups.filter((group) => group.type === type);

/** The type of an attribute as Weaver names it, an enum being `string`. */
function typeOf(attribute) {
  if (attribute === undefined) return undefined;
  return Array.isArray(attribute.type?.members) ? typeof attribute.type.members[0]?.value : attribute.type;
}

/** The known values of an enum, or of a string[] through `annotations.model_policy.values`. */
function valuesOf(attribute) {
  if (Array.isArray(attribute.type?.members)) return attribute.type.members.map((member) => String(member.value));
  const listed = attribute.annotations?.[NS]?.values;
  return Array.isArray(listed) ? listed.map((entry) => String(entry.value)) : undefined;
}

/** A group's attribute refs and definitions, those of the groups it extends first. */
function attributesOf(registry, group) {
  const inherited = group.extends === undefined ? [] : attributesOf(registry, registry.groupsById.get(group.extends));
  const own = group.attributes ?? [];
  const ownIds = new Set(own.map((attribute) => attribute.ref ?? attribute.id));
  return [...inherited.filter((attribute) => !ownIds.has(attribute.ref ?? attribute.id)), ...own];
}

function requirementOf(entry) {
  const level = entry.requirement_level ?? "recommended";
  if (typeof level === "string") return level.replace("_", "-");
  const [name, condition] = Object.entries(level)[0];
  return `${name.replace("_", " ")}: ${condition}`;
}

function valueSummary(values, limit = 8) {
  if (values === undefined) return "";
  if (values.length <= limit) return `${values.map(code).join(", ")}.`;
  return `${values.slice(0, 3).map(code).join(", ")}, … (${values.length} in all).`;
}

// --- the TypeScript file --------------------------------------------------------------------

function docComment(paragraphs) {
  const lines = [];
  for (const paragraph of paragraphs.filter(Boolean)) {
    if (lines.length > 0) lines.push("");
    lines.push(...wrap(paragraph.replace(/\s+/g, " ").trim(), 96));
  }
  if (lines.length === 1 && lines[0].length <= 110) return `/** ${lines[0]} */`;
  return ["/**", ...lines.map((line) => (line === "" ? " *" : ` * ${line}`)), " */"].join("\n");
}

function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}

/** A `const` of one string literal, wrapped after `=` as biome does when the line is too long. */
function stringConst(name, value) {
  const oneLine = `export const ${name} = ${JSON.stringify(value)} as const;`;
  return oneLine.length <= 120 ? oneLine : `export const ${name} =\n  ${JSON.stringify(value)} as const;`;
}

/** A `const` of string literals, on one line when biome would keep it there. */
function constArray(name, values) {
  const items = values.map((value) => JSON.stringify(value));
  const oneLine = `export const ${name} = [${items.join(", ")}] as const;`;
  if (oneLine.length <= 120) return oneLine;
  return [`export const ${name} = [`, ...items.map((item) => `  ${item},`), "] as const;"].join("\n");
}

function typescriptOf(registry) {
  const { manifest } = registry;
  const out = [
    docComment([
      `GENERATED by scripts/generate-conventions.mjs from the ${manifest.name} semantic-conventions registry in semconv/ (version ${manifest.semconv_version}): do not edit.`,
      "Change semconv/model/*.yaml and run `node scripts/generate-conventions.mjs`; the test beside this file fails while the two disagree. Every name here is a contract that ledgers, dashboards and alerts key on: add, never rename.",
    ]).replace("/**", "/*"),
  ];
  const section = (title) => out.push("", `// --- ${title} ${"-".repeat(Math.max(0, 92 - title.length))}`);

  section("attributes");
  for (const attribute of registry.attributes.values()) {
    const values = valuesOf(attribute);
    const shape = values
      ? `Type \`${attribute.type?.members ? "string" : attribute.type}\`, ${attribute.type?.members ? "one" : "each item one"} of {@link ${valuesConstant(attribute.id)}}.`
      : `Type \`${attribute.type}\`${
          attribute.examples === undefined
            ? ""
            : `, e.g. ${[attribute.examples]
                .flat()
                .map((example) => code(JSON.stringify(example).replace(/^"|"$/g, "")))
                .join(", ")}`
        }.`;
    out.push("", docComment([attribute.brief, attribute.note, shape]));
    out.push(stringConst(attributeConstant(attribute.id), attribute.id));
  }

  section("attribute values");
  for (const attribute of registry.attributes.values()) {
    const values = valuesOf(attribute);
    if (values === undefined) continue;
    out.push("", docComment([`The known values of {@link ${attributeConstant(attribute.id)}}.`]));
    out.push(constArray(valuesConstant(attribute.id), values));
  }

  section("span events");
  for (const event of ofKind(registry, "event")) {
    const carried = attributesOf(registry, event).map((entry) => code(entry.ref ?? entry.id));
    out.push("", docComment([event.brief, event.note, `Attributes: ${carried.join(", ")}.`]));
    out.push(stringConst(`EVENT_${upperSnake(event.name)}`, event.name));
  }

  section("metrics");
  for (const metric of ofKind(registry, "metric")) {
    const labels = attributesOf(registry, metric).map((entry) => code(entry.ref ?? entry.id));
    const shape = `Instrument \`${metric.instrument}\`, unit \`${metric.unit}\`; labels ${labels.join(", ")}.`;
    out.push("", docComment([metric.brief, metric.note, shape]));
    out.push(stringConst(`METRIC_${upperSnake(metric.metric_name)}`, metric.metric_name));
  }

  section("span names");
  for (const span of ofKind(registry, "span")) {
    const name = span.id.replace(/^span\./, "").replace(new RegExp(`\\.${span.span_kind}$`), "");
    out.push("", docComment([span.brief, `The span's name template; its kind is \`${span.span_kind}\`.`]));
    out.push(
      `export const SPAN_${upperSnake(name)}_NAME = ${JSON.stringify(span.annotations[NS].span_name)} as const;`,
    );
  }

  section("ledger");
  out.push(
    "",
    docComment(["The JSON type a ledger column holds (besides `null`, which every column may hold)."]),
    'export type LedgerColumnKind = "string" | "integer" | "number" | "boolean" | "string[]";',
    "",
    docComment([
      "The flat ledger key of each routed-call span attribute, in the order of keys in each ledger line. The CLI, DuckDB queries and anyone's `jq` scripts key on these names: add, never rename.",
    ]),
    "export const LEDGER_COLUMNS = [",
  );
  for (const span of ofKind(registry, "span")) {
    for (const entry of span.attributes ?? []) {
      const column = entry.annotations?.[NS]?.ledger_column;
      if (column === undefined) continue;
      const id = entry.ref ?? entry.id;
      const local = registry.attributes.get(id);
      const kind = LEDGER_KINDS[typeOf(local) ?? entry.annotations[NS].type];
      const attribute = local === undefined ? JSON.stringify(id) : attributeConstant(id);
      out.push(`  { key: ${JSON.stringify(column)}, attribute: ${attribute}, kind: ${JSON.stringify(kind)} },`);
    }
  }
  out.push("] as const satisfies readonly { key: string; attribute: string; kind: LedgerColumnKind }[];");

  section("Prometheus");
  const metrics = ofKind(registry, "metric");
  out.push(
    "",
    docComment([
      "Each metric's name as the collector's Prometheus exporter writes it (dots become underscores, the unit is spelled out or kept, counters end in `_total`). Histogram series add `_bucket`, `_sum` and `_count`.",
    ]),
    "export const PROMETHEUS_METRIC_NAMES = {",
    ...metrics.map(
      (metric) =>
        `  ${JSON.stringify(metric.metric_name)}: ${JSON.stringify(prometheusMetricName(metric.metric_name, metric.unit, metric.instrument))},`,
    ),
    "} as const;",
  );
  const labels = [
    ...new Set(metrics.flatMap((metric) => attributesOf(registry, metric).map((entry) => entry.ref ?? entry.id))),
  ];
  out.push(
    "",
    docComment([
      "The Prometheus label of each metric attribute; `job` is what the exporter derives from `service.name`.",
    ]),
    "export const PROMETHEUS_LABEL_NAMES = {",
    ...labels.map((label) => `  ${JSON.stringify(label)}: ${JSON.stringify(prometheusLabelName(label))},`),
    "} as const;",
    "",
  );
  return out.join("\n");
}

/** Every constant name the TypeScript file exports, for core's index.ts. */
export function exportedNames(typescript) {
  return [...typescript.matchAll(/^export (?:const|type) (\w+)/gm)].map((match) => match[1]);
}

// --- the Markdown tables --------------------------------------------------------------------

function contractTableOf(registry) {
  const dependency = registry.manifest.dependencies?.[0]?.schema_url?.split("/").at(-1);
  const out = [
    `<!-- GENERATED by scripts/generate-conventions.mjs from semconv/model/*.yaml (registry ${registry.manifest.name} ${registry.manifest.semconv_version}): do not edit. -->`,
  ];
  for (const span of ofKind(registry, "span")) {
    out.push("", `### Span \`${span.annotations[NS].span_name}\` (${span.span_kind})`, "", span.brief, "");
    out.push("| attribute | type | requirement | meaning |", "|---|---|---|---|");
    for (const entry of attributesOf(registry, span)) {
      const id = entry.ref ?? entry.id;
      const local = registry.attributes.get(id);
      const type =
        local === undefined
          ? (entry.annotations?.[NS]?.type ?? "")
          : typeOf(local) === "string"
            ? "string"
            : local.type;
      const meaning =
        local === undefined
          ? (entry.brief ?? `See OTel semconv ${dependency}.`)
          : [local.brief, valueSummary(valuesOf(local))].filter(Boolean).join(" Values: ");
      out.push(`| ${code(id)} | ${type} | ${requirementOf(entry)} | ${meaning} |`);
    }
  }
  out.push(
    "",
    "### Decision events (on the routed-call span)",
    "",
    "| event | attributes | meaning |",
    "|---|---|---|",
  );
  for (const event of ofKind(registry, "event")) {
    const carried = attributesOf(registry, event).map((entry) => code(entry.ref ?? entry.id));
    out.push(`| ${code(event.name)} | ${carried.join(", ")} | ${event.brief} |`);
  }
  out.push("", "### Metrics", "", "| metric | instrument | unit | Prometheus | labels |", "|---|---|---|---|---|");
  for (const metric of ofKind(registry, "metric")) {
    const labels = attributesOf(registry, metric).map((entry) => code(entry.ref ?? entry.id));
    const prometheus = prometheusMetricName(metric.metric_name, metric.unit, metric.instrument);
    out.push(
      `| ${code(metric.metric_name)} | ${metric.instrument} | ${code(metric.unit)} | ${code(prometheus)} | ${labels.join(", ")} |`,
    );
  }
  return `${out.join("\n")}\n`;
}

// --- command line ---------------------------------------------------------------------------

function main(argv) {
  const generated = generate();
  if (argv.includes("--readme")) {
    process.stdout.write(generated.contractTable);
  } else if (argv.includes("--index-exports")) {
    // Biome's order: `_` sorts before letters.
    const sortKey = (name) => name.replaceAll("_", " ");
    const names = exportedNames(generated.typescript).sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
    const specifiers = names.map((name) => (name === "LedgerColumnKind" ? `  type ${name},` : `  ${name},`));
    process.stdout.write(`export {\n${specifiers.join("\n")}\n} from "./conventions/model-policy-conventions.js";\n`);
  } else if (argv.includes("--check")) {
    const stale = Object.entries(OUTPUTS).filter(
      ([key, path]) => readFileSync(join(ROOT, path), "utf8") !== generated[key],
    );
    for (const [, path] of stale) process.stderr.write(`${path} is stale: run node scripts/generate-conventions.mjs\n`);
    process.exitCode = stale.length > 0 ? 1 : 0;
  } else {
    for (const [key, path] of Object.entries(OUTPUTS)) writeFileSync(join(ROOT, path), generated[key]);
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
