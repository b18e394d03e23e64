import { LEDGER_ATTRIBUTE_COLUMNS, LEDGER_SCHEMA_VERSION, type LedgerColumnKind } from "./ledger-record.js";
import { type HrTimeLike, hrTimeToMilliseconds, type ReadableSpanLike } from "./readable-span-like.js";

/** A routed call serialised for the ledger: its JSON line and the end time that picks the file. */
export interface LedgerLine {
  /** ISO-8601 UTC end time (the record's `time`). */
  readonly time: string;
  /** One JSON object and its `\n`. */
  readonly text: string;
}

// `,"key":` for every column, computed once from the one mapping.
const COLUMN_PREFIXES = LEDGER_ATTRIBUTE_COLUMNS.map((column) => `,${JSON.stringify(column.key)}:`);

/**
 * The exporter's hot path: writes the same JSON as `JSON.stringify(ledgerRecordFromSpan(span))`
 * (a test holds them equal) without building the record object first, which costs several times
 * as much, on the application's thread, for every routed call (the figures:
 * docs/decisions/2026-11-30-otel-hot-path.md).
 */
export function ledgerLineFromSpan(span: ReadableSpanLike): LedgerLine {
  const context = span.spanContext();
  const service = span.resource.attributes["service.name"];
  const time = endTimes.iso(span.endTime);
  let text = `{"schema":${LEDGER_SCHEMA_VERSION},"time":"${time}","start_time":"${startTimes.iso(span.startTime)}","trace_id":${jsonString(
    context.traceId,
  )},"span_id":${jsonString(context.spanId)},"service":${typeof service === "string" ? jsonString(service) : "null"},"duration_ms":${
    Math.round(hrTimeToMilliseconds(span.duration) * 1000) / 1000
  }`;
  const attributes = span.attributes;
  for (let index = 0; index < LEDGER_ATTRIBUTE_COLUMNS.length; index += 1) {
    const column = LEDGER_ATTRIBUTE_COLUMNS[index]!;
    text += COLUMN_PREFIXES[index]! + jsonValue(attributes[column.attribute], column.kind);
  }
  return { time, text: `${text}}\n` };
}

// Strings that JSON writes verbatim between quotes: no quote, backslash, control character or
// surrogate half. A regex test is a third of the cost of `JSON.stringify` for such strings.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what JSON must escape.
const PLAIN_STRING = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

function jsonString(value: string): string {
  return PLAIN_STRING.test(value) ? `"${value}"` : JSON.stringify(value);
}

function jsonValue(value: unknown, kind: LedgerColumnKind): string {
  switch (kind) {
    case "string":
      return typeof value === "string" ? jsonString(value) : "null";
    case "integer":
      return typeof value === "number" && Number.isFinite(value) ? String(Math.trunc(value)) : "null";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value === true ? "true" : value === false ? "false" : "null";
    case "string[]":
      return Array.isArray(value) ? JSON.stringify(value.filter((item) => typeof item === "string")) : "null";
  }
}

// Latest valid ISO-8601 time with millisecond precision that `toISOString` can write as 24 chars.
const MAX_ISO_MS = 253_402_300_799_999;

/**
 * `toISOString()` for a stream of nearby times: spans of a batch mostly end within the same
 * second, so the `YYYY-MM-DDTHH:MM:SS.` part is reused and only the milliseconds are written.
 */
class IsoTimeCache {
  private second = Number.NaN;
  private prefix = "";

  iso(time: HrTimeLike): string {
    const exact = hrTimeToMilliseconds(time);
    if (!(exact >= 0 && exact <= MAX_ISO_MS)) return new Date(exact).toISOString();
    const ms = Math.floor(exact);
    const second = Math.floor(ms / 1000);
    if (second !== this.second) {
      this.prefix = new Date(second * 1000).toISOString().slice(0, 20);
      this.second = second;
    }
    const millis = ms - second * 1000;
    return `${this.prefix}${millis < 10 ? "00" : millis < 100 ? "0" : ""}${millis}Z`;
  }
}

const endTimes = new IsoTimeCache();
const startTimes = new IsoTimeCache();
