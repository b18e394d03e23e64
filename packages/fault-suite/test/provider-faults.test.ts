import {
  BudgetExceededError,
  DEFAULT_FALLBACK_ON,
  DeadlineExceededError,
  type ErrorClass,
  RoutingFailedError,
  TRANSIENT_ERROR_CLASSES,
} from "@modelpolicy/core";
import { type FakeReply, reply, waitUntil } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { canaryMessages } from "../src/canary.js";
import { expectConsistent, recordOf } from "../src/consistency.js";
import { measure } from "../src/figures.js";
import { FaultStack } from "../src/stack.js";
import { MODELS, suiteTable } from "../src/tables.js";

let stack: FaultStack;
let refusedStack: FaultStack;

beforeAll(async () => {
  stack = await FaultStack.start();
  // The same policies with the first tier bound to a client whose base URL is a closed port.
  refusedStack = await FaultStack.start({ table: suiteTable({ fastProvider: "dead" }) });
});
afterAll(async () => {
  expect(await stack.close()).toEqual([]);
  expect(await refusedStack.close()).toEqual([]);
});
beforeEach(() => {
  stack.server.reset();
  refusedStack.server.reset();
});

/** The fast model always answers `fault`; every other model answers normally. */
function primaryAlways(target: FaultStack, fault: FakeReply): void {
  target.server.setDefault((request) => (request.model === MODELS.fast ? fault : reply.ok("fallback answer")));
}

describe("[case 1] 429 with Retry-After, then success", () => {
  it("[case 1] waits what the provider asked, within the deadline, in exactly two requests", async () => {
    stack.server.script(MODELS.fast, [reply.rateLimited(1), reply.ok("fine")]);
    const settled = await stack.call("retry_then_next", { messages: canaryMessages() });
    expect(settled.ok).toBe(true);
    const { record } = await expectConsistent(stack, settled);
    expect(record.outcome).toBe("ok");
    expect(record.attempts.map((attempt) => [attempt.kind, attempt.delayBeforeMs])).toEqual([
      ["primary", 0],
      ["retry", 1000],
    ]);
    const [first, second] = stack.server.requestsFor(MODELS.fast);
    expect(stack.server.requestCount).toBe(2);
    // The wait Retry-After asked for, as the server saw it: reported, never asserted.
    measure("retryAfterGapMs", second!.time - first!.time);
  });

  it("[case 1] SDK retries (client maxRetries 5) never add to the policy's attempts", async () => {
    stack.server.setDefault(reply.error(429, "rate_limit_exceeded", { retryAfterMs: 5 }));
    const settled = await stack.call("retry_then_next", { messages: canaryMessages() });
    const policy = stack.router.policyFor("retry_then_next");
    expect(RoutingFailedError.isInstance(settled.error)).toBe(true);
    const { record } = await expectConsistent(stack, settled);
    expect(record.errorClass).toBe("rate_limit");
    // fast, then its next_tier fallback, each with exactly the policy's attempts and not one more.
    for (const model of [MODELS.fast, MODELS.standard]) {
      expect(stack.server.requestsFor(model)).toHaveLength(policy.retry.max_attempts);
    }
    expect(stack.server.requestCount).toBe(2 * policy.retry.max_attempts);
    expect(record.attempts).toHaveLength(2 * policy.retry.max_attempts);
  });
});

describe("[case 2] primary always failing, fallback healthy", () => {
  const faults: [string, FakeReply, ErrorClass][] = [
    ["429", reply.error(429, "rate_limit_exceeded", { retryAfterMs: 5 }), "rate_limit"],
    ["503", reply.serverError(503), "server_error"],
  ];
  it.each(faults)(
    "[case 2] primary %s: the answer comes from the fallback and the span shows the chain",
    async (_label, fault, errorClass) => {
      primaryAlways(stack, fault);
      const settled = await stack.call("retry_then_next", { messages: canaryMessages() });
      expect(settled.ok).toBe(true);
      const { record, routed, attempts, ledger } = await expectConsistent(stack, settled);
      expect(record).toMatchObject({
        outcome: "fallback_ok",
        modelRequested: MODELS.fast,
        modelServed: MODELS.standard,
        fallback: { used: true, reason: errorClass },
      });
      expect(settled.result?.output).toBe("fallback answer");
      expect(record.attempts.map((attempt) => [attempt.kind, attempt.model])).toEqual([
        ["primary", MODELS.fast],
        ["retry", MODELS.fast],
        ["retry", MODELS.fast],
        ["fallback", MODELS.standard],
      ]);
      expect(routed.attributes).toMatchObject({
        "model_policy.fallback.used": true,
        "model_policy.fallback.reason": errorClass,
        "model_policy.model.served": MODELS.standard,
        "model_policy.attempts": 4,
      });
      expect(attempts.at(-1)?.attributes["gen_ai.response.model"]).toBe(MODELS.standard);
      expect(ledger).toMatchObject({
        outcome: "fallback_ok",
        fallback_reason: errorClass,
        model_served: MODELS.standard,
      });
    },
  );
});

