/**
 * The OTLP/JSON request shapes, only as far as the receiver reads them. Every field is optional
 * and 64-bit numbers may be strings, numbers or `{low, high}` pairs, because exporters differ and
 * the receiver must decode what any of them sends rather than reject it.
 */
export type OtlpLong = string | number | { low: number; high: number };

/** OTLP `AnyValue`: exactly one of the fields is set. */
export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: OtlpLong;
  doubleValue?: number | string;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
  bytesValue?: string;
}

/** OTLP `KeyValue`, the element of every attribute list. */
export interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}

/** OTLP `Resource`. */
export interface OtlpResource {
  attributes?: OtlpKeyValue[];
}

/** OTLP `InstrumentationScope`. */
export interface OtlpScope {
  name?: string;
  version?: string;
}
