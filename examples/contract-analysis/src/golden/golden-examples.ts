import type { FieldEvidence, GoldenExample } from "@modelpolicy/core";
import type { Clause, Playbook } from "../playbook.js";
import { decideExceptions } from "../workflow/decide-exceptions.js";
import {
  asExtraction,
  CUSTOMERS,
  clauseFactsOf,
  evidenceOf,
  extractionOf,
  randomDate,
  randomSpec,
} from "./contract-specs.js";
import {
  type ContractKind,
  type ContractSpec,
  unknownDocument,
  type WrittenContract,
  writeContract,
} from "./contract-text.js";
import { clauseSeverity, riskFrom, type Severity } from "./playbook-rules.js";
import { SeededPick } from "./seeded-pick.js";

/** The six routes of the workflow, in the order the golden sets are written. */
export const CONTRACT_ROUTES = [
  "document_classification",
  "field_extraction",
  "clause_matching",
  "risk_judgement",
  "reviewer_summary",
  "exception_handling",
] as const;

/** Examples per route: 24 ordinary, 12 hard. */
const ORDINARY = 24;
const HARD = 12;
const KINDS: readonly ContractKind[] = ["msa", "nda", "sow", "amendment"];

/** Which extraction field holds the facts of each playbook clause (and its evidence quote). */
export const CLAUSE_FIELDS: Readonly<Record<Clause, string>> = {
  liability_cap: "liability_cap",
  termination_notice: "termination_notice_days",
  auto_renewal: "auto_renewal",
  governing_law: "governing_law",
  payment_terms: "payment_terms_days",
  confidentiality_term: "confidentiality_years",
};

const CLAUSE_LABELS: Readonly<Record<Clause, string>> = {
  liability_cap: "liability cap",
  termination_notice: "termination notice",
  auto_renewal: "automatic renewal",
  governing_law: "governing law",
  payment_terms: "payment terms",
  confidentiality_term: "confidentiality term",
};

type Tags = Record<string, string>;

function example(
  id: string,
  task: string,
  input: Record<string, unknown>,
  sources: WrittenContract[],
  expected: Record<string, unknown>,
  tags: Tags,
): GoldenExample {
  return {
    id,
    task,
    input,
    sources: sources.map(({ id: sourceId, text }) => ({ id: sourceId, text })),
    expected,
    tags,
  };
}

const documentInput = (written: WrittenContract) => ({ document_id: written.id, title: written.title });
const hard = (kind: string, difficultyCase: string): Tags => ({
  document_type: kind,
  difficulty: "hard",
  case: difficultyCase,
});
const ordinary = (kind: string): Tags => ({ document_type: kind, difficulty: "ordinary" });

/**
 * Every golden example of the contract-analysis routes, deterministic for a seed. Texts are
 * written from specs (see `writeContract`), so golden values and verbatim quotes come from the
 * same numbers. Hard cases: conflicting clauses (a later section overrides an earlier one),
 * missing fields, unknown document types, misleading titles, borderline playbook values and
 * amendments that worsen terms. `expected.trap` is the plausible wrong answer (what a careless
 * reading gives); only the offline simulator reads it, the metrics never do.
 */
export function contractGoldenSets(playbook: Playbook, seed = 20261125): Record<string, GoldenExample[]> {
  return {
    document_classification: classificationExamples(new SeededPick(seed + 1)),
    field_extraction: extractionExamples(new SeededPick(seed + 2)),
    clause_matching: clauseExamples(new SeededPick(seed + 3), playbook),
    risk_judgement: riskExamples(new SeededPick(seed + 4), playbook),
    reviewer_summary: summaryExamples(new SeededPick(seed + 5), playbook),
    exception_handling: exceptionExamples(new SeededPick(seed + 6)),
  };
}

