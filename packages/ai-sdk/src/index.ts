export { adapterResponse } from "./adapter-response.js";
export { type AiSdkToolCallShape, adapterToolCall } from "./adapter-tool-call.js";
export {
  type AiSdkAdapterOptions,
  type AiSdkModelAdapter,
  aiSdkAdapter,
  DEFAULT_INPUT_TOKEN_ESTIMATE,
} from "./ai-sdk-adapter.js";
export { aiSdkCallOptions, type CallSettings } from "./ai-sdk-call-options.js";
export type {
  AiSdkDataContent,
  AiSdkFileData,
  AiSdkFilePart,
  AiSdkFunctionTool,
  AiSdkMessage,
  AiSdkTextPart,
  AiSdkToolCallPart,
  AiSdkToolChoice,
  AiSdkToolResultPart,
} from "./ai-sdk-message.js";
export { aiSdkPrompt, untaggedFileData } from "./ai-sdk-prompt.js";
export type {
  AiSdkCallOptions,
  AiSdkFinishReason,
  AiSdkFlatUsage,
  AiSdkGenerateResult,
  AiSdkJsonObject,
  AiSdkJsonSchema,
  AiSdkJsonValue,
  AiSdkLanguageModelLike,
  AiSdkLanguageModelV2Like,
  AiSdkLanguageModelV4Like,
  AiSdkNestedUsage,
  AiSdkProviderLike,
  AiSdkStreamPart,
  AiSdkStreamResult,
} from "./ai-sdk-provider-like.js";
export { aiSdkStreamParts, mapStreamErrorPart } from "./ai-sdk-stream-parts.js";
export { classOfStatus } from "./class-of-status.js";
export { GEN_AI_PROVIDER_NAMES, type GenAiProviderName, genAiProviderName } from "./gen-ai-provider-name.js";
export { isApiCallError, mapAiSdkError } from "./map-ai-sdk-error.js";
export { mapFinishReason, unifiedFinishReason } from "./map-finish-reason.js";
export { refusedFinish } from "./refused-finish.js";
export { resultUsage } from "./result-usage.js";
