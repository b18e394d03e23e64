import { appendFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { safeErrorHandler, type TelemetryErrorHandler } from "../telemetry-error-handler.js";
import { DEFAULT_LEDGER_DIR, ledgerFileName, ledgerFileTail } from "./ledger-file.js";
import { ledgerLineFromSpan } from "./ledger-line.js";
import { isRoutedCallSpan } from "./ledger-record.js";
import { EXPORT_FAILED, EXPORT_SUCCESS, type ExportResultLike, type ReadableSpanLike } from "./readable-span-like.js";

/** Options of {@link LedgerSpanExporter}. */
export interface LedgerSpanExporterOptions {
  /** Folder of the daily `YYYY-MM-DD.jsonl` files; created on first write. Default `.modelpolicy/ledger`. */
  readonly dir?: string;
  /** Receives write failures, which never reach the host. Default: OpenTelemetry's `diag.error`. */
  readonly onError?: TelemetryErrorHandler;
}

/** The lines of one batch that go to one daily file, encoded for the append. */
interface FileChunk {
  data: Buffer;
  records: number;
}

const NEWLINE = Buffer.from("\n");

/**
 * A span exporter that appends one flat JSON line per routed call to a local ledger, so cost per
 * task can be queried with no collector or backend running. Register it on a batch span processor
 * next to (or instead of) the OTLP exporter; spans that are not routed calls are ignored.
 *
 * Each batch becomes one append of whole lines per daily file (O_APPEND), so readers may query
 * while a service writes and concurrent writers never interleave within a line; only a crash
 * mid-write can leave a torn last line, which the next writer seals with a newline first. Writes
 * are queued one after another. A failed write is reported to `onError`, counted in
 * `droppedRecords` and answered with FAILED: losing ledger lines beats breaking the host.
 */
export class LedgerSpanExporter {
  /** The ledger folder. */
  readonly dir: string;
  private readonly onError: TelemetryErrorHandler;
  private pending: Promise<void> = Promise.resolve();
  private dirReady = false;
  private readonly sealedFiles = new Set<string>();
  private stopped = false;
  private dropped = 0;

  constructor(options: LedgerSpanExporterOptions = {}) {
    this.dir = options.dir ?? DEFAULT_LEDGER_DIR;
    this.onError = safeErrorHandler(options.onError);
  }

  /** Records that were routed calls but could not be written (serialisation or I/O failure). */
  get droppedRecords(): number {
    return this.dropped;
  }

  /** Queues the batch's routed calls for one append per daily file; never throws. */
  export(spans: readonly ReadableSpanLike[], resultCallback: (result: ExportResultLike) => void): void {
    if (this.stopped) {
      resultCallback({ code: EXPORT_FAILED, error: new Error("LedgerSpanExporter is shut down") });
      return;
    }
    const { chunks, failed } = this.serialise(spans);
    if (chunks.size === 0) {
      resultCallback(failed ? { code: EXPORT_FAILED, error: failed } : { code: EXPORT_SUCCESS });
      return;
    }
    const write = this.pending.then(() => this.writeChunks(chunks));
    this.pending = write.then(() => undefined);
    void write.then((writeError) => {
      const error = writeError ?? failed;
      try {
        resultCallback(error ? { code: EXPORT_FAILED, error } : { code: EXPORT_SUCCESS });
      } catch (callbackError) {
        this.onError("the span processor's export callback threw", callbackError);
      }
    });
  }

  /** Resolves once every batch handed to `export` so far has been written (or dropped). */
  forceFlush(): Promise<void> {
    return this.pending;
  }

  /** Flushes, then refuses further batches. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    await this.pending;
  }

  private serialise(spans: readonly ReadableSpanLike[]): { chunks: Map<string, FileChunk>; failed?: Error } {
    const texts = new Map<string, { text: string; records: number }>();
    let failed: Error | undefined;
    for (const span of spans) {
      try {
        if (!isRoutedCallSpan(span)) continue;
        const line = ledgerLineFromSpan(span);
        const file = ledgerFileName(line.time);
        const chunk = texts.get(file);
        if (chunk === undefined) texts.set(file, { text: line.text, records: 1 });
        else {
          chunk.text += line.text;
          chunk.records += 1;
        }
      } catch (error) {
        this.dropped += 1;
        failed = asError(error);
        this.onError("could not serialise a routed-call span for the ledger", error);
      }
    }
    // Encoded on this turn, not when the file is open: a batch's text is a string of many small
    // pieces, which every young-generation GC in the meantime would copy and then promote, while
    // a Buffer lives outside the JS heap (what it saves: docs/decisions/2026-11-30-otel-hot-path.md).
    const chunks = new Map<string, FileChunk>();
    for (const [file, { text, records }] of texts) chunks.set(file, { data: Buffer.from(text), records });
    return failed ? { chunks, failed } : { chunks };
  }

  /** Resolves to the first error, after trying every file; never rejects. */
  private async writeChunks(chunks: Map<string, FileChunk>): Promise<Error | undefined> {
    let firstError: Error | undefined;
    for (const [file, chunk] of chunks) {
      try {
        await this.append(join(this.dir, file), chunk.data);
      } catch (error) {
        this.dropped += chunk.records;
        firstError ??= asError(error);
        this.onError(`could not append ${chunk.records} record(s) to the ledger ${join(this.dir, file)}`, error);
      }
    }
    return firstError;
  }

  private async append(path: string, lines: Buffer): Promise<void> {
    if (!this.dirReady) {
      await mkdir(this.dir, { recursive: true });
      this.dirReady = true;
    }
    let data = lines;
    if (!this.sealedFiles.has(path)) {
      // A previous writer may have crashed mid-line: start on a fresh line so its fragment
      // cannot swallow our first record.
      if ((await ledgerFileTail(path)).unterminated) data = Buffer.concat([NEWLINE, lines]);
      this.sealedFiles.add(path);
    }
    try {
      await appendFile(path, data);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      // The folder was removed under us (retention, a test): recreate it once.
      await mkdir(this.dir, { recursive: true });
      await appendFile(path, data);
    }
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
