import type { AdapterCall, ToolChoice, ToolDefinition } from "@modelpolicy/core";
import type { AiSdkDataContent, AiSdkFileData, AiSdkFunctionTool, AiSdkToolChoice } from "./ai-sdk-message.js";
import { aiSdkPrompt, untaggedFileData } from "./ai-sdk-prompt.js";
import type { AiSdkCallOptions, AiSdkJsonObject } from "./ai-sdk-provider-like.js";
import { genAiProviderName } from "./gen-ai-provider-name.js";

/**
 * What every call of one adapter adds to the router's call. Provider options are typed loosely
 * (a provider's own option types, with their optional members, fit) and passed as they are: each
 * provider validates its own entry with its own schema.
 */
export interface CallSettings {
  /** The adapter's provider name, which a `RequestShapeError` names; default the GenAI name of the provider id. */
  provider?: string | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  providerOptions?: Readonly<Record<string, Record<string, unknown>>> | undefined;
}

/**
 * The `doGenerate` options for one routed call: the history as a prompt (see `aiSdkPrompt`: text,
 * tool calls and results, images and files, the file parts' data in the shape of the model's
 * `specification`), the policy's output limit as `maxOutputTokens`, the temperature, the call's
 * signal as `abortSignal`, the tools as `function` tools (`inputSchema` their arguments' JSON
 * Schema) with the tool choice, and a requested JSON Schema as
 * `responseFormat: { type: "json", schema, name }`. The name is cut to letters, digits, `_` and
 * `-` (at most 64), which OpenAI requires and every other provider accepts. A response format's
 * `strict` has no provider-neutral option in the AI SDK; for OpenAI and Azure OpenAI models it
 * becomes `providerOptions.openai.strictJsonSchema` (and `azure`), whose default differs between
 * `@ai-sdk/openai` majors (off in 2.x, on in 3.x and 4.x), and for other providers it is left to
 * their defaults. Throws a `RequestShapeError` for a history no provider could take.
 */
export function aiSdkCallOptions(
  call: AdapterCall,
  providerId: string,
  settings: CallSettings,
  specification: "v4",
): AiSdkCallOptions<AiSdkFileData>;
export function aiSdkCallOptions(
  call: AdapterCall,
  providerId: string,
  settings: CallSettings,
  specification: "v2" | "v3",
): AiSdkCallOptions<AiSdkDataContent>;
export function aiSdkCallOptions(
  call: AdapterCall,
  providerId: string,
  settings: CallSettings,
  specification: "v2" | "v3" | "v4",
): AiSdkCallOptions {
  const provider = settings.provider ?? genAiProviderName(providerId);
  const options: AiSdkCallOptions = {
    prompt:
      specification === "v4"
        ? aiSdkPrompt(call.messages, provider, (data) => data)
        : aiSdkPrompt(call.messages, provider, untaggedFileData),
    maxOutputTokens: call.maxOutputTokens,
    abortSignal: call.signal,
  };
  if (call.temperature !== undefined) options.temperature = call.temperature;
  if (call.responseFormat !== undefined) {
    options.responseFormat = {
      type: "json",
      schema: call.responseFormat.schema,
      name: call.responseFormat.name.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64) || "output",
    };
  }
  if (call.tools !== undefined && call.tools.length > 0) options.tools = call.tools.map(functionTool);
  if (call.toolChoice !== undefined) options.toolChoice = toolChoice(call.toolChoice);
  if (settings.headers !== undefined) options.headers = { ...settings.headers };
  const providerOptions = withStrict(settings.providerOptions, providerId, call.responseFormat?.strict);
  if (providerOptions !== undefined) options.providerOptions = providerOptions as Record<string, AiSdkJsonObject>;
  return options;
}

function functionTool(tool: ToolDefinition): AiSdkFunctionTool {
  const result: AiSdkFunctionTool = { type: "function", name: tool.name, inputSchema: tool.parameters };
  if (tool.description !== undefined) result.description = tool.description;
  return result;
}

function toolChoice(choice: ToolChoice): AiSdkToolChoice {
  return typeof choice === "string" ? { type: choice } : { type: "tool", toolName: choice.name };
}

function withStrict(
  providerOptions: Readonly<Record<string, Record<string, unknown>>> | undefined,
  providerId: string,
  strict: boolean | undefined,
): Record<string, Record<string, unknown>> | undefined {
  const family = genAiProviderName(providerId);
  if (strict === undefined || (family !== "openai" && family !== "azure.ai.openai")) {
    return providerOptions === undefined ? undefined : { ...providerOptions };
  }
  return {
    ...providerOptions,
    openai: { ...providerOptions?.openai, strictJsonSchema: strict },
    azure: { ...providerOptions?.azure, strictJsonSchema: strict },
  };
}
