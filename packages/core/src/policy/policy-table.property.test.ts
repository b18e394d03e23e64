import fc from "fast-check";
import { describe, it } from "vitest";
import { testTable } from "../__fixtures__/tables.js";
import { PolicyTableError } from "../errors/policy-table-error.js";
import { parsePolicyTable, parsePolicyTableText } from "./policy-table.js";

function outcome(load: () => unknown): "table" | "error" {
  try {
    load();
    return "table";
  } catch (error) {
    if (PolicyTableError.isInstance(error)) return "error";
    throw error;
  }
}

describe("loader properties", () => {
  it("any JSON value either loads or raises PolicyTableError, never anything else", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => ["table", "error"].includes(outcome(() => parsePolicyTable(value)))),
      {
        numRuns: 500,
      },
    );
  });

  it("any text either loads or raises PolicyTableError", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) =>
        ["table", "error"].includes(outcome(() => parsePolicyTableText(text))),
      ),
      {
        numRuns: 500,
      },
    );
  });

  it("any bytes either load or raise PolicyTableError", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) =>
        ["table", "error"].includes(outcome(() => parsePolicyTableText(bytes))),
      ),
      {
        numRuns: 300,
      },
    );
  });

  it("a valid table with one field replaced by garbage is rejected whole, with that field's path", () => {
    const fields = [
      "model_tier",
      "max_input_tokens",
      "max_output_tokens",
      "evidence_required",
      "fallback_policy",
      "latency_tier",
    ] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...fields),
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom(null, [], {}, -5, "??"),
        (field, index, garbage) => {
          const table = testTable();
          const policies = table.policies.map((policy, i) => (i === index ? { ...policy, [field]: garbage } : policy));
          try {
            parsePolicyTable({ ...table, policies });
          } catch (error) {
            if (!PolicyTableError.isInstance(error)) return false;
            return error.issues.some(
              (issue) => issue.path[0] === "policies" && issue.path[1] === index && issue.path[2] === field,
            );
          }
          return false;
        },
      ),
      { numRuns: 300 },
    );
  });
});
