/**
 * `[seconds, nanoseconds]` since the epoch (or a duration), as OpenTelemetry's `HrTime`.
 * Copied as a type so the ledger needs no SDK package at run time.
 */
export type HrTimeLike = readonly [number, number];

/**
 * An attribute value as the SDK stores it on a finished span. What the ledger's own fixtures
 * build; spans themselves are read as `unknown` values (see {@link ReadableSpanLike}).
 */
export type AttributeValueLike = string | number | boolean | readonly (string | number | boolean | null | undefined)[];

/**
 * The part of the SDK's `ReadableSpan` the ledger reads. Structural on purpose: the exporter is
 * handed spans by whatever SDK line the host installed (`@opentelemetry/sdk-trace` 3 or
 * `sdk-trace-base`/`-node` 2), and importing either here would pin (and duplicate) one. Plain
 * objects of this shape are also what the tests build, so they run without the SDK.
 *
 * Every member is the widest either line gives, so both lines' spans (and so both lines'
 * `SpanExporter` types) fit: attribute values are `unknown` because `@opentelemetry/api` 1.10
 * made `AttributeValue` an alias of `AnyValue` (`unknown`), which SDK 3 and SDK 2 on api 1.10
 * both use, while api 1.9 still gives the narrower primitive union. The ledger checks each
 * value's type as it copies it anyway.
 */
export interface ReadableSpanLike {
  readonly name: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  spanContext(): { readonly traceId: string; readonly spanId: string };
  readonly startTime: HrTimeLike;
  readonly endTime: HrTimeLike;
  readonly duration: HrTimeLike;
  readonly resource: { readonly attributes: Readonly<Record<string, unknown>> };
  readonly status: { readonly code: number; readonly message?: string | undefined };
}

/** `ExportResultCode.SUCCESS` of `@opentelemetry/core`, copied for the same reason. */
export const EXPORT_SUCCESS = 0 as const;
/** `ExportResultCode.FAILED` of `@opentelemetry/core`. */
export const EXPORT_FAILED = 1 as const;

/** The SDK's `ExportResult`: what a span processor learns about one `export()` call. */
export interface ExportResultLike {
  readonly code: typeof EXPORT_SUCCESS | typeof EXPORT_FAILED;
  readonly error?: Error;
}

/** Milliseconds since the epoch (or of a duration) from an `HrTime`. */
export function hrTimeToMilliseconds(time: HrTimeLike): number {
  return time[0] * 1000 + time[1] / 1e6;
}
