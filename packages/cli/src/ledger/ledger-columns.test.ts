import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ledgerRecord, writeLedger } from "../__fixtures__/ledger-fixture.js";
import { LEDGER_COLUMN_TYPES, readLedgerSql } from "./ledger-columns.js";
import { runLedgerQuery } from "./run-ledger-query.js";

describe("LEDGER_COLUMN_TYPES", () => {
  it("reads the prompt-cache counts the exporter writes as integers, an older line's missing key as null", async () => {
    expect(LEDGER_COLUMN_TYPES.cached_input_tokens).toBe("BIGINT");
    expect(LEDGER_COLUMN_TYPES.cache_write_input_tokens).toBe("BIGINT");
    const ledger = await writeLedger({
      "2026-11-25.jsonl": [
        ledgerRecord({ cached_input_tokens: 800, cache_write_input_tokens: 0 }),
        ledgerRecord({ cached_input_tokens: null, cache_write_input_tokens: 1_200 }),
        // A line written before the cache-write column existed.
        ledgerRecord(),
      ],
    });
    const source = readLedgerSql(
      [join(ledger, "2026-11-25.jsonl")],
      ["cached_input_tokens", "cache_write_input_tokens"],
    );
    const rows = await runLedgerQuery(
      `SELECT sum(cached_input_tokens)::INTEGER AS reads, sum(cache_write_input_tokens)::INTEGER AS writes,
        count(cache_write_input_tokens)::INTEGER AS reported FROM ${source}`,
    );
    expect(rows).toEqual([{ reads: 800, writes: 1_200, reported: 2 }]);
  });
});
