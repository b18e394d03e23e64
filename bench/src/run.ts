/**
 * `pnpm bench` / `node bench/dist/run.js [b1|b1m|b2|b3|b4|b5|b5m|b6|ledger ...] [--repeats=N] [--quick]`:
 * runs the chosen benchmarks (default all), prints markdown tables, and writes `bench/results/<name>.json`,
 * `<name>.md` and `summary.md`. Benchmarks, not tests: nothing here asserts a timing.
 */
import { fileURLToPath } from "node:url";
import { B1_DEFAULTS } from "./b1/b1.js";
import { BenchChild } from "./lib/ipc.js";
import { machineInfo, machineLine } from "./lib/machine.js";
import { writeSummary } from "./lib/results.js";

const ALL = ["b1", "b1m", "b2", "b3", "b4", "b5", "b5m", "b6", "ledger"] as const;
type Bench = (typeof ALL)[number];

const args = process.argv.slice(2);
const chosen = args.filter((arg): arg is Bench => (ALL as readonly string[]).includes(arg));
const unknown = args.filter((arg) => !arg.startsWith("--") && !(ALL as readonly string[]).includes(arg));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; choose from ${ALL.join(", ")}`);
  process.exit(2);
}
const flag = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
const quick = args.includes("--quick");
const repeats = flag("repeats") ? Number(flag("repeats")) : undefined;
const benches = chosen.length > 0 ? chosen : [...ALL];

const machine = machineInfo();
console.log(`modelpolicy bench: ${benches.join(", ")} on ${machineLine(machine)}${quick ? " (quick)" : ""}`);

const server = await BenchChild.start(
  fileURLToPath(new URL("./server-process.js", import.meta.url)),
  [],
  "fake-server",
);
try {
  const { baseURL } = await server.request<{ baseURL: string }>("startOpenAI", {});
  for (const bench of benches) {
    const started = performance.now();
    console.log(`\n== ${bench} ==`);
    if (bench === "b1") {
      const { runB1 } = await import("./b1/b1.js");
      await runB1(baseURL, machine, {
        ...B1_DEFAULTS,
        ...(quick ? { repeats: 2, sequentialCalls: 200, rounds: 4, concurrentCalls: 1000 } : {}),
        ...(repeats ? { repeats } : {}),
      });
    } else if (bench === "b1m") {
      const { runB1 } = await import("./b1/b1.js");
      await runB1(baseURL, machine, {
        ...B1_DEFAULTS,
        transport: "memory",
        sequentialCalls: 2000,
        rounds: 10,
        concurrentCalls: 5000,
        ...(quick ? { repeats: 2, sequentialCalls: 500, rounds: 2, concurrentCalls: 1000 } : {}),
        ...(repeats ? { repeats } : {}),
      });
    } else if (bench === "b2") {
      const { runB2 } = await import("./b2/b2.js");
      await runB2(machine, { quick });
    } else if (bench === "b3") {
      const { runB3 } = await import("./b3/b3.js");
      await runB3(server, machine, { quick, repeats });
    } else if (bench === "b4") {
      const { runB4 } = await import("./b4/b4.js");
      await runB4(server, baseURL, machine, { quick });
    } else if (bench === "b5") {
      const { B5_DEFAULTS, B5_QUICK, runB5 } = await import("./b5/b5.js");
      await runB5(machine, { ...B5_DEFAULTS, ...(quick ? B5_QUICK : {}), ...(repeats ? { repeats } : {}) });
    } else if (bench === "b5m") {
      const { B5M_DEFAULTS, B5_QUICK, runB5 } = await import("./b5/b5.js");
      await runB5(machine, { ...B5M_DEFAULTS, ...(quick ? B5_QUICK : {}), ...(repeats ? { repeats } : {}) });
    } else if (bench === "b6") {
      const { runB6 } = await import("./b6/b6.js");
      await runB6(machine, { quick });
    } else if (bench === "ledger") {
      const { LEDGER_WRITE_DEFAULTS, runLedgerWrite } = await import("./ledger/ledger-write.js");
      const { COST_QUERY_DEFAULTS, runCostQuery } = await import("./ledger/cost-query.js");
      await runLedgerWrite(machine, quick ? { ...LEDGER_WRITE_DEFAULTS, spans: 20_000 } : LEDGER_WRITE_DEFAULTS);
      await runCostQuery(machine, quick ? { ...COST_QUERY_DEFAULTS, records: 50_000 } : COST_QUERY_DEFAULTS);
    }
    console.log(`== ${bench} done in ${((performance.now() - started) / 1000).toFixed(1)} s ==`);
  }
  writeSummary(machine);
  console.log("\nresults: bench/results/*.json, bench/results/summary.md");
} finally {
  await server.stop();
}