describe("[case 3] every status class, reset and refused, as the policy table says", () => {
  const faults: { label: string; fault?: FakeReply; errorClass: ErrorClass; status?: number }[] = [
    { label: "400", fault: reply.error(400, "invalid_value"), errorClass: "bad_request", status: 400 },
    { label: "401", fault: reply.error(401, "invalid_api_key"), errorClass: "auth", status: 401 },
    { label: "403", fault: reply.error(403, "unsupported_country_region_territory"), errorClass: "auth", status: 403 },
    { label: "404", fault: reply.error(404, "model_not_found"), errorClass: "not_found", status: 404 },
    { label: "408", fault: reply.error(408), errorClass: "timeout", status: 408 },
    { label: "409", fault: reply.error(409), errorClass: "conflict", status: 409 },
    { label: "422", fault: reply.error(422), errorClass: "bad_request", status: 422 },
    { label: "429", fault: reply.error(429, "rate_limit_exceeded"), errorClass: "rate_limit", status: 429 },
    { label: "500", fault: reply.serverError(500), errorClass: "server_error", status: 500 },
    { label: "502", fault: reply.serverError(502), errorClass: "server_error", status: 502 },
    { label: "503", fault: reply.serverError(503), errorClass: "server_error", status: 503 },
    { label: "504", fault: reply.serverError(504), errorClass: "server_error", status: 504 },
    { label: "reset", fault: reply.reset(), errorClass: "connection" },
    { label: "refused", errorClass: "connection" },
  ];
  const tasks = ["retry_then_next", "fail_fast", "only_rate_limit"] as const;
  const rows = tasks.flatMap((task) => faults.map((fault) => ({ task, ...fault })));

  it.each(rows)("[case 3] $task × $label", async ({ task, label, fault, errorClass, status }) => {
    const target = label === "refused" ? refusedStack : stack;
    if (fault) primaryAlways(target, fault);
    else target.server.setDefault(reply.ok("fallback answer"));

    // The expectation comes from the policy table, not from the test.
    const policy = target.router.policyFor(task);
    const attemptsOnPrimary = TRANSIENT_ERROR_CLASSES.has(errorClass) ? policy.retry.max_attempts : 1;
    const fallsBack =
      policy.fallback_policy === "next_tier" && (policy.fallback_on ?? DEFAULT_FALLBACK_ON).includes(errorClass);

    const settled = await target.call(task, { messages: canaryMessages() });
    const { record } = await expectConsistent(target, settled);
    const primary = record.attempts.filter((attempt) => attempt.model === MODELS.fast);
    expect(primary).toHaveLength(attemptsOnPrimary);
    for (const attempt of primary) expect(attempt).toMatchObject({ outcome: "error", errorClass, status });
    expect(target.server.requestsFor(MODELS.fast)).toHaveLength(fault ? attemptsOnPrimary : 0);
    if (fallsBack) {
      expect(settled.ok).toBe(true);
      expect(record).toMatchObject({
        outcome: "fallback_ok",
        modelServed: MODELS.standard,
        fallback: { used: true, reason: errorClass },
      });
      expect(target.server.requestsFor(MODELS.standard)).toHaveLength(1);
    } else {
      expect(RoutingFailedError.isInstance(settled.error)).toBe(true);
      expect(record).toMatchObject({ outcome: "failed", errorClass });
      expect(target.server.requestsFor(MODELS.standard)).toHaveLength(0);
    }
  });
});

