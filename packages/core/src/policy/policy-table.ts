import type { PolicyTableIssue } from "../errors/policy-table-error.js";
import { PolicyTableError } from "../errors/policy-table-error.js";
import { policyDigest } from "./policy-digest.js";
import { type PolicyModel, policyModels } from "./policy-models.js";
import {
  DEFAULT_LATENCY_TIERS,
  type LatencyTierConfig,
  type ModelPolicy,
  type ModelPrice,
  modelPolicySchema,
  type PolicyTableInput,
  policyTableSchema,
  type RateLimit,
  type TierBinding,
} from "./policy-schema.js";
import { readTableText } from "./policy-table-text.js";
import { schemaIssues, tableErrorMessage, withPolicyIds } from "./schema-issues.js";
import { crossCheckTable } from "./table-checks.js";

/** A policy after loading: defaults applied, the models it resolves to, and its content digest. */
export interface ResolvedPolicy extends ModelPolicy {
  /** Its tier's model, then each fallback target's, through this table's tiers; see {@link policyModels}. */
  readonly models: readonly PolicyModel[];
  /** Covers the policy and its `models`; see {@link policyDigest}. */
  readonly digest: string;
}

/**
 * A loaded, validated policy table. `Task` is the union of declared task names when the table
 * was written in TypeScript with {@link defineTable}, and `string` when loaded from a file.
 */
export interface PolicyTable<Task extends string = string> {
  readonly version: string;
  /** Tier bindings in declared order (cheapest first). */
  readonly tiers: Readonly<Record<string, TierBinding>>;
  readonly tierOrder: readonly string[];
  /** Prices from the table; the router layers them over the bundled defaults. */
  readonly prices: Readonly<Record<string, ModelPrice>>;
  readonly latencyTiers: Readonly<Record<string, LatencyTierConfig>>;
  /** Fleet-wide rate limits by `provider` or `provider/model`; empty when the table sets none. */
  readonly rateLimits: Readonly<Record<string, RateLimit>>;
  readonly policies: readonly ResolvedPolicy[];
  /** Id of the policy that serves undeclared tasks, if any. */
  readonly unknownTask: string | undefined;
  /** Looks a policy up by task; `undefined` when the task is not declared. */
  policyFor(task: string): ResolvedPolicy | undefined;
  /** Phantom member that carries the task names for type inference; never set. */
  readonly __tasks?: Task;
}

/** The largest policy table text accepted; real tables are a few kilobytes. */
export const MAX_TABLE_TEXT_BYTES = 1024 * 1024;

/**
 * Validates a table from any value (parsed YAML, JSON, a TypeScript object). All-or-nothing:
 * throws one {@link PolicyTableError} listing every problem with its path, never returns a
 * half-checked table.
 */
export function parsePolicyTable(input: unknown, source?: string): PolicyTable {
  const parsed = policyTableSchema.safeParse(input, { error: tableErrorMessage });
  if (!parsed.success) {
    const issues = schemaIssues(parsed.error.issues, policyTableSchema, input);
    throw new PolicyTableError(
      withPolicyIds(inDocumentOrder([...issues, ...crossCheckWhatParsed(input)]), input),
      source,
    );
  }
  const table = parsed.data;
  const latencyTiers = table.latency_tiers ?? { ...DEFAULT_LATENCY_TIERS };
  const issues = crossCheckTable({
    tiers: table.tiers,
    latencyTierNames: new Set(Object.keys(latencyTiers)),
    policies: table.policies,
    unknownTask: table.unknown_task,
    rateLimits: table.rate_limits,
  });
  if (issues.length > 0) throw new PolicyTableError(withPolicyIds(issues, input), source);

  const policies = table.policies.map((policy: ModelPolicy) =>
    Object.freeze({
      ...policy,
      models: Object.freeze(policyModels(policy, table.tiers)),
      digest: policyDigest(policy, table.tiers),
    }),
  );
  const byTask = new Map(policies.map((policy) => [policy.task, policy]));
  return Object.freeze({
    version: table.version,
    tiers: table.tiers,
    tierOrder: Object.keys(table.tiers),
    prices: table.prices ?? {},
    latencyTiers,
    rateLimits: table.rate_limits ?? {},
    policies,
    unknownTask: table.unknown_task,
    policyFor: (task: string) => byTask.get(task),
  });
}

/**
 * When the schema fails somewhere, the cross-field checks still run on the parts that parsed
 * (valid tiers, each valid policy), so one pass reports an unknown tier beside a wrong type.
 */
