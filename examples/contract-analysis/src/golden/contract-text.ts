import { amount, longDate, spelled } from "./number-words.js";

/** Our side of every contract (the playbook's company). */
export const OUR_COMPANY = "Atlas Cloud Services LLC";

/** The four contract types the generator writes; `unknown` documents come from {@link unknownDocument}. */
export type ContractKind = "msa" | "nda" | "sow" | "amendment";

/** A contract's terms before it is written out; `null` means the document does not state it. */
export interface ContractSpec {
  readonly id: string;
  readonly kind: ContractKind;
  readonly customer: string;
  readonly effectiveDate: string;
  readonly paymentDays: number | null;
  readonly terminationDays: number | null;
  readonly liabilityMonths: number | null;
  readonly renewal: { renews: boolean; termMonths: number; noticeDays: number | null } | null;
  readonly governingLaw: string | null;
  readonly confidentialityYears: number | null;
  readonly totalAmount: number | null;
  /** Amendments: the date of the agreement they amend. */
  readonly amendsDate?: string;
  /** A hard case: an earlier section states this figure, a later one overrides it with the spec's. */
  readonly conflict?: { readonly field: "paymentDays" | "terminationDays"; readonly stated: number };
  /** A title that misleads (hard classification cases). */
  readonly title?: string;
  /** Phrasing variant, so the golden texts are not one template. */
  readonly variant: number;
}

/** A written contract: its text, and a verbatim quote for every field it states. */
export interface WrittenContract {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  /** Field → verbatim quote (parties has two). */
  readonly quotes: Readonly<Record<string, readonly string[]>>;
  /** Conflict cases: the superseded statement, what a careless reader quotes. */
  readonly supersededQuote?: string;
}

const LAW_PHRASES: Readonly<Record<string, string>> = {
  "England and Wales": "the laws of England and Wales",
  Ontario: "the laws of the Province of Ontario",
  Singapore: "the laws of the Republic of Singapore",
};

/** `governed by the laws of the State of New York`, or a country's phrasing. */
function lawPhrase(law: string): string {
  return `governed by ${LAW_PHRASES[law] ?? `the laws of the State of ${law}`}`;
}

/**
 * Writes a contract from its spec. Every sentence that states a field is recorded with a quote
 * copied from it, so the golden evidence is verbatim by construction.
 */
