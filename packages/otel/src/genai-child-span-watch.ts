import { type Context, type Span, SpanKind, trace } from "@opentelemetry/api";
import { ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_PROVIDER_NAME, ATTR_GEN_AI_SYSTEM } from "./semconv.js";

/**
 * The context an attempt runs in when the middleware must find out whether a GenAI client
 * instrumentation (`@opentelemetry/instrumentation-openai` and the like) is active for the
 * provider. It behaves exactly like the context it wraps; it only looks at spans that are made
 * current directly under it, which is what such an instrumentation does with its `chat {model}`
 * span (`trace.setSpan(context.active(), span)`), and remembers whether one of them is a GenAI
 * client span. Watching in-band works for ESM and CommonJS apps alike and for any provider name,
 * because it sees the instrumentation's span itself rather than guessing from loaded modules.
 *
 * A span can be classified only if it exposes its kind and attributes, as the SDK's spans do;
 * a non-recording span (an unsampled trace) cannot be, so nothing is learned from it.
 */
export class GenAiChildSpanWatch implements Context {
  private seen = false;

  constructor(private readonly inner: Context) {}

  /** Whether a GenAI client span was started directly under this context. */
  get sawGenAiClientSpan(): boolean {
    return this.seen;
  }

  getValue(key: symbol): unknown {
    return this.inner.getValue(key);
  }

  setValue(key: symbol, value: unknown): Context {
    const next = this.inner.setValue(key, value);
    // `trace.getSpan` tells a span being made current from any other value without our knowing
    // the API's private key. The returned context is the plain one: only direct children count.
    // Whatever goes wrong in looking stays here: this runs inside other instrumentations' code.
    try {
      if (!this.seen && trace.getSpan(next) === value && isGenAiClientSpan(value as Span)) this.seen = true;
    } catch {
      // Unclassifiable: treated as not a GenAI client span.
    }
    return next;
  }

  deleteValue(key: symbol): Context {
    return this.inner.deleteValue(key);
  }
}

/**
 * A CLIENT span with a GenAI operation, provider or system attribute: the span a GenAI client
 * instrumentation starts per model call (instrumentation-openai sets `gen_ai.operation.name` and
 * `gen_ai.system` at start). Reads the SDK span's `kind` and `attributes`, which the API's `Span`
 * does not declare but both SDK lines' spans carry.
 */
export function isGenAiClientSpan(span: Span): boolean {
  const { kind, attributes } = span as Partial<{ kind: unknown; attributes: Readonly<Record<string, unknown>> }>;
  if (kind !== SpanKind.CLIENT || typeof attributes !== "object" || attributes === null) return false;
  return (
    attributes[ATTR_GEN_AI_OPERATION_NAME] !== undefined ||
    attributes[ATTR_GEN_AI_PROVIDER_NAME] !== undefined ||
    attributes[ATTR_GEN_AI_SYSTEM] !== undefined
  );
}