function classificationExamples(pick: SeededPick): GoldenExample[] {
  const task = "document_classification";
  const examples: GoldenExample[] = [];
  for (let index = 0; index < ORDINARY; index += 1) {
    const kind = KINDS[index % KINDS.length]!;
    const written = writeContract(randomSpec(pick, `classify-${pad(examples.length + 1)}`, kind, index));
    examples.push(example(written.id, task, documentInput(written), [written], { label: kind }, ordinary(kind)));
  }
  const traps: readonly ContractKind[] = ["msa", "sow", "nda", "sow", "msa", "amendment"];
  for (let index = 0; index < 6; index += 1) {
    const id = `classify-${pad(examples.length + 1)}`;
    const written = unknownDocument(id, index, pick.one(CUSTOMERS), randomDate(pick));
    examples.push(
      example(
        id,
        task,
        documentInput(written),
        [written],
        { label: "unknown", trap: { label: traps[index], confidence: 0.55 } },
        hard("unknown", "unknown_type"),
      ),
    );
  }
  const misleading: readonly [ContractKind, string, ContractKind][] = [
    ["amendment", "MASTER SERVICES AGREEMENT - RESTATED PAYMENT TERMS", "msa"],
    ["amendment", "MASTER SERVICES AGREEMENT (AS AMENDED)", "msa"],
    ["sow", "ORDER FORM NO. 12", "msa"],
    ["sow", "ORDER FORM NO. 31", "msa"],
    ["nda", "CONFIDENTIALITY AND EVALUATION AGREEMENT", "msa"],
    ["msa", "CLOUD SERVICES AND CONFIDENTIALITY TERMS", "nda"],
  ];
  for (const [kind, title, trap] of misleading) {
    const id = `classify-${pad(examples.length + 1)}`;
    const written = writeContract({ ...randomSpec(pick, id, kind, examples.length), title });
    examples.push(
      example(
        id,
        task,
        documentInput(written),
        [written],
        { label: kind, trap: { label: trap, confidence: 0.55 } },
        hard(kind, "misleading_title"),
      ),
    );
  }
  return examples;
}

function extractionExamples(pick: SeededPick): GoldenExample[] {
  const task = "field_extraction";
  const examples: GoldenExample[] = [];
  const add = (spec: ContractSpec, tags: Tags, trap?: (written: WrittenContract) => Record<string, unknown>) => {
    const written = writeContract(spec);
    const fields = extractionOf(spec);
    const evidence = evidenceOf(
      written,
      Object.keys(fields).filter((field) => fields[field as keyof typeof fields] !== null),
    );
    examples.push(
      example(
        spec.id,
        task,
        { ...documentInput(written), type: spec.kind },
        [written],
        { fields, evidence, ...(trap ? { trap: trap(written) } : {}) },
        tags,
      ),
    );
  };
  for (let index = 0; index < ORDINARY; index += 1) {
    const kind = KINDS[index % KINDS.length]!;
    add(randomSpec(pick, `extract-${pad(examples.length + 1)}`, kind, index), ordinary(kind));
  }
  for (let index = 0; index < 6; index += 1) {
    const field = index % 2 === 0 ? "paymentDays" : "terminationDays";
    const spec = randomSpec(pick, `extract-${pad(examples.length + 1)}`, "msa", index);
    const stated = field === "paymentDays" ? 30 : 60;
    const actual = field === "paymentDays" ? pick.one([60, 75, 90]) : pick.one([10, 15, 20]);
    const conflicted: ContractSpec = { ...spec, [field]: actual, conflict: { field, stated } };
    const key = field === "paymentDays" ? "payment_terms_days" : "termination_notice_days";
    add(conflicted, hard("msa", "conflicting_clauses"), (written) => ({
      fields: { [key]: stated },
      evidence: [{ field: key, quote: written.supersededQuote }],
    }));
  }
  for (let index = 0; index < 6; index += 1) {
    const spec = randomSpec(pick, `extract-${pad(examples.length + 1)}`, index % 3 === 2 ? "nda" : "msa", index);
    const missing = index % 2 === 0 ? "governingLaw" : spec.kind === "nda" ? "confidentialityYears" : "liabilityMonths";
    const stripped: ContractSpec = { ...spec, [missing]: null };
    const hallucinated: Record<string, [string, unknown, string]> = {
      governingLaw: ["governing_law", "New York", "governed by the laws of the State of New York"],
      liabilityMonths: [
        "liability_cap",
        { months_of_fees: 12, fixed_amount: null },
        "liability is capped at twelve months of fees",
      ],
      confidentialityYears: ["confidentiality_years", 3, "confidential for three years"],
    };
    const [key, value, quote] = hallucinated[missing]!;
    add(stripped, hard(spec.kind, "missing_fields"), () => ({
      fields: { [key]: value },
      evidence: [{ field: key, quote }],
    }));
  }
  return examples;
}

