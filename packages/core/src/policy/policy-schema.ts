import { z } from "zod";
import { ERROR_CLASSES } from "../errors/error-class.js";
import { embeddingSettingsSchema } from "./embedding-settings-schema.js";

/**
 * Risk levels, lowest first. Review conditions compare against this order, so `high` means
 * "high or critical".
 */
export const RISK_LEVELS = ["low", "medium", "high", "critical"] as const;

/** One of {@link RISK_LEVELS}. */
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** The configured fallback, as the span attribute `model_policy.fallback.policy` reports it. */
export const FALLBACK_POLICIES = ["next_tier", "partial", "stop"] as const;

const nameSchema = z.string().min(1, "must not be empty");
const versionSchema = z.union([z.string().min(1, "must not be empty"), z.number()]).transform((value) => String(value));

/**
 * A tier binding: which provider and model serve a tier such as `fast` or `strong`. The table's
 * `tiers` are declared cheapest first; `next_tier` moves one step down that list.
 */
export const tierBindingSchema = z.strictObject({
  provider: nameSchema,
  model: nameSchema,
  context_window: z.int().positive().optional(),
  max_output_tokens: z.int().positive().optional(),
});

/**
 * USD per million tokens for one model. An embedding model is priced on input alone: leave
 * `output_per_million` out (it defaults to 0). Cache reads are priced at
 * `cached_input_per_million` and cache writes at `cache_write_input_per_million`; either left
 * out is priced at `input_per_million`.
 */
export const modelPriceSchema = z.strictObject({
  input_per_million: z.number().nonnegative(),
  output_per_million: z.number().nonnegative().default(0),
  cached_input_per_million: z.number().nonnegative().optional(),
  cache_write_input_per_million: z.number().nonnegative().optional(),
  /**
   * The rates of a call whose input is over `above_input_tokens` (Gemini 2.5/3 Pro and Claude
   * Sonnet's 1M context bill the whole call at a higher rate past 200K input tokens). Rates it
   * leaves out stay the base ones.
   */
  long_context: z
    .strictObject({
      above_input_tokens: z.int().positive(),
      input_per_million: z.number().nonnegative(),
      output_per_million: z.number().nonnegative(),
      cached_input_per_million: z.number().nonnegative().optional(),
      cache_write_input_per_million: z.number().nonnegative().optional(),
    })
    .optional(),
});

/** Concurrency and queue of one latency tier; each tier is its own bulkhead. */
export const latencyTierSchema = z.strictObject({
  max_concurrent: z.int().positive(),
  max_queue: z.int().nonnegative(),
  /** Default deadline for calls in this tier, when the policy and the request give none. */
  timeout_ms: z.int().positive().optional(),
});

/**
 * One step of a fallback chain: the next declared tier, a named tier, a named model (on the
 * provider of the policy's tier unless given), `partial` (return what validated, flagged for
 * review) or `stop`.
 */
export const fallbackStepSchema = z.union([
  z.enum(["next_tier", "partial", "stop"]),
  z.strictObject({ tier: nameSchema }),
  z.strictObject({ model: nameSchema, provider: nameSchema.optional() }),
]);

/** When a call goes to human review, beyond `review_required` (which always does). */
export const reviewConditionsSchema = z.strictObject({
  risk_at_or_above: z.enum(RISK_LEVELS).optional(),
  evidence_coverage_below: z.number().min(0).max(1).optional(),
  on_fallback: z.boolean().optional(),
  confidence_below: z.number().min(0).max(1).optional(),
});

/** The windows a spend budget counts over: a UTC clock hour or a UTC calendar day. */
export const SPEND_WINDOWS = ["hour", "day"] as const;

/** What the router does with a call when its policy's spend budget is used up. */
export const BUDGET_ACTIONS = ["degrade", "stop", "review"] as const;

/**
 * A policy's spend budget: USD per window, counted fleet-wide by the router's state backend over
 * every priced attempt of the policy's calls (failed ones too), and what happens to a call once
 * it is used up: `degrade` moves it to the cheaper tier `degrade_to`, `stop` refuses it with
 * `BudgetExhaustedError`, `review` lets it run and sends its answer to review. Checked before
 * every target of a call, fallbacks included, so a fallback cannot spend past it.
 */
export const spendBudgetSchema = z
  .strictObject({
    usd: z.number().positive(),
    window: z.enum(SPEND_WINDOWS),
    on_exhausted: z.enum(BUDGET_ACTIONS),
    degrade_to: nameSchema.optional(),
  })
  .superRefine((budget, context) => {
    if (budget.on_exhausted === "degrade" && budget.degrade_to === undefined) {
      context.addIssue({
        code: "custom",
        path: ["degrade_to"],
        message: "required when on_exhausted is degrade: the cheaper tier to move calls to",
      });
    } else if (budget.on_exhausted !== "degrade" && budget.degrade_to !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["degrade_to"],
        message: `only applies when on_exhausted is degrade, not ${budget.on_exhausted}`,
      });
    }
  });

/**
 * A provider account's rate limit for one model (`provider/model`) or for all of the provider's
 * models (`provider`): requests and tokens per minute, enforced fleet-wide through the router's
 * state backend. Tokens are counted as a call's estimated input plus its output limit, the way
 * providers reserve them.
 */
