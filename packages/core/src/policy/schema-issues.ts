import { z } from "zod";
import type { PolicyTableIssue } from "../errors/policy-table-error.js";
import { closestName } from "./closest-name.js";

type RawIssue = z.core.$ZodRawIssue;

/**
 * Messages for a table's author rather than for a programmer: a missing field says it is
 * required (zod says `expected string, received undefined`), a wrong type shows the value that
 * was read (YAML reads `yes` as a string, which is otherwise a puzzle), and a misspelt option
 * gets the closest allowed one. Passed as the `error` option of `safeParse`; anything it does
 * not improve keeps zod's own message.
 */
export function tableErrorMessage(issue: RawIssue): string | undefined {
  if (issue.code === "invalid_type") {
    if (issue.input === undefined) return `required but missing (expected ${issue.expected})`;
    // YAML 1.2 reads yes/no/on/off as strings; YAML 1.1 habits make this the usual wrong boolean.
    const yamlHabit = issue.expected === "boolean" && /^(yes|no|on|off|y|n)$/i.test(String(issue.input));
    return `expected ${issue.expected}, got ${describeValue(issue.input)}${yamlHabit ? "; write true or false" : ""}`;
  }
  if (issue.code === "invalid_value") return expectedOneOf(issue.values.map(String), [], issue.input);
  if (issue.code === "invalid_union") {
    const nested = issue.errors.flat();
    const values = nested.flatMap((inner) => (inner.code === "invalid_value" ? inner.values.map(String) : []));
    const mapping = nested.some((inner) => inner.code === "invalid_type" && inner.expected === "object");
    if (values.length > 0) return expectedOneOf(values, mapping ? ["a mapping"] : [], issue.input);
  }
  return undefined;
}

/**
 * zod's issues as table issues. An unrecognised-keys issue (one per object, listing its keys)
 * becomes one issue per key with the key in its path, so each can point at its own line and
 * suggest the known key it is closest to; `schema` and `input` say which keys are known there.
 */
export function schemaIssues(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  input: unknown,
): PolicyTableIssue[] {
  return issues.flatMap((issue): PolicyTableIssue[] => {
    const path = issue.path.map((part) => (typeof part === "symbol" ? String(part) : part));
    if (issue.code !== "unrecognized_keys") return [{ path, code: issue.code, message: issue.message }];
    const known = knownKeys(schema, path, input);
    return issue.keys.map((key) => {
      const suggestion = closestName(key, known);
      const hint = suggestion
        ? `; did you mean "${suggestion}"?`
        : known.length > 0
          ? ` (known: ${known.join(", ")})`
          : "";
      return { path: [...path, key], code: issue.code, message: `unknown key "${key}"${hint}` };
    });
  });
}

/** The id of each policy an issue points into, read from the input as written. */
export function withPolicyIds(issues: readonly PolicyTableIssue[], input: unknown): PolicyTableIssue[] {
  const policies = (input as { policies?: unknown } | null)?.policies;
  return issues.map((issue) => {
    const [head, index] = issue.path;
    if (head !== "policies" || typeof index !== "number" || !Array.isArray(policies)) return issue;
    const id = (policies[index] as { id?: unknown } | null)?.id;
    const named = (typeof id === "string" && id !== "") || typeof id === "number";
    return named ? { ...issue, policyId: String(id) } : issue;
  });
}

function expectedOneOf(values: readonly string[], others: readonly string[], input: unknown): string {
  const suggestion = typeof input === "string" ? closestName(input, values) : undefined;
  const hint = suggestion ? `; did you mean "${suggestion}"?` : "";
  return `expected one of ${[...values, ...others].join(", ")}, got ${describeValue(input)}${hint}`;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string")
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** The keys an object schema allows at `path`, walking the schema beside the input. */
function knownKeys(schema: z.ZodType, path: readonly (string | number)[], input: unknown): string[] {
  let current: z.ZodType | undefined = schema;
  let value = input;
  for (const part of path) {
    current = unwrap(current);
    value = (value as Record<string | number, unknown> | null | undefined)?.[part];
    if (current instanceof z.ZodObject) current = current.shape[String(part)] as z.ZodType | undefined;
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else return [];
  }
  current = unwrap(current);
  if (current instanceof z.ZodObject) return Object.keys(current.shape);
  if (!(current instanceof z.ZodUnion)) return [];
  // A union of mappings (a fallback step): the option that shares the most keys with the input.
  const written = Object.keys(value ?? {});
  const shapes = (current.options as z.ZodType[])
    .map(unwrap)
    .filter((option): option is z.ZodObject => option instanceof z.ZodObject)
    .map((option) => Object.keys(option.shape));
  const overlap = (keys: string[]) => keys.filter((key) => written.includes(key)).length;
  return shapes.sort((a, b) => overlap(b) - overlap(a))[0] ?? [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPipe) {
    current = (current instanceof z.ZodPipe ? current.in : current.unwrap()) as z.ZodType;
  }
  return current;
}