/** Golden clause findings of a contract: `{deviation, severity}` per applicable clause. */
function clauseFindings(
  spec: ContractSpec,
  playbook: Playbook,
): Record<string, { deviation: boolean; severity: Severity } | null> {
  const facts = clauseFactsOf(spec);
  return Object.fromEntries(
    playbook.applies_to[spec.kind].map((clause) => {
      const severity = clauseSeverity(clause, facts);
      return [clause, severity === null ? null : { deviation: severity !== "none", severity }];
    }),
  );
}

function clauseEvidence(
  written: WrittenContract,
  findings: Record<string, unknown>,
): { field: string; quote: string }[] {
  return Object.entries(findings).flatMap(([clause, finding]) => {
    const quote = finding === null ? undefined : written.quotes[CLAUSE_FIELDS[clause as Clause]]?.[0];
    return quote ? [{ field: clause, quote }] : [];
  });
}

function clauseExamples(pick: SeededPick, playbook: Playbook): GoldenExample[] {
  const task = "clause_matching";
  const examples: GoldenExample[] = [];
  const add = (spec: ContractSpec, tags: Tags, trap?: Record<string, unknown>) => {
    const written = writeContract(spec);
    const fields = clauseFindings(spec, playbook);
    examples.push(
      example(
        spec.id,
        task,
        { ...documentInput(written), type: spec.kind },
        [written],
        { fields, evidence: clauseEvidence(written, fields), ...(trap ? { trap } : {}) },
        tags,
      ),
    );
  };
  for (let index = 0; index < ORDINARY; index += 1) {
    const kind = KINDS[index % KINDS.length]!;
    add(randomSpec(pick, `clauses-${pad(examples.length + 1)}`, kind, index), ordinary(kind));
  }
  for (let index = 0; index < 6; index += 1) {
    const spec = randomSpec(pick, `clauses-${pad(examples.length + 1)}`, "msa", index);
    const conflicted: ContractSpec = {
      ...spec,
      paymentDays: pick.one([75, 90, 120]),
      conflict: { field: "paymentDays", stated: 30 },
    };
    add(conflicted, hard("msa", "conflicting_clauses"), {
      fields: { payment_terms: { deviation: false, severity: "none" } },
    });
  }
  const borderline: readonly [Partial<ContractSpec>, string, { deviation: boolean; severity: Severity }][] = [
    [{ paymentDays: 45 }, "payment_terms", { deviation: true, severity: "minor" }],
    [{ paymentDays: 46 }, "payment_terms", { deviation: false, severity: "none" }],
    [{ terminationDays: 30 }, "termination_notice", { deviation: true, severity: "minor" }],
    [{ terminationDays: 29 }, "termination_notice", { deviation: false, severity: "none" }],
    [{ liabilityMonths: 12 }, "liability_cap", { deviation: true, severity: "minor" }],
    [{ liabilityMonths: 13 }, "liability_cap", { deviation: false, severity: "none" }],
  ];
  for (const [change, clause, wrong] of borderline) {
    const spec = { ...randomSpec(pick, `clauses-${pad(examples.length + 1)}`, "msa", examples.length), ...change };
    add(spec, hard("msa", "borderline_value"), { fields: { [clause]: wrong } });
  }
  return examples;
}