export const rateLimitSchema = z
  .strictObject({
    rpm: z.int().positive().optional(),
    tpm: z.int().positive().optional(),
  })
  .refine((limit) => limit.rpm !== undefined || limit.tpm !== undefined, { message: "give rpm, tpm or both" });

/** How often the router may try again before moving on. */
export const retrySchema = z.strictObject({
  /** Attempts per model, the first included. */
  max_attempts: z.int().min(1).max(10).default(2),
  /** Extra attempts that ask the model to repair output that failed the schema. */
  repair_attempts: z.int().min(0).max(5).default(1),
  /** Extra attempts that ask for missing evidence before the call goes to review. */
  evidence_attempts: z.int().min(0).max(5).default(1),
  base_delay_ms: z.int().nonnegative().default(250),
  max_delay_ms: z.int().nonnegative().default(10_000),
});

/**
 * A model policy: everything the router enforces for one task. Keys are snake_case because the
 * same shape is written in YAML files; TypeScript tables use it unchanged.
 */
export const modelPolicySchema = z.strictObject({
  id: nameSchema,
  version: versionSchema,
  task: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, "must start with a letter and use letters, digits, _ . -"),
  description: z.string().optional(),
  model_tier: nameSchema,
  max_input_tokens: z.int().positive(),
  max_output_tokens: z.int().positive(),
  evidence_required: z.boolean(),
  review_required: z.boolean(),
  fallback_policy: z.enum(FALLBACK_POLICIES),
  fallback_steps: z.array(fallbackStepSchema).max(8).optional(),
  fallback_on: z.array(z.enum(ERROR_CLASSES)).optional(),
  latency_tier: nameSchema,
  on_budget_exceeded: z.enum(["reject", "escalate"]).default("reject"),
  /**
   * Tokens the input budget counts for each image part (its size is not known before sending);
   * default 1,445, the most OpenAI's high-detail rule charges for any image.
   */
  max_tokens_per_image: z.int().positive().optional(),
  /** Tokens the input budget counts for each file part; default 8,000. */
  max_tokens_per_file: z.int().positive().optional(),
  spend_budget: spendBudgetSchema.optional(),
  /** The most expensive tier the route may use: fallbacks and escalation stop below it. */
  max_tier: nameSchema.optional(),
  /**
   * The route must keep answering when one provider is down: `modelpolicy policies lint` warns
   * when its fallback chain stays on a single provider. Advisory; the router does not read it.
   */
  critical: z.boolean().optional(),
  review: reviewConditionsSchema.default({}),
  retry: retrySchema.default({
    max_attempts: 2,
    repair_attempts: 1,
    evidence_attempts: 1,
    base_delay_ms: 250,
    max_delay_ms: 10_000,
  }),
  /** How `router.embed` batches and budgets this task's input; see `embeddingSettingsSchema`. */
  embedding: embeddingSettingsSchema.optional(),
  timeout_ms: z.int().positive().optional(),
  temperature: z.number().min(0).max(2).optional(),
});

/** The latency tiers every table has unless it declares its own. */
export const DEFAULT_LATENCY_TIERS = {
  fast: { max_concurrent: 32, max_queue: 256, timeout_ms: 15_000 },
  standard: { max_concurrent: 16, max_queue: 256, timeout_ms: 60_000 },
  slow: { max_concurrent: 8, max_queue: 256, timeout_ms: 120_000 },
  batch: { max_concurrent: 4, max_queue: 10_000, timeout_ms: 600_000 },
  background: { max_concurrent: 2, max_queue: 10_000, timeout_ms: 600_000 },
} as const;

/**
 * A whole policy table, before the cross-field checks in `parsePolicyTable` (unknown tiers,
 * duplicate ids, output caps, fallback cycles), which need more than one field at a time.
 */
export const policyTableSchema = z.strictObject({
  version: versionSchema,
  tiers: z.record(nameSchema, tierBindingSchema).refine((tiers) => Object.keys(tiers).length > 0, {
    message: "must declare at least one tier",
  }),
  prices: z.record(nameSchema, modelPriceSchema).optional(),
  latency_tiers: z.record(nameSchema, latencyTierSchema).optional(),
  rate_limits: z.record(nameSchema, rateLimitSchema).optional(),
  policies: z.array(modelPolicySchema).min(1, "must declare at least one policy"),
  unknown_task: nameSchema.optional(),
});

/** A policy as written (defaults not yet applied). */
export type ModelPolicyInput = z.input<typeof modelPolicySchema>;
/** A policy with defaults applied. */
export type ModelPolicy = z.output<typeof modelPolicySchema>;
/** A table as written. */
export type PolicyTableInput = z.input<typeof policyTableSchema>;
export type TierBinding = z.output<typeof tierBindingSchema>;
export type ModelPrice = z.output<typeof modelPriceSchema>;
export type LatencyTierConfig = z.output<typeof latencyTierSchema>;
export type FallbackStep = z.output<typeof fallbackStepSchema>;
export type ReviewConditions = z.output<typeof reviewConditionsSchema>;
export type FallbackPolicy = (typeof FALLBACK_POLICIES)[number];
export type SpendBudget = z.output<typeof spendBudgetSchema>;
export type RateLimit = z.output<typeof rateLimitSchema>;
/** One of {@link SPEND_WINDOWS}. */
export type SpendWindow = (typeof SPEND_WINDOWS)[number];
/** One of {@link BUDGET_ACTIONS}. */
export type BudgetAction = (typeof BUDGET_ACTIONS)[number];
