import type { ResolvedPolicy, RoutedCall } from "@modelpolicy/core";
import {
  ATTR_MODEL_POLICY_BUDGET_INPUT_TOKENS,
  ATTR_MODEL_POLICY_BUDGET_OUTPUT_TOKENS,
  ATTR_MODEL_POLICY_DIGEST,
  ATTR_MODEL_POLICY_EVIDENCE_REQUIRED,
  ATTR_MODEL_POLICY_FALLBACK_POLICY,
  ATTR_MODEL_POLICY_ID,
  ATTR_MODEL_POLICY_LATENCY_TIER,
  ATTR_MODEL_POLICY_MODEL_TIER,
  ATTR_MODEL_POLICY_OPERATION,
  ATTR_MODEL_POLICY_REF,
  ATTR_MODEL_POLICY_REVIEW_REQUIRED,
  ATTR_MODEL_POLICY_STREAM,
  ATTR_MODEL_POLICY_TABLE_VERSION,
  ATTR_MODEL_POLICY_TASK,
  ATTR_MODEL_POLICY_VERSION,
  SPAN_MODEL_POLICY_ROUTE_NAME,
} from "@modelpolicy/core/conventions";
import type { Attributes } from "@opentelemetry/api";
import { sanitizeAttributes } from "./sanitize-attributes.js";

/**
 * What a routed-call span starts with: its name and the attributes known before the call runs,
 * `model_policy.ref` (`{id}@{version}`) among them, so one tag finds a policy version.
 */
export interface CallStart {
  readonly task: string;
  readonly tableVersion: string;
  readonly spanName: string;
  /** Shared between calls of one policy: passed to `startSpan`, which copies it; never mutated. */
  readonly attributes: Attributes;
}

const byPolicy = new WeakMap<ResolvedPolicy, CallStart>();
/** The same for `router.embed` calls, whose spans say `model_policy.operation` `embeddings`. */
const byEmbeddingsPolicy = new WeakMap<ResolvedPolicy, CallStart>();

/**
 * The span name and start attributes of a call, built once per policy and reused: a policy is
 * frozen and lives as long as its table, so keying a WeakMap on it costs one lookup per call and
 * leaks nothing when a table is reloaded. Calls served by the unknown-task route carry their own
 * task name and get a fresh object, so an open-ended task set never grows the cache.
 */
export function callStartOf(call: RoutedCall): CallStart {
  if (call.stream === true) return streamCallStart(call);
  const cache = call.operation === "embeddings" ? byEmbeddingsPolicy : byPolicy;
  const cached = cache.get(call.policy);
  if (cached !== undefined && cached.task === call.task && cached.tableVersion === call.tableVersion) return cached;
  const built = buildCallStart(call);
  if (call.task === call.policy.task) cache.set(call.policy, built);
  return built;
}

/** The same for `router.stream` calls, whose spans also say `model_policy.stream`. */
const byStreamPolicy = new WeakMap<ResolvedPolicy, CallStart>();

function streamCallStart(call: RoutedCall): CallStart {
  const cached = byStreamPolicy.get(call.policy);
  if (cached !== undefined && cached.task === call.task && cached.tableVersion === call.tableVersion) return cached;
  const plain = buildCallStart(call);
  const built = { ...plain, attributes: { ...plain.attributes, [ATTR_MODEL_POLICY_STREAM]: true } };
  if (call.task === call.policy.task) byStreamPolicy.set(call.policy, built);
  return built;
}

function buildCallStart(call: RoutedCall): CallStart {
  const { policy } = call;
  const attributes: Attributes = {
    [ATTR_MODEL_POLICY_TASK]: call.task,
    [ATTR_MODEL_POLICY_ID]: policy.id,
    [ATTR_MODEL_POLICY_VERSION]: policy.version,
    [ATTR_MODEL_POLICY_REF]: `${policy.id}@${policy.version}`,
    [ATTR_MODEL_POLICY_DIGEST]: policy.digest,
    [ATTR_MODEL_POLICY_TABLE_VERSION]: call.tableVersion,
    [ATTR_MODEL_POLICY_MODEL_TIER]: policy.model_tier,
    [ATTR_MODEL_POLICY_LATENCY_TIER]: policy.latency_tier,
    [ATTR_MODEL_POLICY_BUDGET_INPUT_TOKENS]: policy.max_input_tokens,
    [ATTR_MODEL_POLICY_BUDGET_OUTPUT_TOKENS]: policy.max_output_tokens,
    [ATTR_MODEL_POLICY_EVIDENCE_REQUIRED]: policy.evidence_required,
    [ATTR_MODEL_POLICY_REVIEW_REQUIRED]: policy.review_required,
    [ATTR_MODEL_POLICY_FALLBACK_POLICY]: policy.fallback_policy,
    [ATTR_MODEL_POLICY_OPERATION]: call.operation ?? "chat",
  };
  return {
    task: call.task,
    tableVersion: call.tableVersion,
    spanName: SPAN_MODEL_POLICY_ROUTE_NAME.replace("{model_policy.task}", call.task),
    attributes: sanitizeAttributes(attributes),
  };
}
