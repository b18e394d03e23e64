import { describe, expect, it } from "vitest";
import { createProgress } from "./progress.js";

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, isTTY, columns: 80, write: (text: string) => written.push(text) };
}

describe("progress", () => {
  it("draws a bar in place on a terminal and ends the line", () => {
    const tty = stream(true);
    let clock = 0;
    const progress = createProgress(tty, "eval table", 4, 0, () => clock);
    for (let index = 0; index < 4; index += 1) {
      clock += 200;
      progress.tick();
    }
    progress.done();
    expect(tty.written.every((text) => text.startsWith("\r") || text === "\n")).toBe(true);
    expect(tty.written.at(-2)).toMatch(/\[#+\] 4\/4 100%$/);
    expect(tty.written.at(-1)).toBe("\n");
  });

  it("writes a plain line per 10 % elsewhere, counting resumed examples", () => {
    const pipe = stream(false);
    const progress = createProgress(pipe, "eval baseline", 20, 10, () => 0);
    for (let index = 0; index < 10; index += 1) progress.tick();
    progress.done();
    expect(pipe.written).toHaveLength(5);
    expect(pipe.written[0]).toBe("modelpolicy: eval baseline: 12/20 examples (60%)\n");
    expect(pipe.written.at(-1)).toBe("modelpolicy: eval baseline: 20/20 examples (100%)\n");
  });

  it("is silent without a stream", () => {
    const progress = createProgress(undefined, "x", 3);
    progress.tick();
    progress.done();
  });
});