export function writeContract(spec: ContractSpec): WrittenContract {
  const lines: string[] = [];
  const quotes: Record<string, string[]> = {};
  const state = (field: string, sentence: string, quote: string) => {
    if (!sentence.includes(quote)) throw new Error(`quote for ${field} is not in its sentence: ${quote}`);
    quotes[field] = [...(quotes[field] ?? []), quote];
    lines.push(sentence);
  };
  const date = longDate(spec.effectiveDate);
  const title = spec.title ?? defaultTitle(spec);
  lines.push(title, "");
  const name = { msa: "Agreement", nda: "NDA", sow: "Statement of Work", amendment: "Amendment" }[spec.kind];
  const customerClause = `by and between ${spec.customer} ("Customer")`;
  const opening =
    spec.kind === "amendment"
      ? `This Amendment is entered into as of ${date} ${customerClause} and ${OUR_COMPANY} ("Provider") and amends the Master Services Agreement dated ${longDate(spec.amendsDate!)} (the "Agreement").`
      : `This ${name === "Agreement" ? "Master Services Agreement" : name} is entered into as of ${date} ${customerClause} and ${OUR_COMPANY} ("Provider").`;
  lines.push(opening);
  quotes.parties = [`by and between ${spec.customer}`, `and ${OUR_COMPANY}`];
  quotes.effective_date = [`entered into as of ${date}`];
  if (spec.kind === "amendment") {
    quotes.amends = [`amends the Master Services Agreement dated ${longDate(spec.amendsDate!)}`];
  }
  lines.push("");
  let section = 1;
  const heading = (text: string) => `${section++}. ${text}.`;
  lines.push(`${heading("Scope")} ${scopeSentence(spec)}`);

  if (spec.totalAmount !== null) {
    const fee =
      spec.kind === "sow"
        ? `a total fixed fee of USD ${amount(spec.totalAmount)}`
        : `an annual platform fee of USD ${amount(spec.totalAmount)}`;
    state("total_amount", `${heading("Fees")} Customer shall pay ${fee}.`, fee);
  } else if (spec.kind === "nda") {
    lines.push(`${heading("No Fees")} No fees or other consideration are payable under this NDA.`);
  }

  let paymentSection = 0;
  if (spec.paymentDays !== null) {
    const stated = spec.conflict?.field === "paymentDays" ? spec.conflict.stated : spec.paymentDays;
    const phrase = paymentPhrase(stated, spec.variant);
    paymentSection = section;
    const sentence = `${heading("Payment")} ${spec.kind === "amendment" ? "Section 3 of the Agreement is replaced as follows: " : ""}Customer shall pay each undisputed invoice ${phrase}.`;
    if (spec.conflict?.field === "paymentDays") lines.push(sentence);
    else state("payment_terms_days", sentence, phrase);
  }

  if (spec.renewal !== null) {
    const { renews, termMonths, noticeDays } = spec.renewal;
    const term = `continues for an initial term of ${spelled(termMonths)} months`;
    const renewal = renews
      ? noticeDays === null
        ? `${term} and thereafter renews automatically for successive twelve (12) month periods`
        : `${term} and thereafter renews automatically for successive twelve (12) month periods unless either Party gives notice of non-renewal at least ${spelled(noticeDays)} days before the end of the then-current term`
      : `${term} and does not renew automatically`;
    state("auto_renewal", `${heading("Term and Renewal")} This ${name} ${renewal}.`, renewal);
  }

  let terminationSection = 0;
  if (spec.terminationDays !== null) {
    const stated = spec.conflict?.field === "terminationDays" ? spec.conflict.stated : spec.terminationDays;
    const phrase = `upon ${spelled(stated)} days' prior written notice`;
    terminationSection = section;
    const sentence = `${heading("Termination for Convenience")} Either Party may terminate this ${name} for convenience ${phrase} to the other Party.`;
    if (spec.conflict?.field === "terminationDays") lines.push(sentence);
    else state("termination_notice_days", sentence, phrase);
  }

  if (spec.liabilityMonths !== null) {
    const cap = `shall not exceed the total Fees paid or payable in the ${spelled(spec.liabilityMonths)} months immediately preceding the event giving rise to the claim`;
    state(
      "liability_cap",
      `${heading("Limitation of Liability")} Each Party's aggregate liability under this ${name} ${cap}.`,
      cap,
    );
  }

  if (spec.confidentialityYears !== null) {
    const survive = `survive for ${spelled(spec.confidentialityYears)} years after this ${name} ends`;
    state(
      "confidentiality_years",
      `${heading("Confidentiality")} Each Party shall protect the other Party's Confidential Information with reasonable care, and these obligations ${survive}.`,
      survive,
    );
  }

  if (spec.governingLaw !== null) {
    const law = lawPhrase(spec.governingLaw);
    state(
      "governing_law",
      `${heading("Governing Law")} This ${name} is ${law}, without regard to its conflict of laws rules.`,
      law,
    );
  }

  let supersededQuote: string | undefined;
  if (spec.conflict) {
    const { field, stated } = spec.conflict;
    if (field === "paymentDays") {
      supersededQuote = paymentPhrase(stated, spec.variant);
      const phrase = `payable within ${spelled(spec.paymentDays!)} days after receipt`;
      state(
        "payment_terms_days",
        `${heading("Order of Precedence")} Notwithstanding Section ${paymentSection}, all invoices under this ${name} are ${phrase}, and this Section prevails over any other payment term.`,
        phrase,
      );
    } else {
      supersededQuote = `upon ${spelled(stated)} days' prior written notice`;
      const phrase = `on not less than ${spelled(spec.terminationDays!)} days' written notice`;
      state(
        "termination_notice_days",
        `${heading("Precedence")} Notwithstanding Section ${terminationSection}, termination for convenience is effective only ${phrase}.`,
        phrase,
      );
    }
  }
  lines.push(
    `${heading("Entire Agreement")} ${spec.kind === "amendment" ? "All other terms of the Agreement remain in full force and effect." : `This ${name} is the entire agreement of the Parties on its subject.`}`,
  );
  return { id: spec.id, title, text: `${lines.join("\n")}\n`, quotes, ...(supersededQuote ? { supersededQuote } : {}) };
}