function crossCheckWhatParsed(input: unknown): PolicyTableIssue[] {
  if (input === null || typeof input !== "object") return [];
  const raw = input as Record<string, unknown>;
  const tiers = policyTableSchema.shape.tiers.safeParse(raw.tiers);
  const latency = policyTableSchema.shape.latency_tiers.safeParse(raw.latency_tiers);
  // Only the keys of rate limits are cross-checked, so they are checked whatever the values hold.
  const rateLimits = raw.rate_limits !== null && typeof raw.rate_limits === "object" ? raw.rate_limits : undefined;
  if (!tiers.success || !latency.success || !Array.isArray(raw.policies)) return [];
  const policies = raw.policies.map(partialPolicy);
  return crossCheckTable({
    tiers: tiers.data,
    latencyTierNames: new Set(Object.keys(latency.data ?? DEFAULT_LATENCY_TIERS)),
    policies,
    unknownTask: typeof raw.unknown_task === "string" ? raw.unknown_task : undefined,
    rateLimits: rateLimits as Record<string, unknown> | undefined,
  });
}

function inDocumentOrder(issues: PolicyTableIssue[]): PolicyTableIssue[] {
  const compare = (a: readonly (string | number)[], b: readonly (string | number)[]): number => {
    for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
      const [left, right] = [a[index], b[index]];
      if (left === right) continue;
      if (typeof left === "number" && typeof right === "number") return left - right;
      return 0;
    }
    return a.length - b.length;
  };
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((x, y) => compare(x.issue.path, y.issue.path) || x.index - y.index)
    .map(({ issue }) => issue);
}

/** A policy as far as it parses: the whole of it, or each field that is valid on its own. */
function partialPolicy(policy: unknown): Partial<ModelPolicy> {
  const checked = modelPolicySchema.safeParse(policy);
  if (checked.success) return checked.data;
  if (policy === null || typeof policy !== "object") return {};
  const fields: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(modelPolicySchema.shape)) {
    const value = (policy as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const field = (schema as { safeParse(input: unknown): { success: boolean; data?: unknown } }).safeParse(value);
    if (field.success) fields[key] = field.data;
  }
  return fields as Partial<ModelPolicy>;
}

/** Options for {@link parsePolicyTableText}. */
export interface ParseTextOptions {
  /** Shown in errors, usually the file path. */
  source?: string;
  /** Defaults to YAML, which also reads JSON. */
  format?: "yaml" | "json";
}

/**
 * Validates a table from file contents (YAML or JSON, text or raw bytes). Bytes that are not
 * UTF-8, text that is not YAML, oversized input and a document that is not a mapping all end in
 * the same {@link PolicyTableError}; every issue about the text carries its line and column.
 * File reading stays with the caller, so core does no I/O.
 */
export function parsePolicyTableText(content: string | Uint8Array, options: ParseTextOptions = {}): PolicyTable {
  const { source } = options;
  // The limit is in bytes: a string's length counts UTF-16 units, which undercounts non-ASCII text.
  const size = typeof content === "string" ? new TextEncoder().encode(content).byteLength : content.byteLength;
  if (size > MAX_TABLE_TEXT_BYTES) {
    throw new PolicyTableError(
      [{ path: [], code: "too_large", message: `table is ${size} bytes; the limit is ${MAX_TABLE_TEXT_BYTES}` }],
      source,
    );
  }
  let text: string;
  try {
    text = typeof content === "string" ? content : new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    throw new PolicyTableError([{ path: [], code: "encoding", message: "table is not valid UTF-8" }], source);
  }
  const read = readTableText(text, options.format ?? "yaml", source);
  const document = read.value;
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    const kind = document === null ? "null" : Array.isArray(document) ? "a list" : typeof document;
    throw new PolicyTableError(
      [{ path: [], code: "invalid_type", message: `expected a mapping with version, tiers and policies, got ${kind}` }],
      source,
    );
  }
  try {
    return parsePolicyTable(document, source);
  } catch (error) {
    if (!PolicyTableError.isInstance(error)) throw error;
    throw new PolicyTableError(read.place(error.issues), source);
  }
}

/** The task names declared by a table written in TypeScript. */
export type TasksOf<T extends PolicyTableInput> = T["policies"][number]["task"];

/**
 * Declares a policy table in TypeScript. Validates it exactly like a file (throws
 * {@link PolicyTableError}) and keeps the declared task names in the type, so
 * `router.run("field_extraction", …)` type-checks only for declared tasks.
 */
export function defineTable<const T extends PolicyTableInput>(table: T): PolicyTable<TasksOf<T>> {
  return parsePolicyTable(table) as PolicyTable<TasksOf<T>>;
}
