import type { RiskLevel } from "@modelpolicy/core";
import type { Clause } from "../playbook.js";

/** How far a clause is from the playbook (the bundled playbook.yaml's positions). */
export type Severity = "none" | "minor" | "major";

/** The facts of a contract the rules read (a subset of the extraction, numbers resolved). */
export interface ClauseFacts {
  readonly paymentDays: number | null;
  readonly terminationDays: number | null;
  readonly liabilityMonths: number | null;
  readonly renews: boolean | null;
  readonly nonRenewalNoticeDays: number | null;
  readonly governingLaw: string | null;
  readonly confidentialityYears: number | null;
}

const ACCEPTED_LAW = ["New York", "Delaware"];
const US_STATES = ["California", "Texas", "Illinois", "Washington"];

/**
 * The golden severity of each clause, from the playbook's numbers: within the position is
 * `none`; a small step past it `minor`; far past it, or a foreign law, `major`. `null` when the
 * document does not state the clause (nothing to assess or quote).
 */
export function clauseSeverity(clause: Clause, facts: ClauseFacts): Severity | null {
  switch (clause) {
    case "payment_terms":
      return facts.paymentDays === null
        ? null
        : facts.paymentDays <= 45
          ? "none"
          : facts.paymentDays <= 60
            ? "minor"
            : "major";
    case "termination_notice":
      return facts.terminationDays === null
        ? null
        : facts.terminationDays >= 30
          ? "none"
          : facts.terminationDays >= 15
            ? "minor"
            : "major";
    case "liability_cap":
      return facts.liabilityMonths === null
        ? null
        : facts.liabilityMonths <= 12
          ? "none"
          : facts.liabilityMonths <= 24
            ? "minor"
            : "major";
    case "auto_renewal":
      if (facts.renews === null) return null;
      if (!facts.renews) return "none";
      return facts.nonRenewalNoticeDays !== null && facts.nonRenewalNoticeDays >= 30 ? "none" : "major";
    case "governing_law":
      if (facts.governingLaw === null) return null;
      return ACCEPTED_LAW.includes(facts.governingLaw)
        ? "none"
        : US_STATES.includes(facts.governingLaw)
          ? "minor"
          : "major";
    case "confidentiality_term":
      return facts.confidentialityYears === null ? null : facts.confidentialityYears >= 2 ? "none" : "minor";
  }
}

/** Golden risk from the deviations: two majors critical, one major high, any minor medium, else low. */
export function riskFrom(severities: readonly (Severity | null)[]): RiskLevel {
  const majors = severities.filter((severity) => severity === "major").length;
  if (majors >= 2) return "critical";
  if (majors === 1) return "high";
  return severities.includes("minor") ? "medium" : "low";
}