describe("[case 4] a hanging server", () => {
  it("[case 4] settles by the deadline plus a margin, aborts the socket, and reports a timeout", async () => {
    stack.server.setDefault(reply.hang());
    const settled = await stack.call("deadline", { messages: canaryMessages() });
    measure("hangingServerSettledMs", settled.ms);
    expect(DeadlineExceededError.isInstance(settled.error)).toBe(true);
    const { record, routed, attempts } = await expectConsistent(stack, settled);
    expect(record).toMatchObject({ outcome: "failed", errorClass: "timeout" });
    expect(routed.attributes["error.type"]).toBe("timeout");
    expect(attempts.map((span) => span.attributes["error.type"])).toEqual(["timeout"]);
    // The client really hung up: the fake saw the socket close before it answered.
    expect(stack.server.requestCount).toBe(1);
    await waitUntil(() => (stack.server.requests[0]?.closedByClient ? true : undefined), { timeoutMs: 2_000 });
  });
});

describe("[case 5] 200 with a body that is not a chat completion", () => {
  it.each([
    ["malformed JSON", reply.malformed()],
    ["an HTML page", reply.html()],
  ])("[case 5] %s is a typed server_error, retried per policy, no crash", async (_label, fault) => {
    primaryAlways(stack, fault);
    const settled = await stack.call("broken_body", { messages: canaryMessages() });
    expect(RoutingFailedError.isInstance(settled.error)).toBe(true);
    const { record } = await expectConsistent(stack, settled);
    expect(record).toMatchObject({ outcome: "failed", errorClass: "server_error" });
    expect(record.attempts).toHaveLength(stack.router.policyFor("broken_body").retry.max_attempts);
    expect(stack.server.requestCount).toBe(record.attempts.length);
  });
});

describe("[case 6] output that fails the schema", () => {
  const schema = z.object({ label: z.enum(["nda", "msa"]), parties: z.array(z.string()) });

  it("[case 6] gets at most repair_attempts re-asks, then fails with schema_invalid", async () => {
    stack.server.setDefault(reply.ok({ label: "poem", parties: [] }));
    const settled = await stack.call("schema_stop", { messages: canaryMessages(), schema });
    expect(RoutingFailedError.isInstance(settled.error)).toBe(true);
    const { record } = await expectConsistent(stack, settled);
    const policy = stack.router.policyFor("schema_stop");
    expect(record.errorClass).toBe("schema_invalid");
    expect(record.attempts.map((attempt) => attempt.kind)).toEqual([
      "primary",
      ...Array(policy.retry.repair_attempts).fill("repair"),
    ]);
    expect(stack.server.requestCount).toBe(1 + policy.retry.repair_attempts);
    // Each repair re-ask carries the bad answer and the validation problem.
    const repair = stack.server.requests[1]!.body!.messages!;
    expect(repair.at(-2)).toMatchObject({ role: "assistant" });
    expect(String(repair.at(-1)?.content)).toContain("label");
  });

  it("[case 6] with a partial step returns what validated, flagged for review", async () => {
    stack.server.setDefault(reply.ok({ label: "nda", parties: "not a list" }));
    const settled = await stack.call("schema_partial", { messages: canaryMessages(), schema });
    expect(settled.ok).toBe(true);
    const { record, routed } = await expectConsistent(stack, settled);
    expect(settled.result?.output).toEqual({ label: "nda" });
    expect(record).toMatchObject({ outcome: "partial", review: { triggered: true, reasons: ["partial"] } });
    expect(record.attempts).toHaveLength(2);
    expect(routed.attributes["model_policy.review.reasons"]).toEqual(["partial"]);
  });
});