function defaultTitle(spec: ContractSpec): string {
  switch (spec.kind) {
    case "msa":
      return "MASTER SERVICES AGREEMENT";
    case "nda":
      return "MUTUAL NON-DISCLOSURE AGREEMENT";
    case "sow":
      return `STATEMENT OF WORK NO. ${(spec.variant % 7) + 1} - ${["DATA PLATFORM MIGRATION", "SECURITY REVIEW", "ANALYTICS ROLLOUT", "NETWORK UPGRADE"][spec.variant % 4]}`;
    case "amendment":
      return `AMENDMENT NO. ${(spec.variant % 3) + 1} TO MASTER SERVICES AGREEMENT`;
  }
}

function scopeSentence(spec: ContractSpec): string {
  switch (spec.kind) {
    case "msa":
      return "Provider shall provide the cloud platform services described in each order placed under this Agreement.";
    case "nda":
      return "The Parties wish to exchange confidential information to evaluate a possible business relationship.";
    case "sow":
      return "This Statement of Work is issued under the Master Services Agreement between the Parties, whose terms apply.";
    case "amendment":
      return "The Parties amend the Agreement as set out below with effect from the date above.";
  }
}

function paymentPhrase(days: number, variant: number): string {
  return variant % 2 === 0
    ? `within ${spelled(days)} days after receipt of the invoice`
    : `within ${spelled(days)} days of the invoice date`;
}

/** Documents that are none of the four types (hard classification and exception cases). */
export const UNKNOWN_DOCUMENTS = [
  {
    title: "PURCHASE ORDER PO-{n}",
    body: "Ship to: {customer}, Receiving Dock 2.\nItem 1: 40 rack-mounted servers at USD 6,200 each.\nDelivery within 30 days. Payment net 30 from delivery.",
  },
  {
    title: "OFFICE LEASE - SUITE {n}",
    body: "Landlord leases to {customer} the premises known as Suite {n} for a term of 60 months.\nMonthly rent is USD 18,500, payable in advance on the first day of each month.",
  },
  {
    title: "OFFER OF EMPLOYMENT",
    body: "Dear candidate,\n{customer} is pleased to offer you the position of Senior Data Engineer, starting on the date above.\nYour annual base salary will be USD 165,000, paid monthly.",
  },
  {
    title: "PRIVACY NOTICE",
    body: "This notice explains how {customer} collects and uses personal data of visitors to its website.\nWe keep analytics data for 24 months. You may ask us to delete your data at any time.",
  },
  {
    title: "MINUTES OF THE BOARD OF DIRECTORS",
    body: "A meeting of the board of {customer} was held on the date above. Present: four directors.\nThe board approved the annual budget and resolved to review cloud vendors, including agreements with Atlas Cloud Services LLC.",
  },
  {
    title: "INVOICE INV-{n}",
    body: "Bill to: {customer}.\nCloud platform services, quarter 3: USD 120,000.\nPayment due within thirty (30) days. Late payments accrue interest of 1% per month.",
  },
] as const;

/** Writes one of {@link UNKNOWN_DOCUMENTS}. */
export function unknownDocument(id: string, index: number, customer: string, effectiveDate: string): WrittenContract {
  const template = UNKNOWN_DOCUMENTS[index % UNKNOWN_DOCUMENTS.length]!;
  const fill = (text: string) => text.replaceAll("{n}", String(100 + index)).replaceAll("{customer}", customer);
  const title = fill(template.title);
  return { id, title, text: `${title}\n\nDate: ${longDate(effectiveDate)}\n\n${fill(template.body)}\n`, quotes: {} };
}
