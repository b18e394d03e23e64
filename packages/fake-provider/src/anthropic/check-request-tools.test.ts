import { describe, expect, it } from "vitest";
import { checkRequestTools } from "./check-request-tools.js";

const weather = { name: "get_weather", description: "Weather", input_schema: { type: "object", properties: {} } };

describe("checkRequestTools", () => {
  it.each([[{ type: "auto" }], [{ type: "any" }], [{ type: "none" }], [{ type: "tool", name: "get_weather" }]])(
    "accepts tools with tool_choice %j",
    (choice) => {
      expect(checkRequestTools({ tools: [weather], tool_choice: choice })).toBeUndefined();
    },
  );

  it.each([
    ["a name with a dot", { tools: [{ ...weather, name: "get.weather" }] }, /tools\.0\.custom\.name/],
    ["two tools of one name", { tools: [weather, weather] }, /must be unique/],
    [
      "a schema that is not an object",
      { tools: [{ ...weather, input_schema: { type: "string" } }] },
      /input_schema\.type: Input should be 'object'/,
    ],
    ["a tool without a schema", { tools: [{ name: "x" }] }, /input_schema: Field required/],
    ["an unknown choice", { tools: [weather], tool_choice: { type: "required" } }, /Input tag 'required'/],
    [
      "a forced tool that is not there",
      { tools: [weather], tool_choice: { type: "tool", name: "x" } },
      /'x' not found/,
    ],
    ["any without tools", { tool_choice: { type: "any" } }, /requires tools/],
  ])("refuses %s", (_name, body, problem) => {
    expect(checkRequestTools(body)).toMatch(problem);
  });
});
