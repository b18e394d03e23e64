import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A ledger line with every contract key, as `LedgerSpanExporter` writes it; override what a test varies. */
export function ledgerRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schema: 1,
    time: "2026-11-25T10:00:00.000Z",
    start_time: "2026-11-25T09:59:59.000Z",
    trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
    span_id: "00f067aa0ba902b7",
    service: "invoice-service",
    duration_ms: 100,
    task: "field_extraction",
    policy_id: "extract-fields",
    policy_version: "3",
    policy_digest: "sha256:abc",
    table_version: "2026-11-01",
    model_tier: "fast",
    latency_tier: "fast",
    budget_input_tokens: 8000,
    budget_output_tokens: 1000,
    input_tokens_estimated: 1200,
    evidence_required: false,
    evidence_coverage: null,
    review_required: false,
    review_triggered: false,
    review_reasons: [],
    fallback_policy: "next_tier",
    fallback_used: false,
    fallback_reason: null,
    attempts: 1,
    model_requested: "small-model",
    model_served: "small-model",
    outcome: "ok",
    cost_usd: 0.01,
    input_tokens: 1000,
    output_tokens: 100,
    error_type: null,
    ...overrides,
  };
}

/** A fresh temporary ledger folder holding the given files (`name → records or raw text`). */
export async function writeLedger(files: Record<string, readonly Record<string, unknown>[] | string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "modelpolicy-cli-"));
  const ledger = join(dir, "ledger");
  await mkdir(ledger);
  for (const [name, content] of Object.entries(files)) {
    const text =
      typeof content === "string" ? content : content.map((record) => `${JSON.stringify(record)}\n`).join("");
    await writeFile(join(ledger, name), text);
  }
  return ledger;
}
