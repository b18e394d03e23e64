import type { TaskCall } from "./task-stats.js";

/**
 * The report's "review" cell for one document or invoice: every call that went to a person,
 * with the reasons the policy gave, or "not needed". Shared so both reports word it the same.
 */
export function reviewLine(calls: readonly TaskCall[]): string {
  const reviews = calls.filter((entry) => entry.record.review.triggered);
  return reviews.length === 0
    ? "not needed"
    : reviews.map((entry) => `${entry.task} (${entry.record.review.reasons.join(", ")})`).join("; ");
}
