/**
 * A support-ticket service that already had an `OpenAI` client and its own OpenTelemetry setup,
 * after adding modelpolicy. Before, `summarise` called `client.chat.completions.create` with a
 * hard-coded model; now the call runs under a declared, versioned policy and shows up as a
 * `route ticket_summary` span in the traces the service already exports.
 */
import { createRouter, defineTable } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { createTelemetryMiddleware } from "@modelpolicy/otel";
import type OpenAI from "openai";

/** Builds the service around the client it already has. */
export function createTicketService(client: OpenAI) {
  // --- modelpolicy: the ten lines this service added ---
  const table = defineTable({
    version: "2026-11-25",
    tiers: { fast: { provider: "openai", model: "gpt-4.1-mini" }, strong: { provider: "openai", model: "gpt-4.1" } },
    policies: [
      {
        id: "tickets.summary",
        version: "1",
        task: "ticket_summary",
        model_tier: "fast",
        max_input_tokens: 8_000,
        max_output_tokens: 300,
        evidence_required: false,
        review_required: false,
        fallback_policy: "next_tier",
        latency_tier: "fast",
      },
    ],
  });
  const router = createRouter(table, { adapters: [openAIAdapter(client)], middleware: [createTelemetryMiddleware()] });
  // --- end ---

  return {
    /** One-paragraph summary of a ticket thread for the agent who picks it up. */
    async summarise(thread: string): Promise<string> {
      const result = await router.run("ticket_summary", {
        messages: [
          { role: "system", content: "Summarise this support ticket in one short paragraph." },
          { role: "user", content: thread },
        ],
      });
      return result.output;
    },
  };
}
