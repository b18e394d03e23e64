export {
  type ContentPart,
  DEFAULT_TOKENS_PER_FILE,
  DEFAULT_TOKENS_PER_IMAGE,
  type FilePart,
  type ImagePart,
  type TextPart,
} from "./adapter/content-part.js";
export type {
  EmbedCall,
  EmbeddingCapability,
  EmbeddingEncodingFormat,
  EmbedResponse,
} from "./adapter/embedding-adapter.js";
export { inlinePartData } from "./adapter/inline-part-data.js";
export { isTextMessage } from "./adapter/is-text-message.js";
export type {
  AdapterCall,
  AdapterEndpoint,
  AdapterInputs,
  AdapterResponse,
  AssistantToolCallMessage,
  ChatMessage,
  FinishReason,
  InputTokenEstimate,
  ModelAdapter,
  MultiPartMessage,
  ResponseFormat,
  TextMessage,
  TokenUsage,
  ToolResultMessage,
  UsageSource,
} from "./adapter/model-adapter.js";
export type { FinishPart, ResponseMetadataPart, StreamPart, TextDeltaPart } from "./adapter/stream-part.js";
export { toolCallInput } from "./adapter/tool-call-input.js";
export type { AdapterToolCall, ToolChoice, ToolDefinition } from "./adapter/tool-definition.js";
export { checkEmbeddingBudget, type EmbeddingBudgetCheck } from "./budget/check-embedding-budget.js";
export { type BudgetCheck, type CountMethod, checkInputBudget } from "./budget/check-input-budget.js";
export { type DiagnosticHandler, guardDiagnostic, rateLimitedWarn } from "./diagnostic-handler.js";
export { BudgetExceededError } from "./errors/budget-exceeded-error.js";
export { BudgetExhaustedError } from "./errors/budget-exhausted-error.js";
export { ConfigurationError } from "./errors/configuration-error.js";
export { DeadlineExceededError } from "./errors/deadline-exceeded-error.js";
export {
  DEFAULT_FALLBACK_ON,
  ERROR_CLASSES,
  type ErrorClass,
  REFUSAL_ERROR_CLASSES,
  TRANSIENT_ERROR_CLASSES,
} from "./errors/error-class.js";
export { ModelPolicyError } from "./errors/model-policy-error.js";
export { formatPath, PolicyTableError, type PolicyTableIssue } from "./errors/policy-table-error.js";
export { ProviderError, type ProviderErrorInit } from "./errors/provider-error.js";
export { QueueFullError } from "./errors/queue-full-error.js";
export { RequestShapeError } from "./errors/request-shape-error.js";
export { RoutedCallError } from "./errors/routed-call-error.js";
export { RoutingFailedError } from "./errors/routing-failed-error.js";
export { UnknownTaskError } from "./errors/unknown-task-error.js";
export type { EvalProvider, EvalRoute, EvalSuite, ScoredAnswer } from "./eval/eval-suite.js";
export { type GoldenExample, goldenExampleSchema, ROUTE_KINDS, type RouteKind } from "./eval/golden-example.js";
export {
  checkEvidence,
  type EvidenceRef,
  type EvidenceReport,
  type EvidenceSource,
  evidenceListSchema,
  evidenceRefSchema,
  type FieldEvidence,
} from "./evidence/evidence-check.js";
export { type EmbeddingSettings, embeddingSettingsSchema } from "./policy/embedding-settings-schema.js";
export { policyDigest } from "./policy/policy-digest.js";
export {
  BUDGET_ACTIONS,
  type BudgetAction,
  DEFAULT_LATENCY_TIERS,
  FALLBACK_POLICIES,
  type FallbackPolicy,
  type FallbackStep,
  fallbackStepSchema,
  type LatencyTierConfig,
  latencyTierSchema,
  type ModelPolicy,
  type ModelPolicyInput,
  type ModelPrice,
  modelPolicySchema,
  modelPriceSchema,
  type PolicyTableInput,
  policyTableSchema,
  type RateLimit,
  type ReviewConditions,
  RISK_LEVELS,
  type RiskLevel,
  rateLimitSchema,
  retrySchema,
  reviewConditionsSchema,
  SPEND_WINDOWS,
  type SpendBudget,
  type SpendWindow,
  spendBudgetSchema,
  type TierBinding,
  tierBindingSchema,
} from "./policy/policy-schema.js";
export {
  defineTable,
  MAX_TABLE_TEXT_BYTES,
  type ParseTextOptions,
  type PolicyTable,
  parsePolicyTable,
  parsePolicyTableText,
  type ResolvedPolicy,
  type TasksOf,
} from "./policy/policy-table.js";
export { DEFAULT_PRICES, DEFAULT_PRICES_AS_OF } from "./pricing/default-prices.js";
export { PriceBook, priceUsage } from "./pricing/price-book.js";
export { type HeadersLike, readHeader } from "./provider-headers/read-header.js";
export { retryAfterMs } from "./provider-headers/retry-after.js";
export type { BreakerOptions } from "./resilience/breaker-registry.js";
export {
  decideReview,
  type ReviewDecision,
  type ReviewFacts,
  type ReviewReason,
  riskRank,
} from "./review/review-rules.js";
export type { EmbedRequest } from "./router/embed-request.js";
export type { EmbedResult } from "./router/embed-result.js";
export type { EmbeddingAttemptRequest } from "./router/embedding-attempt-request.js";
export { type EmbeddingBatch, embeddingBatches } from "./router/embedding-batches.js";
export type { PartialFor, PartialTasksOf } from "./router/partial-tasks.js";
export type { RouteOperation } from "./router/route-operation.js";
export type { RouteRequest } from "./router/route-request.js";
export {
  type AttemptKind,
  type AttemptRecord,
  type PartialOutput,
  type PolicyRef,
  type RouteOutcome,
  type RouteRecord,
  type RouteResult,
  sentAttempts,
} from "./router/route-result.js";
export {
  DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  type RouteStream,
  type RouteStreamRequest,
} from "./router/route-stream.js";
export type { RouteTool, ToolCall } from "./router/route-tool.js";
export { createRouter, type Router, type RouterOptions } from "./router/router.js";
export type { AttemptCall, AttemptResult, RoutedCall, RouterMiddleware } from "./router/router-middleware.js";
export type { JsonSchemaPair, RouteSchema, RouteSchemaOutput } from "./schema/route-schema.js";
export { settleWithin } from "./settle-within.js";
export {
  GRANTED,
  InMemoryStateBackend,
  type InMemoryStateBackendOptions,
} from "./state/in-memory-state-backend.js";
export type { SpendDecision, SpendReport } from "./state/spend-report.js";
export type { RateDecision, StateBackend } from "./state/state-backend.js";
export { RATE_WINDOW_MS, rateWindowOf, spendWindowMs, spendWindowStart } from "./state/state-windows.js";
