export { DEFAULT_LEDGER_DIR, type LedgerFileTail, ledgerFileName, ledgerFileTail } from "./ledger-file.js";
export { type LedgerLine, ledgerLineFromSpan } from "./ledger-line.js";
export {
  isRoutedCallSpan,
  LEDGER_ATTRIBUTE_COLUMNS,
  LEDGER_SCHEMA_VERSION,
  type LedgerColumnKind,
  type LedgerRecord,
  ledgerRecordFromSpan,
} from "./ledger-record.js";
export { LedgerSpanExporter, type LedgerSpanExporterOptions } from "./ledger-span-exporter.js";
export { type LedgerContents, ledgerFiles, readLedger } from "./read-ledger.js";
export {
  type AttributeValueLike,
  EXPORT_FAILED,
  EXPORT_SUCCESS,
  type ExportResultLike,
  type HrTimeLike,
  hrTimeToMilliseconds,
  type ReadableSpanLike,
} from "./readable-span-like.js";
