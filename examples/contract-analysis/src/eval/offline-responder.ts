import type { GoldenExample } from "@modelpolicy/core";
import { type Responder, toolCallAnswer } from "@modelpolicy/simulator";
import type { DocumentType, Playbook } from "../playbook.js";
import { CLASSIFICATION_SYSTEM_PROMPT } from "../workflow/classify-document.js";
import { documentIdOf } from "../workflow/document-block.js";
import { EXCEPTION_SYSTEM_PROMPT } from "../workflow/explain-exceptions.js";
import { EXTRACTION_SYSTEM_PROMPT } from "../workflow/extract-fields.js";
import { RISK_SYSTEM_PROMPT } from "../workflow/judge-risk.js";
import { CLAUSE_MATCHING_SYSTEM_PROMPT, PLAYBOOK_POSITION_TOOL } from "../workflow/match-clauses.js";
import { SUMMARY_SYSTEM_PROMPT } from "../workflow/summarise-for-reviewer.js";
import { goldenAnswer } from "./golden-answers.js";
import { MODEL_MISS_RATE, misses } from "./model-skill.js";

const TASK_BY_PROMPT = new Map<string, string>([
  [CLASSIFICATION_SYSTEM_PROMPT, "document_classification"],
  [EXTRACTION_SYSTEM_PROMPT, "field_extraction"],
  [CLAUSE_MATCHING_SYSTEM_PROMPT, "clause_matching"],
  [RISK_SYSTEM_PROMPT, "risk_judgement"],
  [SUMMARY_SYSTEM_PROMPT, "reviewer_summary"],
  [EXCEPTION_SYSTEM_PROMPT, "exception_handling"],
]);

/**
 * The offline eval's SIMULATED answers: the task is recognised by its system prompt, the golden
 * example by the `Document ID:` line, and the answer is the golden one (clause matching's lookup
 * turn is answered with a lookup of every clause), except that a weaker
 * model misses a deterministic share of HARD examples (answering the example's trap) and a model
 * the simulator does not know gets the generic answer. What an eval on this measures is these
 * rules, never a real model.
 */
export function goldenResponder(
  sets: Readonly<Record<string, readonly GoldenExample[]>>,
  playbook: Playbook,
): Responder {
  const byDocument = new Map<string, GoldenExample>();
  for (const [task, examples] of Object.entries(sets)) {
    for (const example of examples) byDocument.set(`${task}\u0000${String(example.input.document_id)}`, example);
  }
  return (request) => {
    const system = request.messages.find((message) => message.role === "system")?.content ?? "";
    const task = TASK_BY_PROMPT.get(system);
    const documentId = documentIdOf(request.messages.find((message) => message.role === "user")?.content ?? "");
    const example = task && documentId ? byDocument.get(`${task}\u0000${documentId}`) : undefined;
    const missRate = MODEL_MISS_RATE[request.model];
    if (!task || !example || missRate === undefined) return undefined;
    // Clause matching's lookup turn: one playbook_position call per clause the type lists.
    if (task === "clause_matching" && !request.messages.some((message) => message.role === "tool")) {
      if (!request.tools.some((tool) => tool.name === PLAYBOOK_POSITION_TOOL)) return undefined;
      const clauses = playbook.applies_to[String(example.input.type) as DocumentType] ?? [];
      return toolCallAnswer(clauses.map((clause) => ({ name: PLAYBOOK_POSITION_TOOL, arguments: { clause } })));
    }
    const wrong = example.tags?.difficulty === "hard" && misses(example.id, request.model, missRate);
    return goldenAnswer(task, example, wrong, playbook);
  };
}
