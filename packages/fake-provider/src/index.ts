export {
  type AnthropicErrorBody,
  anthropicErrorBody,
  anthropicErrorType,
} from "./anthropic/anthropic-error-body.js";
export {
  type AnthropicContentBlockBody,
  type AnthropicMessageBody,
  type AnthropicMessageContent,
  type AnthropicUsageBody,
  anthropicMessageBody,
  echoText,
  estimateMessagesInputTokens,
  type FakeAnthropicUsage,
  type FakeContentBlock,
} from "./anthropic/anthropic-message-body.js";
export {
  type AnthropicStreamEvent,
  anthropicStreamEvents,
  formatServerSentEvent,
} from "./anthropic/anthropic-stream-events.js";
export { checkMessagesRequest } from "./anthropic/check-messages-request.js";
export type { MessagesRequestBody } from "./anthropic/messages-request-body.js";
export { LoopbackHttpServer, type RequestListener } from "./http/loopback-http-server.js";
export { readRequestBody } from "./http/read-request-body.js";
export { delayUnlessClosed, responseClosed } from "./http/response-timing.js";
export { writeJson } from "./http/write-json.js";
export {
  type ChatCompletionBody,
  type ChatMessageBody,
  type ChatRequestBody,
  type CompletionContent,
  type CompletionUsage,
  chatCompletionBody,
  echoContent,
  estimatePromptTokens,
  estimateTokens,
} from "./openai/chat-completion-body.js";
export {
  type ChatCompletionChunkBody,
  chatCompletionChunks,
  formatDataEvent,
  type ToolCallDeltaBody,
} from "./openai/chat-completion-chunks.js";
export { type OpenAIErrorBody, openAIErrorBody } from "./openai/openai-error-body.js";
