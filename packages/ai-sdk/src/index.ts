export { adapterResponse } from "./adapter-response.js";
export { type AiSdkAdapterOptions, type AiSdkModelAdapter, aiSdkAdapter } from "./ai-sdk-adapter.js";
export { aiSdkCallOptions, type CallSettings } from "./ai-sdk-call-options.js";
export type {
  AiSdkCallOptions,
  AiSdkFinishReason,
  AiSdkFlatUsage,
  AiSdkGenerateResult,
  AiSdkJsonObject,
  AiSdkJsonSchema,
  AiSdkJsonValue,
  AiSdkLanguageModelLike,
  AiSdkMessage,
  AiSdkNestedUsage,
  AiSdkProviderLike,
  AiSdkStreamPart,
  AiSdkStreamResult,
  AiSdkTextPart,
} from "./ai-sdk-provider-like.js";
export { aiSdkStreamParts, mapStreamErrorPart } from "./ai-sdk-stream-parts.js";
export { classOfStatus } from "./class-of-status.js";
export { GEN_AI_PROVIDER_NAMES, type GenAiProviderName, genAiProviderName } from "./gen-ai-provider-name.js";
export { isApiCallError, mapAiSdkError } from "./map-ai-sdk-error.js";
export { mapFinishReason, unifiedFinishReason } from "./map-finish-reason.js";
export { refusedFinish } from "./refused-finish.js";
export { resultUsage } from "./result-usage.js";
