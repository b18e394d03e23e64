import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import {
  type Responder,
  type SimulatedProvider,
  type SimulatedRequest,
  startSimulatedProvider,
  toolCallAnswer,
} from "../src/index.js";

// A two-turn tool loop against the real SDKs over HTTP: the model looks two orders up, the
// client runs the tool, and the second turn answers from the tool results in its history.
const running: SimulatedProvider[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((provider) => provider.close()));
});

const QUESTION = "Where are orders A-17 and B-2?";
const STATUS: Readonly<Record<string, string>> = { "A-17": "shipped", "B-2": "held" };
const schema = { type: "object" as const, properties: { orderNumber: { type: "string" } }, required: ["orderNumber"] };

/** Looks each order up on the first turn; on the second, answers from the tool results it was given. */
function orderResponder(seen: SimulatedRequest[]): Responder {
  return (request) => {
    seen.push(request);
    const results = request.messages.filter((message) => message.role === "tool");
    if (results.length === 0) {
      return toolCallAnswer([
        { name: "lookup_order", arguments: { orderNumber: "A-17" } },
        { name: "lookup_order", arguments: { orderNumber: "B-2" } },
      ]);
    }
    return results.map((result) => JSON.parse(result.content).status).join(", ");
  };
}

async function start(seen: SimulatedRequest[]): Promise<SimulatedProvider> {
  const provider = await startSimulatedProvider({ responder: orderResponder(seen) });
  running.push(provider);
  return provider;
}

describe("tool calls on the OpenAI wire (openai SDK)", () => {
  it("sends message.tool_calls with finish_reason tool_calls, then answers from the tool results", async () => {
    const seen: SimulatedRequest[] = [];
    const provider = await start(seen);
    const client = new OpenAI({ apiKey: "sk-simulated", baseURL: provider.baseURL, maxRetries: 0 });
    const tools = [{ type: "function" as const, function: { name: "lookup_order", parameters: schema } }];
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: QUESTION }];
    const first = await client.chat.completions.create({ model: "gpt-4.1-mini", messages, tools });
    const choice = first.choices[0]!;
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.content).toBeNull();
    const calls = choice.message.tool_calls ?? [];
    expect(calls.map((call) => call.type === "function" && [call.function.name, call.function.arguments])).toEqual([
      ["lookup_order", '{"orderNumber":"A-17"}'],
      ["lookup_order", '{"orderNumber":"B-2"}'],
    ]);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
    expect(calls[0]!.id).toMatch(/^call_simulated_\d+_0$/);
    expect(first.usage?.completion_tokens).toBeGreaterThan(0);

    messages.push(choice.message, ...calls.map((call) => toolResult(call)));
    const second = await client.chat.completions.create({
      model: "gpt-4.1-mini",
      messages,
      tools,
      tool_choice: "none",
    });
    expect(second.choices[0]).toMatchObject({ finish_reason: "stop", message: { content: "shipped, held" } });
    expect(seen[0]!.tools.map((tool) => tool.name)).toEqual(["lookup_order"]);
    expect(seen[1]!.toolChoice).toBe("none");
    expect(seen[1]!.messages.map((message) => [message.role, message.toolCallId ?? message.toolCalls?.length])).toEqual(
      [
        ["user", undefined],
        ["assistant", 2],
        ["tool", calls[0]!.id],
        ["tool", calls[1]!.id],
      ],
    );
  });

  it("streams tool calls as delta.tool_calls that the SDK joins back into the same calls", async () => {
    const provider = await start([]);
    const client = new OpenAI({ apiKey: "sk-simulated", baseURL: provider.baseURL, maxRetries: 0 });
    const stream = client.chat.completions.stream({
      model: "gpt-4.1-mini",
      messages: [{ role: "user", content: QUESTION }],
      tools: [{ type: "function", function: { name: "lookup_order", parameters: schema } }],
      stream_options: { include_usage: true },
    });
    let argumentDeltas = 0;
    stream.on("tool_calls.function.arguments.delta", () => {
      argumentDeltas += 1;
    });
    const completion = await stream.finalChatCompletion();
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe("tool_calls");
    expect(
      choice.message.tool_calls?.map((call) => call.type === "function" && JSON.parse(call.function.arguments)),
    ).toEqual([{ orderNumber: "A-17" }, { orderNumber: "B-2" }]);
    expect(argumentDeltas).toBeGreaterThan(2);
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
  });
});

describe("tool calls on the Anthropic wire (@anthropic-ai/sdk)", () => {
  const tools = [{ name: "lookup_order", description: "Finds an order.", input_schema: schema }];

  it("sends tool_use blocks with stop_reason tool_use, then answers from the tool_result blocks", async () => {
    const seen: SimulatedRequest[] = [];
    const provider = await start(seen);
    const client = new Anthropic({ apiKey: "sk-ant-simulated", baseURL: provider.anthropicBaseURL, maxRetries: 0 });
    const messages: Anthropic.MessageParam[] = [{ role: "user", content: QUESTION }];
    const first = await client.messages.create({ model: "claude-sonnet-4-6", max_tokens: 300, messages, tools });
    expect(first.stop_reason).toBe("tool_use");
    expect(first.content).toMatchObject([
      { type: "tool_use", name: "lookup_order", input: { orderNumber: "A-17" } },
      { type: "tool_use", name: "lookup_order", input: { orderNumber: "B-2" } },
    ]);
    const uses = first.content.filter((block) => block.type === "tool_use");
    messages.push(
      { role: "assistant", content: first.content },
      {
        role: "user",
        content: uses.map((use) => ({
          type: "tool_result" as const,
          tool_use_id: use.id,
          content: JSON.stringify({ status: STATUS[(use.input as { orderNumber: string }).orderNumber] }),
        })),
      },
    );
    const second = await client.messages.create({ model: "claude-sonnet-4-6", max_tokens: 300, messages, tools });
    expect(second).toMatchObject({ stop_reason: "end_turn", content: [{ type: "text", text: "shipped, held" }] });
    expect(seen[0]!.tools).toEqual([{ name: "lookup_order", description: "Finds an order.", parameters: schema }]);
    expect(seen[1]!.messages.filter((message) => message.role === "tool").map((message) => message.toolCallId)).toEqual(
      uses.map((use) => use.id),
    );
    expect(seen[1]!.messages[1]!.toolCalls?.map((call) => call.arguments)).toEqual([
      '{"orderNumber":"A-17"}',
      '{"orderNumber":"B-2"}',
    ]);
  });

  it("streams tool_use blocks that the SDK accumulates into the same input", async () => {
    const provider = await start([]);
    const client = new Anthropic({ apiKey: "sk-ant-simulated", baseURL: provider.anthropicBaseURL, maxRetries: 0 });
    const message = await client.messages
      .stream({ model: "claude-sonnet-4-6", max_tokens: 300, messages: [{ role: "user", content: QUESTION }], tools })
      .finalMessage();
    expect(message.stop_reason).toBe("tool_use");
    expect(message.content.map((block) => block.type === "tool_use" && block.input)).toEqual([
      { orderNumber: "A-17" },
      { orderNumber: "B-2" },
    ]);
  });
});

function toolResult(call: OpenAI.ChatCompletionMessageToolCall): OpenAI.ChatCompletionToolMessageParam {
  const orderNumber = call.type === "function" ? JSON.parse(call.function.arguments).orderNumber : "";
  return { role: "tool", tool_call_id: call.id, content: JSON.stringify({ status: STATUS[orderNumber] }) };
}
