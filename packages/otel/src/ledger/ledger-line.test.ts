import { describe, expect, it } from "vitest";
import { ROUTED_ATTRIBUTES, routedSpan } from "./__fixtures__/routed-span.js";
import { ledgerLineFromSpan } from "./ledger-line.js";
import { ledgerRecordFromSpan } from "./ledger-record.js";

const SPANS = {
  typical: routedSpan(),
  "a bare task": routedSpan({ attributes: { "model_policy.task": "t" } }),
  "strings that need escaping": routedSpan({
    attributes: {
      ...ROUTED_ATTRIBUTES,
      "model_policy.task": 'say "hi"\\ \n\t done',
      "model_policy.id": "émoji 🚀 policy",
      "model_policy.version": "lone \ud800 half",
      "error.type": "\u0001control",
    },
  }),
  "values of the wrong type": routedSpan({
    attributes: {
      "model_policy.task": "t",
      "model_policy.cost.usd": Number.NaN,
      "model_policy.attempts": Number.POSITIVE_INFINITY,
      "model_policy.budget.input_tokens": 12.9,
      "model_policy.fallback.used": "true",
      "model_policy.review.reasons": ["risk", 3, null, "fallback_used"],
      "model_policy.outcome": 7,
    },
  }),
  "a time before 1970": routedSpan({ endMs: -1500.5 }),
  "a whole second": routedSpan({ endMs: Date.UTC(2026, 0, 1), durationMs: 1000 }),
  "single-digit milliseconds": routedSpan({ endMs: Date.UTC(2026, 0, 1, 0, 0, 0, 7), durationMs: 0.5 }),
};

describe("ledgerLineFromSpan", () => {
  it.each(Object.entries(SPANS))("writes exactly JSON.stringify(ledgerRecordFromSpan(span)) for %s", (_, span) => {
    const line = ledgerLineFromSpan(span);
    expect(line.text.endsWith("\n")).toBe(true);
    expect(line.text.slice(0, -1)).toBe(JSON.stringify(ledgerRecordFromSpan(span)));
    expect(line.time).toBe(ledgerRecordFromSpan(span).time);
  });

  it("keeps times right across seconds, whatever order spans arrive in", () => {
    const ends = [999, 1000, 1001, 59_999, 1000, 86_400_000, 5].map((ms) => Date.UTC(2026, 10, 25) + ms);
    for (const endMs of ends) {
      const span = routedSpan({ endMs, durationMs: 1.5 });
      expect(ledgerLineFromSpan(span).time).toBe(new Date(endMs).toISOString());
      expect(JSON.parse(ledgerLineFromSpan(span).text).start_time).toBe(
        new Date(Math.floor(endMs - 1.5)).toISOString(),
      );
    }
  });
});
