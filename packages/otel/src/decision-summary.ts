import type { RouteRecord } from "@modelpolicy/core";

/**
 * `model_policy.decision`: what the router did, in one line a trace list or a log can show
 * without opening the span. The models the call tried in order (retries and repairs of one model
 * shown once, models skipped by an open circuit or a used-up rate limit included, since the
 * chain walked past them),
 * joined by `→`; then the error class that first moved the call on; then `; partial`,
 * `; review`, or `; failed {error class}` as the call ended. A call refused before any attempt
 * reads `rejected budget_exceeded`. The format is the registry's note on the attribute.
 */
export function decisionSummary(record: RouteRecord): string {
  const models: string[] = [];
  for (const attempt of record.attempts) {
    if (models[models.length - 1] !== attempt.model) models.push(attempt.model);
  }
  const failed = record.outcome === "failed" || record.outcome === "rejected";
  const ending = `${record.outcome} ${record.errorClass ?? "unknown"}`;
  if (models.length === 0) return failed ? ending : record.outcome;
  let summary = models.join("→");
  if (record.fallback.reason !== undefined) summary += ` ${record.fallback.reason}`;
  if (record.outcome === "partial") summary += "; partial";
  if (record.review.triggered) summary += "; review";
  if (failed) summary += `; ${ending}`;
  return summary;
}
