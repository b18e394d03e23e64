import { cell, clip, reviewLine, type TextSink, wrap } from "@modelpolicy/example-workflow-kit";
import type { CallLog } from "./call-log.js";
import { complete, type DocumentAnalysis } from "./workflow/analyse-contracts.js";
import type { Extraction, ExtractionField } from "./workflow/extract-fields.js";

const LABEL = 11;
const FIELD = 25;
const VERDICT = 18;
const WIDTH = 100;

/** Prints one document's result: type, fields with their quotes, deviations, risk, review, exceptions. */
export function printDocument(out: TextSink, analysis: DocumentAnalysis, position: string, log: CallLog): void {
  const line = (label: string, text: string) => out.write(`  ${cell(label, LABEL)}${text}\n`);
  const { document } = analysis;
  out.write(`\n[${position}] ${document.fileName} - ${document.title}\n`);
  const classification = complete(analysis.classification);
  line(
    "type",
    classification ? `${classification.label} (confidence ${classification.confidence.toFixed(2)})` : "not classified",
  );
  printFields(out, analysis, line);
  printClauses(analysis, line);
  const risk = analysis.risk;
  if (risk) {
    const served = risk.fallback.used
      ? ` served by ${risk.modelServed} after fallback (${risk.fallback.reason})`
      : ` by ${risk.modelServed}`;
    line(
      "risk",
      `${risk.output?.risk_level ?? "?"} (confidence ${risk.output?.confidence?.toFixed(2) ?? "?"})${served}`,
    );
    if (risk.output?.rationale) line("", wrap(risk.output.rationale, WIDTH - LABEL, LABEL + 2));
  }
  line("review", reviewLine(log.forDocument(document.id)));
  if (analysis.exceptions.length === 0) line("exceptions", "none");
  for (const [index, exception] of analysis.exceptions.entries()) {
    line(index === 0 ? "exceptions" : "", `${exception.kind}: ${exception.detail}`);
  }
  const note = complete(analysis.explanation);
  if (note) line("", `note: ${wrap(note, WIDTH - LABEL - 6, LABEL + 8)}`);
  for (const failure of analysis.failures) line("FAILED", `${failure.task}: ${failure.message}`);
  const summary = complete(analysis.summary);
  if (summary) line("summary", wrap(summary, WIDTH - LABEL, LABEL + 2));
}

function printFields(out: TextSink, analysis: DocumentAnalysis, line: (label: string, text: string) => void): void {
  const extraction = complete(analysis.extraction);
  if (!extraction || !analysis.extraction) return;
  const { fields, coverage } = analysis.extraction.evidence;
  const verified = fields.filter((field) => field.verified).length;
  line(
    "fields",
    `evidence coverage ${Math.round((coverage ?? 0) * 100)}% (${verified}/${fields.length} fields quoted verbatim)`,
  );
  for (const field of fields) {
    const name = field.field as ExtractionField;
    const quote = extraction.evidence.find((ref) => ref.field === name)?.quote;
    const mark = field.verified ? "" : "  ✗ quote not found in the document";
    out.write(`    ${cell(name, FIELD)}${formatField(extraction, name)}${mark}\n`);
    if (quote) out.write(`    ${" ".repeat(FIELD)}"${clip(quote, WIDTH - FIELD - 6)}"\n`);
  }
}

function printClauses(analysis: DocumentAnalysis, line: (label: string, text: string) => void): void {
  const clauses = complete(analysis.clauses);
  if (!clauses) return;
  const findings = Object.entries(clauses).flatMap(([clause, finding]) =>
    clause === "evidence" || finding === null || !("deviation" in finding) ? [] : [{ clause, ...finding }],
  );
  const deviations = findings.filter((finding) => finding.deviation);
  const verdict =
    deviations.length === 0
      ? `all ${findings.length} clauses within the playbook`
      : `${deviations.length} of ${findings.length} clauses deviate`;
  const calls = analysis.playbookLookup?.toolCalls ?? [];
  line("playbook", calls.length === 0 ? verdict : `${verdict} (clause_matching called ${toolCallCounts(calls)})`);
  // The playbook wording is the position the lookup returned, so it is wrapped under its finding.
  const column = 2 + LABEL + FIELD - 2 + VERDICT;
  for (const finding of findings) {
    const verdict = finding.deviation ? `DEVIATES (${finding.severity})` : "ok";
    const playbook = finding.deviation ? ` (playbook: ${finding.playbook})` : "";
    const text = wrap(`${finding.found}${playbook}`, WIDTH - column, column);
    line("", `${cell(finding.clause, FIELD - 2)}${cell(verdict, VERDICT)}${text}`);
  }
}

/** The tools a turn called and how often, in first-call order: `playbook_position ×4`. */
export function toolCallCounts(calls: readonly { name: string }[]): string {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call.name, (counts.get(call.name) ?? 0) + 1);
  return [...counts].map(([name, count]) => `${name} ×${count}`).join(", ");
}

/** Human-readable value of one extracted field. */
export function formatField(extraction: Extraction, field: ExtractionField): string {
  switch (field) {
    case "parties":
      return extraction.parties.map((party) => `${party.name} (${party.role})`).join("; ");
    case "total_amount":
      return extraction.total_amount
        ? `${extraction.total_amount.currency} ${extraction.total_amount.value.toLocaleString("en-US")}`
        : "-";
    case "payment_terms_days":
    case "termination_notice_days":
      return extraction[field] === null ? "-" : `${extraction[field]} days`;
    case "confidentiality_years":
      return extraction.confidentiality_years === null ? "-" : `${extraction.confidentiality_years} years`;
    case "liability_cap": {
      const cap = extraction.liability_cap;
      if (!cap) return "-";
      const parts = [
        cap.months_of_fees !== null ? `${cap.months_of_fees} months of fees` : "",
        cap.fixed_amount !== null ? cap.fixed_amount.toLocaleString("en-US") : "",
      ];
      return parts.filter(Boolean).join(" or, if greater, ");
    }
    case "auto_renewal": {
      const renewal = extraction.auto_renewal;
      if (!renewal) return "-";
      if (!renewal.renews) return "does not renew automatically";
      const notice =
        renewal.non_renewal_notice_days === null
          ? "no non-renewal right"
          : `opt out ${renewal.non_renewal_notice_days} days before term end`;
      return `renews for ${renewal.renewal_term_months ?? "?"}-month terms, ${notice}`;
    }
    default:
      return String(extraction[field] ?? "-");
  }
}
