import type { AttemptCall, AttemptRecord } from "@modelpolicy/core";
import type { Attributes } from "@opentelemetry/api";
import { ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT, GEN_AI_PROVIDER_NAME_VALUE_OPENAI } from "./semconv.js";
import {
  ATTR_OPENAI_API_TYPE,
  ATTR_OPENAI_REQUEST_SERVICE_TIER,
  ATTR_OPENAI_RESPONSE_SERVICE_TIER,
  ATTR_OPENAI_RESPONSE_SYSTEM_FINGERPRINT,
  OPENAI_API_TYPE_VALUE_CHAT_COMPLETIONS,
} from "./semconv-openai.js";

/**
 * Where an attempt is sent, as the adapter reports it on core's `AttemptCall.endpoint`
 * (`server.address`, and `server.port` resolved from the URL's scheme when the URL names none).
 * An adapter that reports none leaves the attempt without `server.*` attributes.
 */
export interface AttemptEndpoint {
  readonly address: string;
  readonly port?: number | undefined;
}

/**
 * Facts of an attempt that come from its adapter: the endpoint, the provider API
 * (`chat_completions`, `responses`) and a requested service tier on the call; the service tier
 * and system fingerprint a response named on the record. Adapters are third-party code, so each
 * value is type-checked where it is read: a missing or odd field costs its attribute and nothing
 * else.
 */
interface AttemptCallFacts {
  readonly endpoint?: { readonly address?: unknown; readonly port?: unknown };
  readonly api?: unknown;
  readonly request?: { readonly serviceTier?: unknown };
}

interface AttemptRecordFacts {
  readonly serviceTier?: unknown;
  readonly systemFingerprint?: unknown;
}

/** The attempt's endpoint when its adapter reported a usable one. */
export function endpointOf(attempt: AttemptCall): AttemptEndpoint | undefined {
  const endpoint = (attempt as unknown as AttemptCallFacts).endpoint;
  if (typeof endpoint !== "object" || endpoint === null) return undefined;
  const { address, port } = endpoint;
  if (typeof address !== "string" || address === "") return undefined;
  return { address, port: Number.isInteger(port) && (port as number) > 0 ? (port as number) : undefined };
}

/**
 * Start attributes an attempt gets from its provider: `server.address` / `server.port` for
 * every provider, and for OpenAI (`gen_ai.provider.name` `openai`) the `openai.*` request
 * attributes of GenAI semconv v1.41. `openai.api.type` is `chat_completions` unless the attempt
 * says otherwise: the one API `@modelpolicy/openai` speaks today.
 */
export function providerStartAttributes(attempt: AttemptCall, attributes: Attributes): void {
  const endpoint = endpointOf(attempt);
  if (endpoint !== undefined) {
    attributes[ATTR_SERVER_ADDRESS] = endpoint.address;
    if (endpoint.port !== undefined) attributes[ATTR_SERVER_PORT] = endpoint.port;
  }
  if (attempt.provider !== GEN_AI_PROVIDER_NAME_VALUE_OPENAI) return;
  const facts = attempt as unknown as AttemptCallFacts;
  attributes[ATTR_OPENAI_API_TYPE] = typeof facts.api === "string" ? facts.api : OPENAI_API_TYPE_VALUE_CHAT_COMPLETIONS;
  const requested = facts.request?.serviceTier;
  // semconv: set only when the request names a tier other than `auto`.
  if (typeof requested === "string" && requested !== "auto") attributes[ATTR_OPENAI_REQUEST_SERVICE_TIER] = requested;
}

/** The `openai.response.*` attributes of an OpenAI attempt's record, when it has them. */
export function providerEndAttributes(attempt: AttemptCall, record: AttemptRecord, attributes: Attributes): void {
  if (attempt.provider !== GEN_AI_PROVIDER_NAME_VALUE_OPENAI) return;
  const facts = record as unknown as AttemptRecordFacts;
  if (typeof facts.serviceTier === "string") attributes[ATTR_OPENAI_RESPONSE_SERVICE_TIER] = facts.serviceTier;
  if (typeof facts.systemFingerprint === "string") {
    attributes[ATTR_OPENAI_RESPONSE_SYSTEM_FINGERPRINT] = facts.systemFingerprint;
  }
}
