import type { Extraction } from "../workflow/extract-fields.js";
import { type ContractKind, type ContractSpec, OUR_COMPANY, type WrittenContract } from "./contract-text.js";
import { longDate } from "./number-words.js";
import type { ClauseFacts } from "./playbook-rules.js";
import type { SeededPick } from "./seeded-pick.js";

/** Counterparties of the synthetic contracts (all fictional). */
export const CUSTOMERS = [
  "Northwind Analytics, Inc.",
  "Helix Robotics GmbH",
  "Bluefin Logistics Ltd.",
  "Cedar Health Partners LLC",
  "Orion Retail Group, Inc.",
  "Kestrel Energy Corp.",
  "Marlow & Finch LLP",
  "Quanta Bio Labs, Inc.",
  "Redwood Credit Union",
  "Sable Games Studio Ltd.",
  "Tidewater Shipping Co.",
  "Juniper Schools Trust",
] as const;

const LAWS = ["New York", "Delaware", "New York", "Delaware", "California", "Texas", "England and Wales", "Ontario"];

/** A date in 2025 or 2026 (day ≤ 28, so every month has it). */
export function randomDate(pick: SeededPick): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${pick.between(2025, 2026)}-${pad(pick.between(1, 12))}-${pad(pick.between(1, 28))}`;
}

/** A plausible contract of a kind: the terms vary, some inside the playbook and some outside it. */
export function randomSpec(pick: SeededPick, id: string, kind: ContractKind, variant: number): ContractSpec {
  const none = {
    paymentDays: null,
    terminationDays: null,
    liabilityMonths: null,
    renewal: null,
    governingLaw: null,
    confidentialityYears: null,
    totalAmount: null,
  };
  const base = { id, kind, customer: pick.one(CUSTOMERS), effectiveDate: randomDate(pick), variant, ...none };
  const payment = () => pick.one([30, 30, 45, 45, 60, 75, 90]);
  const termination = () => pick.one([90, 60, 30, 30, 20, 10]);
  const liability = () => pick.one([6, 12, 12, 12, 18, 24, 36]);
  switch (kind) {
    case "msa": {
      const renews = pick.next() < 0.6;
      return {
        ...base,
        paymentDays: payment(),
        terminationDays: termination(),
        liabilityMonths: liability(),
        renewal: {
          renews,
          termMonths: pick.one([12, 24, 36]),
          noticeDays: renews ? pick.one([90, 60, 30, 15, null]) : null,
        },
        governingLaw: pick.one(LAWS),
        totalAmount: pick.between(12, 96) * 10_000,
      };
    }
    case "nda":
      return {
        ...base,
        terminationDays: termination(),
        governingLaw: pick.one(LAWS),
        confidentialityYears: pick.one([1, 2, 3, 5]),
      };
    case "sow":
      return { ...base, paymentDays: payment(), totalAmount: pick.between(5, 80) * 5_000 };
    case "amendment":
      return {
        ...base,
        amendsDate: `${pick.between(2022, 2024)}-0${pick.between(1, 9)}-1${pick.between(0, 9)}`,
        paymentDays: payment(),
        terminationDays: pick.next() < 0.7 ? termination() : null,
        liabilityMonths: pick.next() < 0.6 ? liability() : null,
      };
  }
}

/** The golden extraction of a contract (parties as names: the suite compares names, not roles). */
export function extractionOf(spec: ContractSpec): Omit<Extraction, "evidence" | "parties"> & { parties: string[] } {
  return {
    parties: [spec.customer, OUR_COMPANY],
    effective_date: spec.effectiveDate,
    amends: spec.kind === "amendment" ? `Master Services Agreement dated ${longDate(spec.amendsDate!)}` : null,
    total_amount: spec.totalAmount === null ? null : { value: spec.totalAmount, currency: "USD" },
    payment_terms_days: spec.paymentDays,
    termination_notice_days: spec.terminationDays,
    liability_cap: spec.liabilityMonths === null ? null : { months_of_fees: spec.liabilityMonths, fixed_amount: null },
    auto_renewal:
      spec.renewal === null
        ? null
        : {
            renews: spec.renewal.renews,
            renewal_term_months: spec.renewal.renews ? 12 : null,
            non_renewal_notice_days: spec.renewal.noticeDays,
          },
    governing_law: spec.governingLaw,
    confidentiality_years: spec.confidentialityYears,
  };
}

/** The facts the playbook rules read. */
export function clauseFactsOf(spec: ContractSpec): ClauseFacts {
  return {
    paymentDays: spec.paymentDays,
    terminationDays: spec.terminationDays,
    liabilityMonths: spec.liabilityMonths,
    renews: spec.renewal?.renews ?? null,
    nonRenewalNoticeDays: spec.renewal?.noticeDays ?? null,
    governingLaw: spec.governingLaw,
    confidentialityYears: spec.confidentialityYears,
  };
}

/** Golden evidence: one verbatim quote per stated field (two for parties). */
export function evidenceOf(written: WrittenContract, fields: readonly string[]): { field: string; quote: string }[] {
  return fields.flatMap((field) => (written.quotes[field] ?? []).map((quote) => ({ field, quote })));
}

/** The golden extraction's fields, as `extractionOf` writes them (parties as names). */
export type GoldenFields = ReturnType<typeof extractionOf>;

/** A golden extraction in the workflow's shape (parties with a role, an empty evidence list). */
export function asExtraction(fields: GoldenFields): Extraction {
  return { ...fields, parties: fields.parties.map((name) => ({ name, role: "party" })), evidence: [] };
}