describe("[case 7] input too large", () => {
  it("[case 7] over-budget input is rejected with zero network requests", async () => {
    const settled = await stack.call("small_budget", { messages: canaryMessages("word ".repeat(400)) });
    expect(BudgetExceededError.isInstance(settled.error)).toBe(true);
    const { record, routed, attempts, ledger } = await expectConsistent(stack, settled);
    expect(stack.server.requestCount).toBe(0);
    expect(record).toMatchObject({ outcome: "rejected", errorClass: "budget_exceeded", attempts: [] });
    expect(routed.attributes["error.type"]).toBe("budget_exceeded");
    expect(attempts).toHaveLength(0);
    expect(ledger).toMatchObject({ outcome: "rejected", attempts: 0, error_type: "budget_exceeded" });
  });

  it("[case 7] a provider context-length error is not retried on the same model; the fallback takes it", async () => {
    primaryAlways(stack, reply.contextLengthExceeded());
    const settled = await stack.call("context_length", { messages: canaryMessages() });
    expect(settled.ok).toBe(true);
    const { record } = await expectConsistent(stack, settled);
    expect(stack.server.requestsFor(MODELS.fast)).toHaveLength(1);
    expect(record).toMatchObject({
      outcome: "fallback_ok",
      modelServed: MODELS.standard,
      fallback: { used: true, reason: "context_length" },
    });
  });
});

describe("[case 8] content filter", () => {
  const filtered = reply.ok("", { finishReason: "content_filter" });

  it("[case 8] is never retried blindly, and fails when the policy does not fall back on it", async () => {
    primaryAlways(stack, filtered);
    const settled = await stack.call("filter_default", { messages: canaryMessages() });
    expect(RoutingFailedError.isInstance(settled.error)).toBe(true);
    const { record } = await expectConsistent(stack, settled);
    expect(record.errorClass).toBe("content_filter");
    expect(stack.server.requestsFor(MODELS.fast)).toHaveLength(1);
    expect(stack.server.requestsFor(MODELS.standard)).toHaveLength(0);
  });

  it("[case 8] falls back when the policy allows it, and the answer goes to review", async () => {
    primaryAlways(stack, filtered);
    const settled = await stack.call("filter_fallback", { messages: canaryMessages() });
    expect(settled.ok).toBe(true);
    const { record, routed, ledger } = await expectConsistent(stack, settled);
    expect(stack.server.requestsFor(MODELS.fast)).toHaveLength(1);
    expect(record).toMatchObject({
      outcome: "review",
      modelServed: MODELS.standard,
      fallback: { used: true, reason: "content_filter" },
      review: { triggered: true, reasons: ["fallback_used"] },
    });
    expect(routed.attributes["model_policy.review.triggered"]).toBe(true);
    expect(ledger.review_triggered).toBe(true);
  });
});

describe("[case 9] circuit breaker", () => {
  it("[case 9] opens after consecutive failures, skips the model, and closes after its cooldown", async () => {
    const breakerStack = await FaultStack.start({ breaker: { consecutiveFailures: 3, halfOpenAfterMs: 400 } });
    try {
      let primaryDown = true;
      breakerStack.server.setDefault((request) =>
        request.model === MODELS.fast && primaryDown
          ? reply.serverError(503)
          : reply.ok(`answer from ${request.model}`),
      );
      const run = () => breakerStack.call("breaker", { messages: canaryMessages() });

      for (let index = 0; index < 3; index += 1) {
        const settled = await run();
        expect(recordOf(settled)).toMatchObject({ outcome: "fallback_ok", fallback: { reason: "server_error" } });
      }
      expect(breakerStack.server.requestsFor(MODELS.fast)).toHaveLength(3);

      const open = await run();
      const opened = await expectConsistent(breakerStack, open);
      expect(opened.record.attempts[0]).toMatchObject({ outcome: "skipped", errorClass: "circuit_open" });
      expect(opened.record).toMatchObject({ outcome: "fallback_ok", fallback: { reason: "circuit_open" } });
      expect(opened.routed.attributes["model_policy.attempts"]).toBe(1);
      expect(breakerStack.server.requestsFor(MODELS.fast)).toHaveLength(3);

      primaryDown = false;
      await new Promise((resolve) => setTimeout(resolve, 450));
      for (let index = 0; index < 2; index += 1) {
        const closed = await run();
        const { record } = await expectConsistent(breakerStack, closed);
        expect(record).toMatchObject({ outcome: "ok", modelServed: MODELS.fast });
      }
      expect(breakerStack.server.requestsFor(MODELS.fast)).toHaveLength(5);
    } finally {
      expect(await breakerStack.close()).toEqual([]);
    }
  });
});
