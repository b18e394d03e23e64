import { createHash } from "node:crypto";
import { policyModels } from "./policy-models.js";
import type { ModelPolicy, TierBinding } from "./policy-schema.js";

/**
 * A stable content digest of a policy (sha256 over its canonical JSON, keys sorted, defaults
 * applied), 16 hex characters. It covers the models the policy resolves to through `tiers` (see
 * {@link policyModels}) as well as its own fields: a tier rebound from one model to another
 * changes what the route runs as surely as an edit to the policy. Two policies with the same id
 * and version but different digests were changed without a version bump, which
 * `policies diff --fail-on-unversioned` refuses.
 */
export function policyDigest(policy: ModelPolicy, tiers: Readonly<Record<string, TierBinding>>): string {
  const content = { ...policy, models: policyModels(policy, tiers) };
  return createHash("sha256").update(canonicalJson(content)).digest("hex").slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
