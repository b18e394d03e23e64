import type {
  EvalRoute,
  EvidenceSource,
  FieldEvidence,
  GoldenExample,
  RouteRequest,
  ToolCall,
} from "@modelpolicy/core";
import type { ContractDocument } from "../documents.js";
import { asExtraction, type GoldenFields } from "../golden/contract-specs.js";
import { CLAUSES, type DocumentType, type Playbook } from "../playbook.js";
import { type Classification, classifyDocument } from "../workflow/classify-document.js";
import { decideExceptions } from "../workflow/decide-exceptions.js";
import { explainExceptions } from "../workflow/explain-exceptions.js";
import { type Extraction, extractFields } from "../workflow/extract-fields.js";
import { judgeRisk, type RiskJudgement } from "../workflow/judge-risk.js";
import {
  type ClauseMatching,
  clauseAnswerRequest,
  matchClauses,
  PLAYBOOK_POSITION_TOOL,
} from "../workflow/match-clauses.js";
import { summariseForReviewer } from "../workflow/summarise-for-reviewer.js";
import { captureRequest } from "./capture-request.js";

/** The instruction the eval adds to the exception note, so the note itself says stop or go. */
export const STOP_INSTRUCTION =
  "Begin the note with HOLD if any exception is listed above, or with PROCEED if none is listed.";

/**
 * The six contract-analysis routes as eval routes. Requests come from the workflow's own step
 * functions (see `captureRequest`), so the eval sends the demo's prompts and schemas; answers are
 * read into the shape their kind is scored on.
 */
export function contractEvalRoutes(playbook: Playbook): Record<string, EvalRoute> {
  const capture = (step: Parameters<typeof captureRequest>[1]) => captureRequest(playbook, step);
  return {
    document_classification: {
      kind: "classification",
      request: (example) => capture((context) => classifyDocument(context, documentOf(example))),
      score: (output) => ({ label: (output as Partial<Classification> | undefined)?.label }),
    },
    field_extraction: {
      kind: "extraction",
      request: (example) => capture((context) => extractFields(context, documentOf(example), typeOf(example))),
      score: (output) => ({ fields: extractedFields(output as Partial<Extraction> | undefined) }),
    },
    // A tool loop: the eval sends the answer turn, after the lookups a faithful model makes.
    clause_matching: {
      kind: "extraction",
      request: (example) => {
        const document = documentOf(example);
        const type = typeOf(example);
        const lookup = capture((context) => matchClauses(context, document, type));
        return clauseAnswerRequest(lookup, lookupEveryClause(playbook.applies_to[type]), playbook, document);
      },
      score: (output) => ({ fields: clauseFields(output as Partial<ClauseMatching> | undefined) }),
    },
    risk_judgement: {
      kind: "risk",
      request: (example) =>
        capture((context) =>
          judgeRisk(context, {
            document: documentOf(example),
            type: typeOf(example),
            extraction: asExtraction(example.input.fields as GoldenFields),
            clauses: clauseMatchingOf(example.input.clauses as Record<string, unknown>, playbook),
            related: relatedOf(example),
          }),
        ),
      score: (output) => ({ risk_level: (output as Partial<RiskJudgement> | undefined)?.risk_level }),
    },
    reviewer_summary: {
      kind: "drafting",
      request: (example) =>
        capture((context) =>
          summariseForReviewer(context, documentOf(example), example.input.facts as Record<string, unknown>),
        ),
      score: (output) => ({ text: typeof output === "string" ? output : undefined }),
    },
    exception_handling: {
      kind: "exception",
      request: (example) => {
        const request = capture((context) => explainExceptions(context, documentOf(example), exceptionsOf(example)));
        return withStopInstruction(request);
      },
      // The document stops when the note says HOLD and the policy sent it to a person.
      score: (output, _example, record) => ({
        stop: record.review.triggered && typeof output === "string" && !/^\s*PROCEED\b/i.test(output),
      }),
    },
  };
}

/** One `playbook_position` call per clause the playbook lists for the type, as the lookup turn asks. */
function lookupEveryClause(clauses: readonly string[]): ToolCall[] {
  return clauses.map((clause, index) => ({
    id: `call_lookup_${index}`,
    name: PLAYBOOK_POSITION_TOOL,
    arguments: { clause },
  }));
}

function documentOf(example: GoldenExample): ContractDocument {
  const id = String(example.input.document_id);
  const text = example.sources?.find((source: EvidenceSource) => source.id === id)?.text ?? "";
  return { id, fileName: `${id}.txt`, title: String(example.input.title ?? id), text };
}

function relatedOf(example: GoldenExample): ContractDocument | undefined {
  const id = example.input.related_id;
  if (typeof id !== "string") return undefined;
  const text = example.sources?.find((source: EvidenceSource) => source.id === id)?.text ?? "";
  return { id, fileName: `${id}.txt`, title: String(example.input.related_title ?? id), text };
}

function typeOf(example: GoldenExample): DocumentType {
  return String(example.input.type ?? "unknown") as DocumentType;
}

function exceptionsOf(example: GoldenExample) {
  const type = typeOf(example);
  const fields = example.input.fields as GoldenFields | null;
  const amended = example.input.amended as GoldenFields | null | undefined;
  return decideExceptions({
    type,
    extraction: fields ? asExtraction(fields) : undefined,
    evidence: (example.input.evidence ?? []) as FieldEvidence[],
    ...(type === "amendment" ? { amended: amended ? asExtraction(amended) : null } : {}),
    failedSteps: [],
  });
}

function withStopInstruction(request: RouteRequest): RouteRequest {
  const messages = request.messages.map((message, index) =>
    index === request.messages.length - 1 && message.role === "user"
      ? { ...message, content: `${message.content}\n\n${STOP_INSTRUCTION}` }
      : message,
  );
  return { ...request, messages };
}

/** Extraction output as scored: parties by name (roles are free text), no evidence list. */
function extractedFields(output: Partial<Extraction> | undefined): Record<string, unknown> | undefined {
  if (!output) return undefined;
  const { evidence: _evidence, parties, ...fields } = output;
  return { ...fields, ...(parties ? { parties: parties.map((party) => party.name) } : {}) };
}

/** Clause findings as scored: deviation and severity (the `found` wording is free text). */
function clauseFields(output: Partial<ClauseMatching> | undefined): Record<string, unknown> | undefined {
  if (!output) return undefined;
  return Object.fromEntries(
    CLAUSES.map((clause) => {
      const finding = output[clause];
      return [clause, finding ? { deviation: finding.deviation, severity: finding.severity } : null];
    }),
  );
}

function clauseMatchingOf(findings: Record<string, unknown>, playbook: Playbook): ClauseMatching {
  const entries = CLAUSES.map((clause) => {
    const finding = findings[clause] as { deviation: boolean; severity: "none" | "minor" | "major" } | null | undefined;
    return [
      clause,
      finding ? { found: "as stated in the document", playbook: playbook.clauses[clause].position, ...finding } : null,
    ];
  });
  return { ...Object.fromEntries(entries), evidence: [] } as ClauseMatching;
}
