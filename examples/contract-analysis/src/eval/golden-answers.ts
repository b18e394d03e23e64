import type { GoldenExample } from "@modelpolicy/core";
import { CLAUSES, type Playbook } from "../playbook.js";

type Quote = { field: string; quote: string };

/** The simulated answer for one golden example: right, or (a miss) the example's trap. */
export function goldenAnswer(task: string, example: GoldenExample, wrong: boolean, playbook: Playbook): unknown {
  const expected = example.expected as Record<string, unknown>;
  const trap = (wrong ? expected.trap : undefined) as Record<string, unknown> | undefined;
  const sourceId = String(example.input.document_id);
  const cite = (quotes: readonly Quote[]) => quotes.map((entry) => ({ ...entry, source_id: sourceId }));
  switch (task) {
    case "document_classification":
      return trap
        ? { label: trap.label, confidence: trap.confidence ?? 0.55 }
        : { label: expected.label, confidence: 0.92 };
    case "field_extraction": {
      const fields = { ...(expected.fields as Record<string, unknown>), ...((trap?.fields as object) ?? {}) };
      const trapQuotes = (trap?.evidence as Quote[] | undefined) ?? [];
      const replaced = new Set(trapQuotes.map((entry) => entry.field));
      const evidence = [...(expected.evidence as Quote[]).filter((entry) => !replaced.has(entry.field)), ...trapQuotes];
      const parties = (fields.parties as string[]).map((name) => ({ name, role: "party" }));
      return { ...fields, parties, evidence: cite(evidence) };
    }
    case "clause_matching": {
      const fields = { ...(expected.fields as Record<string, unknown>), ...((trap?.fields as object) ?? {}) };
      const quotes = expected.evidence as Quote[];
      const answer: Record<string, unknown> = {};
      for (const clause of CLAUSES) {
        const finding = fields[clause] as { deviation: boolean; severity: string } | null | undefined;
        answer[clause] = finding
          ? {
              found: quotes.find((entry) => entry.field === clause)?.quote ?? "stated in the document",
              playbook: playbook.clauses[clause].position,
              ...finding,
            }
          : null;
      }
      return { ...answer, evidence: cite(quotes) };
    }
    case "risk_judgement": {
      const level = (trap?.risk_level ?? expected.risk_level) as string;
      return {
        risk_level: level,
        rationale: `Judged ${level} from the clauses against the playbook of the company.`,
        key_risks: expected.key_risks,
        confidence: 0.85,
        evidence: cite(expected.evidence as Quote[]),
      };
    }
    case "reviewer_summary": {
      const facts = expected.must_mention as string[];
      const kept = wrong ? facts.slice(0, Math.floor(facts.length / 2)) : facts;
      return `For the approving reviewer: ${kept.join("; ")}. Check the listed points against the playbook before approval.`;
    }
    case "exception_handling": {
      const stop = (trap?.stop ?? expected.stop) as boolean;
      return stop
        ? "HOLD: policy code raised exceptions for this document; check each listed item against the signed agreement before approving."
        : "PROCEED: no exception stands in the way; the document can continue to approval.";
    }
    default:
      return undefined;
  }
}
