import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROUTED_ATTRIBUTES, routedSpan } from "./__fixtures__/routed-span.js";
import { ledgerFileTail } from "./ledger-file.js";
import { LedgerSpanExporter } from "./ledger-span-exporter.js";
import { readLedger } from "./read-ledger.js";
import type { ExportResultLike, ReadableSpanLike } from "./readable-span-like.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ledger-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function exportBatch(exporter: LedgerSpanExporter, spans: readonly ReadableSpanLike[]): Promise<ExportResultLike> {
  return new Promise((resolve) => exporter.export(spans, resolve));
}

const DAY = Date.UTC(2026, 10, 25, 10, 0, 0);

describe("LedgerSpanExporter", () => {
  it("appends one line per routed call to the file of the span's UTC end day, creating the folder", async () => {
    const ledger = join(dir, "nested", "ledger");
    const exporter = new LedgerSpanExporter({ dir: ledger });
    const spans = [
      routedSpan({ endMs: DAY }),
      routedSpan({ attributes: { "gen_ai.operation.name": "chat" } }),
      routedSpan({ endMs: DAY + 14 * 3600_000 }),
    ];
    expect(await exportBatch(exporter, spans)).toEqual({ code: 0 });
    await exporter.shutdown();

    const contents = await readLedger(ledger);
    expect(contents.files.map((file) => file.slice(ledger.length + 1))).toEqual([
      "2026-11-25.jsonl",
      "2026-11-26.jsonl",
    ]);
    expect(contents.records.map((record) => record.time)).toEqual([
      "2026-11-25T10:00:00.000Z",
      "2026-11-26T00:00:00.000Z",
    ]);
    expect(contents.records[0]).toMatchObject({
      task: "field_extraction",
      cost_usd: 0.00123,
      service: "invoice-service",
    });
    expect(contents.tornLines).toBe(0);
    expect(exporter.droppedRecords).toBe(0);
  });

  it("answers SUCCESS at once for a batch without routed calls, and writes nothing", async () => {
    const exporter = new LedgerSpanExporter({ dir });
    expect(await exportBatch(exporter, [routedSpan({ attributes: {} })])).toEqual({ code: 0 });
    expect((await readLedger(dir)).files).toEqual([]);
  });

  it("counts a hand-made torn last line, and the next writer seals it before appending", async () => {
    const exporter = new LedgerSpanExporter({ dir });
    await exportBatch(exporter, [routedSpan({ endMs: DAY }), routedSpan({ endMs: DAY })]);
    const file = join(dir, "2026-11-25.jsonl");
    await appendFile(file, '{"schema":1,"time":"2026-11-25T10:00:01.000Z","ta');

    expect(await ledgerFileTail(file)).toEqual({ unterminated: true, torn: true });
    const torn = await readLedger(dir);
    expect(torn.records).toHaveLength(2);
    expect(torn.tornLines).toBe(1);

    const restarted = new LedgerSpanExporter({ dir });
    expect(await exportBatch(restarted, [routedSpan({ endMs: DAY })])).toEqual({ code: 0 });
    const sealed = await readLedger(dir);
    expect(sealed.records).toHaveLength(3);
    expect(sealed.tornLines).toBe(0);
    expect(sealed.malformedLines).toBe(1);
  });

  it("reads an unterminated line that is a complete record: it lost only its newline", async () => {
    const line = JSON.stringify({ schema: 1, task: "t" });
    await writeFile(join(dir, "2026-11-25.jsonl"), `${line}\n${line}`);
    expect(await ledgerFileTail(join(dir, "2026-11-25.jsonl"))).toEqual({ unterminated: true, torn: false });
    const contents = await readLedger(dir);
    expect(contents.records).toHaveLength(2);
    expect(contents.tornLines).toBe(0);
  });

  it("two exporters writing to one folder at once produce only whole lines", async () => {
    const first = new LedgerSpanExporter({ dir });
    const second = new LedgerSpanExporter({ dir });
    const batch = (task: string) =>
      Array.from({ length: 256 }, () =>
        routedSpan({ endMs: DAY, attributes: { ...ROUTED_ATTRIBUTES, "model_policy.task": task } }),
      );
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => exportBatch(index % 2 ? first : second, batch(`task_${index % 2}`))),
    );
    expect(results.every((result) => result.code === 0)).toBe(true);

    const text = await readFile(join(dir, "2026-11-25.jsonl"), "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.slice(0, -1).split("\n");
    expect(lines).toHaveLength(20 * 256);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const contents = await readLedger(dir);
    expect(contents.malformedLines + contents.tornLines).toBe(0);
    expect(contents.records.filter((record) => record.task === "task_0")).toHaveLength(10 * 256);
  });

  it("reports an unwritable folder as FAILED, counts the dropped records and never throws", async () => {
    const blocker = join(dir, "not-a-folder");
    await writeFile(blocker, "");
    const errors: unknown[] = [];
    const exporter = new LedgerSpanExporter({
      dir: join(blocker, "ledger"),
      onError: (_, error) => errors.push(error),
    });

    const result = await exportBatch(exporter, [routedSpan(), routedSpan(), routedSpan({ attributes: {} })]);
    expect(result.code).toBe(1);
    expect(result.error).toBeInstanceOf(Error);
    expect(exporter.droppedRecords).toBe(2);
    expect(errors).toHaveLength(1);
    await expect(exporter.forceFlush()).resolves.toBeUndefined();
    await expect(exporter.shutdown()).resolves.toBeUndefined();
  });

  it("keeps writing after a failed batch, in order", async () => {
    const exporter = new LedgerSpanExporter({ dir, onError: () => {} });
    const broken = routedSpan();
    Object.defineProperty(broken, "endTime", {
      get() {
        throw new Error("broken span");
      },
    });
    const results = await Promise.all([
      exportBatch(exporter, [broken, routedSpan({ endMs: DAY })]),
      exportBatch(exporter, [routedSpan({ endMs: DAY + 1 })]),
    ]);
    expect(results.map((result) => result.code)).toEqual([1, 0]);
    expect(exporter.droppedRecords).toBe(1);
    const times = (await readLedger(dir)).records.map((record) => record.time);
    expect(times).toEqual(["2026-11-25T10:00:00.000Z", "2026-11-25T10:00:00.001Z"]);
  });

  it("refuses batches after shutdown", async () => {
    const exporter = new LedgerSpanExporter({ dir });
    await exporter.shutdown();
    expect((await exportBatch(exporter, [routedSpan()])).code).toBe(1);
    expect((await readLedger(dir)).files).toEqual([]);
  });

  it("recreates a folder removed while it runs", async () => {
    const ledger = join(dir, "ledger");
    const exporter = new LedgerSpanExporter({ dir: ledger });
    await exportBatch(exporter, [routedSpan({ endMs: DAY })]);
    await rm(ledger, { recursive: true });
    expect(await exportBatch(exporter, [routedSpan({ endMs: DAY })])).toEqual({ code: 0 });
    expect((await readLedger(ledger)).records).toHaveLength(1);
  });
});
