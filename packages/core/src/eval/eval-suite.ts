import type { RouteRequest } from "../router/route-request.js";
import type { RouteRecord } from "../router/route-result.js";
import type { GoldenExample, RouteKind } from "./golden-example.js";

/**
 * What an eval compares for one answer, in the shape of its route kind: `label` for
 * classification, `fields` for extraction, `risk_level` for risk, `text` (and the evidence it
 * cites) for drafting, `stop` for exception handling. Suites map their own output to it, so the
 * CLI scores every workflow with the same metric code.
 */
export interface ScoredAnswer {
  label?: string;
  fields?: Record<string, unknown>;
  risk_level?: string;
  text?: string;
  stop?: boolean;
}

/** One route of a suite: how to ask it, and how to read its answer. */
export interface EvalRoute {
  readonly kind: RouteKind;
  /** The routed request for a golden example (messages, schema, sources, risk). */
  request(example: GoldenExample): RouteRequest;
  /** The answer in the shape its kind is scored on; `record` is there for routes decided partly by code. */
  score(output: unknown, example: GoldenExample, record: RouteRecord): ScoredAnswer;
}

/** An OpenAI-compatible provider the suite can start for offline evals (its simulator). */
export interface EvalProvider {
  readonly baseURL: string;
  /** Shown in reports, so nobody mistakes simulator numbers for model quality. */
  readonly description: string;
  close(): Promise<void>;
}

/**
 * A workflow's eval suite, exported by the workflow (e.g. `examples/contract-analysis`) and
 * loaded by `modelpolicy eval --suite <module>`: its routes, where its golden sets live, and an
 * offline provider. The CLI never imports a workflow; the workflow hands it this.
 */
export interface EvalSuite {
  readonly name: string;
  /** Folder of golden sets: `<task>.jsonl` or `<task>.yaml` per route. */
  readonly goldenDir: string;
  readonly routes: Readonly<Record<string, EvalRoute>>;
  /** Starts the offline provider; used when no `OPENAI_API_KEY` / `OPENAI_BASE_URL` is set. */
  startOfflineProvider?(): Promise<EvalProvider>;
}
