import { type AdapterCall, type ChatMessage, ConfigurationError, isTextMessage } from "@modelpolicy/core";
import type { AiSdkCallOptions, AiSdkJsonObject, AiSdkMessage } from "./ai-sdk-provider-like.js";
import { genAiProviderName } from "./gen-ai-provider-name.js";

/**
 * What every call of one adapter adds to the router's call. Provider options are typed loosely
 * (a provider's own option types, with their optional members, fit) and passed as they are: each
 * provider validates its own entry with its own schema.
 */
export interface CallSettings {
  headers?: Readonly<Record<string, string>> | undefined;
  providerOptions?: Readonly<Record<string, Record<string, unknown>>> | undefined;
}

/**
 * The `doGenerate` options for one routed call: the messages as a text-only prompt (system
 * messages stay where they are, and each provider places them the way its API wants), the
 * policy's output limit as `maxOutputTokens`, the temperature, the call's signal as
 * `abortSignal`, and a requested JSON Schema as `responseFormat: { type: "json", schema, name }`.
 * The name is cut to letters, digits, `_` and `-` (at most 64), which OpenAI requires and every
 * other provider accepts. A response format's `strict` has no provider-neutral option in the AI
 * SDK; for OpenAI and Azure OpenAI models it becomes `providerOptions.openai.strictJsonSchema`
 * (and `azure`), whose default differs between `@ai-sdk/openai` majors (off in 2.x, on in 3.x
 * and 4.x), and for other providers it is left to their defaults.
 */
export function aiSdkCallOptions(call: AdapterCall, providerId: string, settings: CallSettings): AiSdkCallOptions {
  const options: AiSdkCallOptions = {
    prompt: call.messages.map(promptMessage),
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
  if (settings.headers !== undefined) options.headers = { ...settings.headers };
  const providerOptions = withStrict(settings.providerOptions, providerId, call.responseFormat?.strict);
  if (providerOptions !== undefined) options.providerOptions = providerOptions as Record<string, AiSdkJsonObject>;
  return options;
}

function promptMessage(message: ChatMessage): AiSdkMessage {
  // The adapter declares no `accepts.tools`, so the router never sends it tool messages.
  if (!isTextMessage(message)) throw new ConfigurationError("the AI SDK adapter does not take tool messages yet");
  if (message.role === "system") return { role: "system", content: message.content };
  return { role: message.role, content: [{ type: "text", text: message.content }] };
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
