import type { ChatMessage } from "../adapter/model-adapter.js";
import type { ToolChoice } from "../adapter/tool-definition.js";
import type { EvidenceSource } from "../evidence/evidence-check.js";
import type { RiskLevel } from "../policy/policy-schema.js";
import type { RouteSchema } from "../schema/route-schema.js";
import type { RouteTool } from "./route-tool.js";

/**
 * One routed call's input. `schema` makes the output structured and typed (any Standard Schema
 * that can give a JSON Schema, or a `{ jsonSchema, validate }` pair); `sources` are what evidence
 * quotes are checked against; `risk` is what the caller already knows (the output's
 * `risk_level` can raise it, never lower it).
 */
export interface RouteRequest<S extends RouteSchema | undefined = RouteSchema | undefined> {
  messages: readonly ChatMessage[];
  schema?: S;
  /** Name sent with the JSON schema; defaults to `{task}_output`. */
  schemaName?: string;
  /**
   * Asks the provider to enforce the JSON Schema exactly (OpenAI's `json_schema.strict`), which
   * restricts the schema to the provider's strict subset. Unset leaves it to the adapter.
   */
  strict?: boolean;
  sources?: readonly EvidenceSource[];
  /**
   * Tools the model may call. Calls come back as the result's `toolCalls`, their arguments
   * validated against each tool's schema (invalid ones are repaired like a structured answer);
   * an answer with tool calls skips the output schema, since its text is not the output.
   */
  tools?: readonly RouteTool[];
  /** Whether and which tool the model must call; absent leaves it to the provider (`auto`). */
  toolChoice?: ToolChoice;
  /** Output fields that need evidence; by default every top-level field with a value. */
  evidenceFields?: readonly string[];
  risk?: RiskLevel;
  /** Cancels the call; in-flight provider requests are aborted. */
  signal?: AbortSignal;
  /** Deadline for the whole call, retries and fallbacks included. */
  timeoutMs?: number;
}
