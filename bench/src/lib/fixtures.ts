import { defineTable, type TextMessage } from "@modelpolicy/core";
import { z } from "zod";

/** The model every B1 variant asks for (priced in the bundled defaults). */
export const MODEL = "gpt-4o-mini";

/** The routed task of B1 and B4. */
export const TASK = "field_extraction";

/** Structured output of B1: what a contract field-extraction step returns. */
export const extractionSchema = z.object({
  parties: z.array(z.string()).min(1),
  effective_date: z.string(),
  amount: z.number().nonnegative(),
  currency: z.enum(["USD", "EUR", "GBP"]),
  auto_renewal: z.boolean(),
  termination_notice_days: z.number().int().optional(),
  confidence: z.number().min(0).max(1),
});

/** A valid answer to {@link extractionSchema}; the fake server returns it as the message content. */
export const extractionAnswer = {
  parties: ["Acme Corporation", "Beta Logistics LLC"],
  effective_date: "2025-03-01",
  amount: 125000,
  currency: "USD",
  auto_renewal: true,
  termination_notice_days: 60,
  confidence: 0.93,
} satisfies z.input<typeof extractionSchema>;

/** Usage the fake server reports, so cost and token metrics have real numbers to record. */
export const extractionUsage = { promptTokens: 1100, completionTokens: 60 };

const CLAUSE =
  "The Supplier shall deliver the Services described in Schedule 1 in accordance with the Service Levels, " +
  "and the Customer shall pay the Charges within thirty (30) days of receipt of a valid invoice. ";

/** A prompt of exactly `size` characters of contract-like English text. */
export function contractText(size: number): string {
  let text = "";
  while (text.length < size) text += CLAUSE;
  return text.slice(0, size);
}

/** The B1 messages: a short system prompt and a 4 KB user prompt (4096 characters). */
export function extractionMessages(promptChars = 4096): TextMessage[] {
  return [
    { role: "system", content: "Extract the contract fields as JSON matching the schema." },
    { role: "user", content: contractText(promptChars) },
  ];
}

/**
 * The one-policy table of B1 and B4. The fast latency tier admits 64 concurrent calls, so the
 * 32-concurrent throughput run measures the router's overhead and not its bulkhead.
 */
export const benchTable = defineTable({
  version: "bench-1",
  tiers: { fast: { provider: "openai", model: MODEL } },
  latency_tiers: { fast: { max_concurrent: 64, max_queue: 1024, timeout_ms: 30_000 } },
  policies: [
    {
      id: "bench.extract",
      version: "1",
      task: TASK,
      model_tier: "fast",
      max_input_tokens: 16_000,
      max_output_tokens: 400,
      evidence_required: false,
      review_required: false,
      fallback_policy: "stop",
      latency_tier: "fast",
    },
  ],
});
