import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { CliError } from "../cli-error.js";
import { EXIT_CODES } from "../exit-codes.js";
import type { ExampleResult } from "./example-result.js";

/**
 * Per-example results of one run as JSON lines in `<dir>/<run>.jsonl`, appended as each example
 * finishes, so an interrupted eval loses at most the examples in flight. `--resume` reads the
 * file back and skips what is there; a torn last line (a crash mid-write) is dropped and redone.
 */
export class ResultStore {
  private constructor(
    private readonly stream: WriteStream,
    readonly path: string,
  ) {}

  /**
   * Opens the run's file. With `resume`, returns the results already in it, refusing (usage
   * error) when they were made with another table; without, starts the file afresh.
   */
  static async open(
    dir: string,
    run: string,
    table: string,
    resume: boolean,
  ): Promise<{ store: ResultStore; previous: ExampleResult[]; dropped: number }> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${run}.jsonl`);
    let previous: ExampleResult[] = [];
    let dropped = 0;
    if (resume) {
      ({ results: previous, dropped } = await readResults(path));
      const foreign = previous.find((result) => result.table !== table);
      if (foreign) {
        throw new CliError(
          `${path} holds results of another policy table (${foreign.table}, this one is ${table}): use another --out folder, or run without --resume to start over.`,
          EXIT_CODES.usage,
        );
      }
    }
    // The file is rewritten with only the good lines, so a torn line never sits mid-file.
    const stream = createWriteStream(path, { flags: "w" });
    const store = new ResultStore(stream, path);
    for (const result of previous) await store.append(result);
    return { store, previous, dropped };
  }

  /** Appends one result line. */
  append(result: ExampleResult): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.write(`${JSON.stringify(result)}\n`, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Flushes and closes the file. */
  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}

/** Reads a results file; missing means empty, unreadable lines are counted and dropped. */
export async function readResults(path: string): Promise<{ results: ExampleResult[]; dropped: number }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return { results: [], dropped: 0 };
  }
  const results: ExampleResult[] = [];
  let dropped = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const value = JSON.parse(line) as ExampleResult;
      if (value.schema === 1 && typeof value.example_id === "string" && typeof value.route === "string") {
        results.push(value);
      } else dropped += 1;
    } catch {
      dropped += 1;
    }
  }
  return { results, dropped };
}
