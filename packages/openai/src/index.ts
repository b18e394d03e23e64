export type { OpenAIAdapterResponse } from "./chat-completion-response.js";
export { chatCompletionParts, mapStreamError } from "./chat-completion-stream.js";
export {
  bodyJudgesRequest,
  classOfResponse,
  classOfStatus,
  type InvalidRequestRule,
  invalidRequestRule,
  rejectsStructuredOutput,
} from "./classify-request-error.js";
export { clientEndpoint } from "./client-endpoint.js";
export type { UsageSource } from "./completion-usage.js";
export { type EmbeddingRequest, embeddingRequest } from "./embedding-request.js";
export { embeddingResponse } from "./embedding-response.js";
export { mapFinishReason } from "./map-finish-reason.js";
export { errorText, mapOpenAIError } from "./map-openai-error.js";
export { type OpenAIAdapterOptions, type OpenAIModelAdapter, openAIAdapter } from "./openai-adapter.js";
export type {
  ChatCompletionRequest,
  ChatCompletionRequestOptions,
  EmbeddingsClientLike,
  OpenAIClientLike,
  ResponsesClientLike,
} from "./openai-client-like.js";
export { OPENAI_MAX_EMBEDDING_INPUTS, openAIEmbedder } from "./openai-embedder.js";
export { openAIResponsesAdapter } from "./openai-responses-adapter.js";
export { type ResponsesRequest, responsesRequest } from "./responses-request.js";
export { responsesResponse } from "./responses-response.js";
export { responsesParts } from "./responses-stream.js";
export {
  AZURE_MAX_COMPLETION_TOKENS_SINCE,
  azureVersionAtLeast,
  type OutputLimitParameter,
  type ServerKind,
  type ServerProfile,
  serverProfile,
} from "./server-profile.js";
export { AZURE_STREAM_OPTIONS_SINCE, refusesStreamOptions, sendsStreamOptions } from "./stream-options.js";
export {
  STRUCTURED_OUTPUT_MODES,
  type StructuredOutputMode,
  type StructuredOutputOptions,
} from "./structured-output-mode.js";