function riskExamples(pick: SeededPick, playbook: Playbook): GoldenExample[] {
  const task = "risk_judgement";
  const examples: GoldenExample[] = [];
  const add = (
    spec: ContractSpec,
    tags: Tags,
    shown: ContractSpec,
    trap?: Record<string, unknown>,
    related?: WrittenContract,
  ) => {
    const written = writeContract(spec);
    const findings = clauseFindings(spec, playbook);
    const severities = Object.values(findings).map((finding) => finding?.severity ?? null);
    const level = riskFrom(severities);
    const deviating = Object.entries(findings).filter(([, finding]) => finding?.deviation);
    const keyRisks = deviating.map(
      ([clause, finding]) => `${CLAUSE_LABELS[clause as Clause]} outside the playbook (${finding!.severity})`,
    );
    const mostSevere = deviating.find(([, finding]) => finding!.severity === "major") ?? deviating[0];
    const quote =
      (mostSevere && written.quotes[CLAUSE_FIELDS[mostSevere[0] as Clause]]?.[0]) ?? written.quotes.effective_date![0]!;
    const shownFindings = clauseFindings(shown, playbook);
    examples.push(
      example(
        spec.id,
        task,
        {
          ...documentInput(written),
          type: spec.kind,
          fields: extractionOf(shown),
          clauses: shownFindings,
          ...(related ? { related_id: related.id, related_title: related.title } : {}),
        },
        [written, ...(related ? [related] : [])],
        {
          risk_level: level,
          key_risks: keyRisks.length > 0 ? keyRisks : ["No clause outside the playbook."],
          evidence: [
            { field: "risk_level", quote },
            { field: "key_risks", quote },
          ],
          ...(trap ? { trap } : {}),
        },
        { ...tags, risk_level: level },
      ),
    );
  };
  for (let index = 0; index < ORDINARY; index += 1) {
    const kind = KINDS[index % KINDS.length]!;
    const spec = randomSpec(pick, `risk-${pad(examples.length + 1)}`, kind, index);
    add(spec, ordinary(kind), spec);
  }
  for (let index = 0; index < 6; index += 1) {
    const spec = randomSpec(pick, `risk-${pad(examples.length + 1)}`, "msa", index);
    const safe: ContractSpec = {
      ...spec,
      paymentDays: 30,
      terminationDays: 60,
      liabilityMonths: 12,
      governingLaw: "New York",
      renewal: null,
    };
    const risky: ContractSpec = {
      ...safe,
      paymentDays: pick.one([90, 120]),
      conflict: { field: "paymentDays", stated: 30 },
    };
    add(risky, hard("msa", "conflicting_clauses"), safe, { risk_level: "low" });
  }
  for (let index = 0; index < 6; index += 1) {
    const id = `risk-${pad(examples.length + 1)}`;
    const agreement: ContractSpec = {
      ...randomSpec(pick, `${id}-agreement`, "msa", index),
      paymentDays: 30,
      terminationDays: 60,
      liabilityMonths: 12,
      governingLaw: "Delaware",
    };
    const amendment: ContractSpec = {
      ...randomSpec(pick, id, "amendment", index),
      customer: agreement.customer,
      amendsDate: agreement.effectiveDate,
      paymentDays: pick.one([75, 90]),
      terminationDays: pick.one([10, 30]),
      liabilityMonths: pick.one([24, 36]),
    };
    add(
      amendment,
      hard("amendment", "amendment_worsens_terms"),
      amendment,
      { risk_level: "medium" },
      writeContract(agreement),
    );
  }
  return examples;
}

function summaryExamples(pick: SeededPick, playbook: Playbook): GoldenExample[] {
  const task = "reviewer_summary";
  const examples: GoldenExample[] = [];
  for (let index = 0; index < ORDINARY + HARD; index += 1) {
    const isHard = index >= ORDINARY;
    const kind = isHard ? (index % 2 === 0 ? "msa" : "amendment") : KINDS[index % KINDS.length]!;
    let spec = randomSpec(pick, `summary-${pad(index + 1)}`, kind, index);
    if (isHard)
      spec = { ...spec, paymentDays: 90, liabilityMonths: 36, terminationDays: kind === "amendment" ? 10 : 60 };
    const written = writeContract(spec);
    const findings = clauseFindings(spec, playbook);
    const deviations = Object.entries(findings)
      .filter(([, finding]) => finding?.deviation)
      .map(([clause]) => clause);
    const level = riskFrom(Object.values(findings).map((finding) => finding?.severity ?? null));
    const fields = extractionOf(spec);
    const mustMention = [
      spec.customer,
      `${level} risk`,
      ...deviations.map((clause) => CLAUSE_LABELS[clause as Clause]),
    ];
    examples.push(
      example(
        written.id,
        task,
        {
          ...documentInput(written),
          facts: { type: kind, fields, deviations, risk_level: level, exceptions: [] },
        },
        [written],
        { must_mention: mustMention, max_words: 120 },
        isHard ? hard(kind, "many_deviations") : ordinary(kind),
      ),
    );
  }
  return examples;
}

