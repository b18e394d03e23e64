import { describe, expect, it } from "vitest";
import { ToolCallDeltas } from "./tool-call-deltas.js";

describe("ToolCallDeltas", () => {
  it("joins interleaved argument pieces by index, in index order", () => {
    const deltas = new ToolCallDeltas();
    deltas.add([{ index: 0, id: "call_a", type: "function", function: { name: "get_weather", arguments: "" } }]);
    deltas.add([{ index: 1, id: "call_b", type: "function", function: { name: "get_time", arguments: '{"tz"' } }]);
    deltas.add([{ index: 0, function: { arguments: '{"city":' } }]);
    deltas.add([
      { index: 1, function: { arguments: ':"UTC"}' } },
      { index: 0, function: { arguments: '"Oslo"}' } },
    ]);
    expect(deltas.toolCalls()).toEqual([
      { id: "call_a", name: "get_weather", arguments: '{"city":"Oslo"}' },
      { id: "call_b", name: "get_time", arguments: '{"tz":"UTC"}' },
    ]);
  });

  it("reads calls without an index by id: a new id starts a call, pieces without one continue it", () => {
    const deltas = new ToolCallDeltas();
    deltas.add([{ id: "call_a", function: { name: "get_weather", arguments: '{"city":' } }]);
    deltas.add([{ function: { arguments: '"Oslo"}' } }]);
    deltas.add([{ id: "call_b", function: { name: "get_time", arguments: "{}" } }]);
    expect(deltas.toolCalls()?.map((call) => [call.id, call.arguments])).toEqual([
      ["call_a", '{"city":"Oslo"}'],
      ["call_b", "{}"],
    ]);
  });

  it("answers undefined for a stream without tool calls", () => {
    const deltas = new ToolCallDeltas();
    deltas.add(null);
    expect(deltas.toolCalls()).toBeUndefined();
  });
});
