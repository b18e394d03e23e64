import { createHash } from "node:crypto";
import type { ModelPolicy } from "./policy-schema.js";

/**
 * A stable content digest of a policy (sha256 over its canonical JSON, keys sorted, defaults
 * applied), 16 hex characters. Two policies with the same id and version but different digests
 * were edited without a version bump, which `policies diff` flags.
 */
export function policyDigest(policy: ModelPolicy): string {
  return createHash("sha256").update(canonicalJson(policy)).digest("hex").slice(0, 16);
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
