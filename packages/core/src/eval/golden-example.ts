import { z } from "zod";

/**
 * One golden example of a route: the input the suite turns into a request, the sources evidence
 * is checked against, what a correct answer looks like, and tags to slice metrics by (risk level,
 * document type, hard case). Golden sets are JSONL or YAML lists of these, validated with the
 * same every-problem-with-its-path errors as policy tables.
 */
export const goldenExampleSchema = z.strictObject({
  id: z.string().min(1),
  task: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  sources: z.array(z.strictObject({ id: z.string().min(1), text: z.string() })).optional(),
  /**
   * Per route kind: classification `{label}`; extraction `{fields: {...}}`; risk `{risk_level}`;
   * drafting `{must_mention?: string[], max_words?: number}`; exception `{stop: boolean}`.
   */
  expected: z.record(z.string(), z.unknown()),
  tags: z.record(z.string(), z.string()).optional(),
});

/** A validated golden example. */
export type GoldenExample = z.output<typeof goldenExampleSchema>;

/** How a route is scored; each kind has its own metrics (see the CLI's `eval`). */
export const ROUTE_KINDS = ["classification", "extraction", "risk", "drafting", "exception"] as const;

/** One of {@link ROUTE_KINDS}. */
export type RouteKind = (typeof ROUTE_KINDS)[number];
