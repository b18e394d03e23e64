import type { RouteResult } from "@modelpolicy/core";
import { runDocumentWorkflows } from "@modelpolicy/example-workflow-kit";
import type { ContractDocument } from "../documents.js";
import type { DocumentType } from "../playbook.js";
import { type Classification, classifyDocument } from "./classify-document.js";
import { type ContractException, decideExceptions } from "./decide-exceptions.js";
import { explainExceptions } from "./explain-exceptions.js";
import { type Extraction, extractFields } from "./extract-fields.js";
import { judgeRisk, type RiskJudgement } from "./judge-risk.js";
import { type ClauseMatching, matchClauses } from "./match-clauses.js";
import { summariseForReviewer } from "./summarise-for-reviewer.js";
import type { WorkflowContext } from "./workflow-context.js";

/** The workflow's name in traces (`gen_ai.workflow.name`). */
export const WORKFLOW_NAME = "contract_analysis";

/** Everything the workflow established about one document; steps that failed are absent. */
export interface DocumentAnalysis {
  readonly document: ContractDocument;
  type: DocumentType;
  classification?: RouteResult<Classification>;
  extraction?: RouteResult<Extraction>;
  /** Clause matching's lookup turn: the playbook positions the model asked for (`toolCalls`). */
  playbookLookup?: RouteResult<string>;
  clauses?: RouteResult<ClauseMatching>;
  risk?: RouteResult<RiskJudgement>;
  /** For an amendment: the agreement it amends, found in the same batch. */
  amended?: ContractDocument;
  exceptions: ContractException[];
  explanation?: RouteResult<string>;
  summary?: RouteResult<string>;
  failures: { task: string; message: string }[];
}

/**
 * Runs the workflow over a batch. Classification and extraction run for all documents at once
 * (the policies' latency tiers bound how many calls are in flight). The later steps start when
 * every extraction is in, because an amendment is judged against the agreement it amends, and
 * take the documents one at a time, the way a reviewer's queue does: that also makes a provider
 * outage play out the same on every run (retries, then the circuit breaker, then the fallback).
 * Each document is one workflow run (`invoke_workflow contract_analysis`, keyed by its id), so
 * its routed calls are one trace.
 */
export async function analyseContracts(
  context: WorkflowContext,
  documents: readonly ContractDocument[],
): Promise<DocumentAnalysis[]> {
  const analyses: DocumentAnalysis[] = documents.map((document) => ({
    document,
    type: "unknown",
    exceptions: [],
    failures: [],
  }));
  await runDocumentWorkflows(WORKFLOW_NAME, analyses, (analysis) => analysis.document.id, {
    async concurrent(analysis, index) {
      analysis.classification = await step(analysis, "document_classification", () =>
        classifyDocument(context, analysis.document, index === 0),
      );
      analysis.type = complete(analysis.classification)?.label ?? "unknown";
      if (analysis.type === "unknown") return;
      analysis.extraction = await step(analysis, "field_extraction", () =>
        extractFields(context, analysis.document, analysis.type),
      );
    },
    sequential: (analysis) => finishAnalysis(context, analysis, analyses),
  });
  return analyses;
}

async function finishAnalysis(
  context: WorkflowContext,
  analysis: DocumentAnalysis,
  batch: readonly DocumentAnalysis[],
) {
  const { document, type } = analysis;
  const extraction = complete(analysis.extraction);
  const amended = type === "amendment" ? findAmended(analysis, batch) : undefined;
  if (amended) analysis.amended = amended.document;
  if (type !== "unknown") {
    const matching = await step(analysis, "clause_matching", () => matchClauses(context, document, type));
    analysis.playbookLookup = matching?.lookup;
    analysis.clauses = matching?.matching;
    analysis.risk = await step(analysis, "risk_judgement", () =>
      judgeRisk(context, {
        document,
        type,
        extraction,
        clauses: complete(analysis.clauses),
        related: amended?.document,
      }),
    );
  }
  analysis.exceptions = decideExceptions({
    type,
    extraction,
    evidence: analysis.extraction?.evidence.fields ?? [],
    ...(type === "amendment" ? { amended: complete(amended?.extraction) ?? null } : {}),
    failedSteps: analysis.failures.map((failure) => failure.task),
  });
  if (analysis.exceptions.length > 0) {
    analysis.explanation = await step(analysis, "exception_handling", () =>
      explainExceptions(context, document, analysis.exceptions),
    );
  }
  analysis.summary = await step(analysis, "reviewer_summary", () =>
    summariseForReviewer(context, document, summaryFacts(analysis)),
  );
}

/** The output of a call that returned a complete answer; `undefined` for a partial one. */
export function complete<R extends RouteResult<unknown>>(result: R | undefined): CompleteOutput<R> | undefined {
  return result && result.outcome !== "partial" ? (result.output as CompleteOutput<R>) : undefined;
}

/** The output type of a routed call's complete (not partial) answer. */
export type CompleteOutput<R> =
  Extract<R, { outcome: "ok" | "fallback_ok" | "review" }> extends { output: infer T } ? T : never;

/** The MSA an amendment amends: the batch's MSA that shares a party with it. */
function findAmended(amendment: DocumentAnalysis, batch: readonly DocumentAnalysis[]): DocumentAnalysis | undefined {
  const names = new Set((complete(amendment.extraction)?.parties ?? []).map((party) => party.name.toLowerCase()));
  const agreements = batch.filter((candidate) => candidate.type === "msa");
  return (
    agreements.find((candidate) =>
      (complete(candidate.extraction)?.parties ?? []).some((party) => names.has(party.name.toLowerCase())),
    ) ?? (agreements.length === 1 ? agreements[0] : undefined)
  );
}

function summaryFacts(analysis: DocumentAnalysis): Record<string, unknown> {
  const extraction = complete(analysis.extraction);
  const clauses = complete(analysis.clauses);
  const risk = analysis.risk?.output;
  const { evidence: _evidence, ...fields } = extraction ?? { evidence: [] };
  const deviations = clauses
    ? Object.entries(clauses).filter(
        ([key, value]) => key !== "evidence" && value !== null && "deviation" in value && value.deviation,
      )
    : [];
  return {
    type: analysis.type,
    fields,
    deviations: deviations.map(([clause]) => clause),
    risk_level: risk?.risk_level,
    key_risks: risk?.key_risks,
    exceptions: analysis.exceptions.map((exception) => exception.kind),
  };
}

async function step<T>(analysis: DocumentAnalysis, task: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    analysis.failures.push({ task, message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}
