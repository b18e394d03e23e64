import { checkMessageContent } from "./check-message-content.js";
import { checkRequestTools } from "./check-request-tools.js";
import type { MessagesRequestBody } from "./messages-request-body.js";

/** The API version that dropped sampling parameters and allowed `system` messages (sent by SDK 1.x). */
const API_VERSION_2026_10_21 = "2026-10-21";
const SAMPLING_PARAMETERS = ["temperature", "top_p", "top_k"] as const;

/**
 * Checks a Messages request the way the API does before any model runs, and returns the
 * `invalid_request_error` message, or `undefined` for a valid request. Only the rules an adapter
 * can get wrong are checked: `max_tokens` is required, roles depend on the API version, version
 * 2026-10-21 rejects sampling parameters (even `temperature: 1`), tools and the tool choice must
 * be well formed (see `checkRequestTools`), and so must the messages' content blocks, tool calls
 * and their results (see `checkMessageContent`).
 * A fake that accepted what the API refuses would let those bugs through to production.
 */
export function checkMessagesRequest(body: MessagesRequestBody, apiVersion: string | undefined): string | undefined {
  const recent = apiVersion !== undefined && apiVersion >= API_VERSION_2026_10_21;
  if (typeof body.model !== "string" || body.model === "") return "model: Field required";
  const maxTokens = body.max_tokens;
  if (maxTokens === undefined) return "max_tokens: Field required";
  if (typeof maxTokens !== "number" || !Number.isInteger(maxTokens) || maxTokens < 1) {
    return "max_tokens: Input should be a valid integer greater than or equal to 1";
  }
  if (!Array.isArray(body.messages)) return "messages: Field required";
  if (body.messages.length === 0) return "messages: at least one message is required";
  const roles = recent ? ["user", "assistant", "system"] : ["user", "assistant"];
  for (const [index, message] of body.messages.entries()) {
    if (!roles.includes(message?.role)) {
      return `messages.${index}.role: Input should be ${roles.map((role) => `'${role}'`).join(", ")}`;
    }
  }
  if (recent) {
    for (const parameter of SAMPLING_PARAMETERS) {
      if (parameter in body) return `${parameter}: Extra inputs are not permitted`;
    }
  }
  return checkRequestTools(body) ?? checkMessageContent(body.messages);
}
