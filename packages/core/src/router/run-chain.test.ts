import { describe, expect, it } from "vitest";
import { z } from "zod";
import { callContext } from "../__fixtures__/call-context.js";
import { failure } from "../__fixtures__/router-setup.js";
import { RoutingFailedError } from "../errors/routing-failed-error.js";
import { evidenceListSchema } from "../evidence/evidence-check.js";
import { runChain } from "./run-chain.js";

const labelSchema = z.object({ label: z.enum(["msa", "nda"]) });
const fieldsSchema = z.object({ party: z.string(), amount: z.number(), evidence: evidenceListSchema });
const sources = [{ id: "msa", text: "This MSA is made by Acme Corp. The total fee is USD 120,000 per year." }];
const quoted = (quote: string) => ({
  party: "Acme Corp",
  amount: 120000,
  evidence: [
    { field: "party", source_id: "msa", quote },
    { field: "amount", source_id: "msa", quote: "total fee is USD 120,000" },
  ],
});

describe("runChain", () => {
  it("falls back on an error class the policy lists, and reports it", async () => {
    const { adapter, context, chain } = callContext({ patch: { fallback_on: ["rate_limit"] } });
    adapter.script(
      "fast-model",
      failure("rate_limit", { retryAfterMs: 1 }),
      failure("rate_limit", { retryAfterMs: 1 }),
    );
    adapter.script("standard-model", { reply: "from the next tier" });
    const result = await runChain(context, chain);
    expect(result).toMatchObject({
      outcome: "fallback_ok",
      output: "from the next tier",
      modelServed: "standard-model",
    });
    expect(result.fallback).toEqual({ policy: "next_tier", used: true, reason: "rate_limit" });
    expect(result.attempts.map((a) => a.kind)).toEqual(["primary", "retry", "fallback"]);
  });

  it("times attempts on one clock: each starts after the one before it ended", async () => {
    const { adapter, context, chain } = callContext();
    adapter.script("fast-model", failure("rate_limit", { retryAfterMs: 1 }), failure("server_error"));
    adapter.script("standard-model", { reply: "ok" });
    const { attempts, startedAt } = await runChain(context, chain);
    expect(attempts).toHaveLength(3);
    expect(attempts[0]?.startedAt).toBeGreaterThanOrEqual(startedAt);
    for (const [index, attempt] of attempts.entries()) {
      const previous = attempts[index - 1];
      if (previous) expect(previous.startedAt + previous.durationMs).toBeLessThanOrEqual(attempt.startedAt);
    }
  });

  it("fails fast on an error class the policy does not list, with the full record", async () => {
    const { adapter, context, chain } = callContext({ patch: { fallback_on: ["rate_limit"] } });
    adapter.script("fast-model", failure("server_error"), failure("server_error"));
    const error = await runChain(context, chain).catch((e: unknown) => e);
    expect(RoutingFailedError.isInstance(error)).toBe(true);
    expect((error as RoutingFailedError).record).toMatchObject({ outcome: "failed", errorClass: "server_error" });
    expect((error as RoutingFailedError).record.attempts).toHaveLength(2);
    expect(adapter.callsTo("standard-model")).toHaveLength(0);
  });

  it("moves past an open circuit whatever fallback_on lists", async () => {
    const options = {
      patch: { fallback_on: ["auth"], retry: { max_attempts: 1 } },
      breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 },
    };
    const { adapter, context, nextCall, chain } = callContext(options);
    adapter.script("fast-model", failure("server_error"));
    await expect(runChain(context, chain)).rejects.toSatisfy(RoutingFailedError.isInstance);
    adapter.script("standard-model", { reply: "from the next tier" });
    const result = await runChain(nextCall(), chain);
    expect(result).toMatchObject({ outcome: "fallback_ok", output: "from the next tier" });
    expect(result.fallback.reason).toBe("circuit_open");
    expect(result.attempts.map((a) => [a.model, a.outcome])).toEqual([
      ["fast-model", "skipped"],
      ["standard-model", "ok"],
    ]);
  });

  it("sends an answer that fails the schema back with what was wrong, then accepts the repair", async () => {
    const { adapter, context, chain } = callContext({ request: { schema: labelSchema } });
    adapter.script("fast-model", { reply: { label: "lease" } }, { reply: { label: "nda" } });
    const result = await runChain(context, chain);
    expect(result).toMatchObject({ outcome: "ok", output: { label: "nda" } });
    expect(result.attempts.map((a) => a.kind)).toEqual(["primary", "repair"]);
    const repair = adapter.calls[1]?.messages ?? [];
    expect(repair.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    expect(repair[1]?.content).toBe('{"label":"lease"}');
    expect(repair[2]?.content).toMatch(/did not match the required JSON schema \(label: /);
  });

  it("falls back with schema_invalid once the repairs run out", async () => {
    const { adapter, context, chain } = callContext({
      request: { schema: labelSchema },
      patch: { retry: { repair_attempts: 0 } },
    });
    adapter.script("fast-model", { reply: "not json" });
    adapter.script("standard-model", { reply: { label: "msa" } });
    const result = await runChain(context, chain);
    expect(result).toMatchObject({ outcome: "fallback_ok", output: { label: "msa" } });
    expect(result.fallback.reason).toBe("schema_invalid");
  });

  it("asks again for evidence that is not in the sources, naming the fields", async () => {
    const { adapter, context, chain } = callContext({ task: "extraction", request: { schema: fieldsSchema, sources } });
    adapter.script("standard-model", { reply: quoted("signed by Acme Corp") }, { reply: quoted("made by Acme Corp") });
    const result = await runChain(context, chain);
    expect(result).toMatchObject({ outcome: "ok", evidence: { required: true, coverage: 1 } });
    expect(result.attempts.map((a) => a.kind)).toEqual(["primary", "evidence"]);
    expect(adapter.calls[1]?.messages.at(-1)?.content).toMatch(/lack evidence .*: party\./);
  });

  it("falls back for missing evidence only when evidence_missing is listed and a later model exists", async () => {
    const patch = { fallback_on: ["evidence_missing"], retry: { evidence_attempts: 0 } };
    const listed = callContext({ task: "extraction", patch, request: { schema: fieldsSchema, sources } });
    listed.adapter.script("standard-model", { reply: quoted("signed by Acme Corp") });
    listed.adapter.script("strong-model", { reply: quoted("made by Acme Corp") });
    const fellBack = await runChain(listed.context, listed.chain);
    expect(fellBack).toMatchObject({ outcome: "fallback_ok", modelServed: "strong-model" });
    expect(fellBack.fallback.reason).toBe("evidence_missing");

    const unlisted = callContext({
      task: "extraction",
      patch: { retry: { evidence_attempts: 0 } },
      request: { schema: fieldsSchema, sources },
    });
    unlisted.adapter.script("standard-model", { reply: quoted("signed by Acme Corp") });
    const kept = await runChain(unlisted.context, unlisted.chain);
    expect(kept).toMatchObject({ outcome: "review", modelServed: "standard-model", evidence: { coverage: 0.5 } });
    expect(unlisted.adapter.callsTo("strong-model")).toHaveLength(0);
  });

  it("returns the fields that validated at a partial step, flagged", async () => {
    const patch = { fallback_policy: "partial", evidence_required: false, retry: { repair_attempts: 0 } };
    const { adapter, context, chain } = callContext({ task: "extraction", patch, request: { schema: fieldsSchema } });
    adapter.script("standard-model", { reply: { party: "Acme Corp", amount: "n/a", evidence: [] } });
    const result = await runChain(context, chain);
    expect(result).toMatchObject({ outcome: "partial", output: { party: "Acme Corp", evidence: [] } });
    expect(result.fallback).toMatchObject({ used: true, reason: "schema_invalid" });
    expect(result.review.reasons).toContain("partial");
  });

  it("stops at stop with nothing to return", async () => {
    const { adapter, context, chain } = callContext({ task: "risk_judgement" });
    adapter.script("strong-model", failure("server_error"), failure("server_error"), failure("server_error"));
    const error = await runChain(context, chain).catch((e: unknown) => e);
    expect(RoutingFailedError.isInstance(error)).toBe(true);
    expect((error as RoutingFailedError).record).toMatchObject({ outcome: "failed", errorClass: "server_error" });
    expect((error as RoutingFailedError).record.attempts).toHaveLength(3);
  });
});
