import type { FaultCount } from "./fault-script.js";

/** What one model of the simulated provider served. */
export interface ModelStats {
  requests: number;
  completions: number;
  /** Requests answered by a scripted fault. */
  faults: number;
  /** Answers without a fixture (the generic answer). */
  genericAnswers: number;
  /** Answers cut at the request's max tokens (`finish_reason: "length"`). */
  truncated: number;
  promptTokens: number;
  completionTokens: number;
}

/**
 * Live counters of a simulated provider, so a demo or test can say what the provider actually
 * saw (and prove that a scripted fault fired) without reading its traces.
 */
export interface SimulatorStats {
  readonly requests: number;
  readonly byModel: Readonly<Record<string, ModelStats>>;
  readonly faults: readonly FaultCount[];
}

/** A zeroed {@link ModelStats}. */
export function emptyModelStats(): ModelStats {
  return {
    requests: 0,
    completions: 0,
    faults: 0,
    genericAnswers: 0,
    truncated: 0,
    promptTokens: 0,
    completionTokens: 0,
  };
}