function exceptionExamples(pick: SeededPick): GoldenExample[] {
  const task = "exception_handling";
  const examples: GoldenExample[] = [];
  const add = (
    spec: ContractSpec | { unknown: number },
    tags: Tags,
    options: { unverified?: string[]; amended?: ContractSpec | null; trap?: boolean } = {},
  ) => {
    const id = `exception-${pad(examples.length + 1)}`;
    if ("unknown" in spec) {
      const written = unknownDocument(id, spec.unknown, pick.one(CUSTOMERS), randomDate(pick));
      const input = { ...documentInput(written), type: "unknown", fields: null, evidence: [] };
      examples.push(example(id, task, input, [written], { stop: true, trap: { stop: false } }, tags));
      return;
    }
    const written = writeContract({ ...spec, id });
    const fields = extractionOf(spec);
    const evidence: FieldEvidence[] = Object.entries(fields)
      .filter(([, value]) => value !== null)
      .map(([field]) => ({ field, verified: !(options.unverified ?? []).includes(field), refs: 1 }));
    const amended =
      options.amended === undefined ? undefined : options.amended === null ? null : extractionOf(options.amended);
    const stop =
      decideExceptions({
        type: spec.kind,
        extraction: asExtraction(fields),
        evidence,
        ...(spec.kind === "amendment" ? { amended: amended ? asExtraction(amended) : null } : {}),
        failedSteps: [],
      }).length > 0;
    const input = {
      ...documentInput(written),
      type: spec.kind,
      fields,
      evidence,
      ...(amended !== undefined ? { amended } : {}),
    };
    examples.push(
      example(id, task, input, [written], { stop, ...(options.trap ? { trap: { stop: !stop } } : {}) }, tags),
    );
  };
  const complete = (kind: ContractKind) => {
    const spec = randomSpec(pick, "x", kind, examples.length);
    return kind === "nda" ? { ...spec, confidentialityYears: spec.confidentialityYears ?? 2 } : spec;
  };
  for (let index = 0; index < 12; index += 1)
    add(complete(["msa", "nda", "sow"][index % 3] as ContractKind), ordinary(["msa", "nda", "sow"][index % 3]!));
  for (let index = 0; index < 12; index += 1) {
    const kind = (["msa", "sow", "amendment"] as const)[index % 3]!;
    const spec = complete(kind);
    if (kind === "msa") add(spec, ordinary(kind), { unverified: ["liability_cap"] });
    else if (kind === "sow") add({ ...spec, paymentDays: null }, ordinary(kind));
    else add(spec, ordinary(kind), { amended: null });
  }
  for (let index = 0; index < 4; index += 1) add({ unknown: index }, hard("unknown", "unknown_type"));
  for (let index = 0; index < 4; index += 1) {
    const amendment = complete("amendment");
    const agreement = { ...complete("msa"), paymentDays: 30, terminationDays: 60, liabilityMonths: 12 };
    add({ ...amendment, paymentDays: 90 }, hard("amendment", "amendment_conflict"), { amended: agreement, trap: true });
  }
  for (let index = 0; index < 2; index += 1) {
    const agreement = complete("msa");
    const amendment: ContractSpec = {
      ...complete("amendment"),
      paymentDays: agreement.paymentDays,
      terminationDays: agreement.terminationDays,
      liabilityMonths: null,
    };
    add(amendment, hard("amendment", "amendment_without_conflict"), { amended: agreement, trap: true });
  }
  for (let index = 0; index < 2; index += 1) {
    add({ ...complete("msa"), governingLaw: null }, hard("msa", "missing_fields"), { trap: true });
  }
  return examples;
}

function pad(value: number): string {
  return String(value).padStart(3, "0");
}
