/**
 * The well-known values of `gen_ai.provider.name` in the OpenTelemetry GenAI semantic
 * conventions v1.41 (registry `gen_ai.provider.name` members), copied here because this package
 * depends on no OTel package. `gcp.gen_ai` (any Google endpoint) is left out on purpose: the AI
 * SDK's provider ids always say which Google endpoint they call.
 */
export const GEN_AI_PROVIDER_NAMES = [
  "openai",
  "gcp.gen_ai",
  "gcp.vertex_ai",
  "gcp.gemini",
  "anthropic",
  "cohere",
  "azure.ai.inference",
  "azure.ai.openai",
  "ibm.watsonx.ai",
  "aws.bedrock",
  "perplexity",
  "x_ai",
  "deepseek",
  "groq",
  "mistral_ai",
] as const;

/** One of {@link GEN_AI_PROVIDER_NAMES}. */
export type GenAiProviderName = (typeof GEN_AI_PROVIDER_NAMES)[number];

/**
 * The GenAI semconv `gen_ai.provider.name` for an AI SDK provider id (a model's `provider`
 * property): `openai.chat` and `openai.responses` → `openai`, `azure.chat` → `azure.ai.openai`,
 * `anthropic.messages` → `anthropic`, `google.generative-ai` → `gcp.gemini`, `google.vertex.chat`
 * and `vertex.anthropic.messages` → `gcp.vertex_ai`, `amazon-bedrock` and
 * `bedrock.anthropic.messages` → `aws.bedrock`, `mistral.chat` → `mistral_ai`, `xai.chat` →
 * `x_ai`, and so on. Claude on Vertex or Bedrock is named after the platform, because the name
 * says whose endpoint, billing and telemetry flavour the call has, not who trained the model.
 * An id with no well-known value gives its first segment (`togetherai.chat` → `togetherai`, an
 * OpenAI-compatible provider named `lmstudio` → `lmstudio`), which the conventions allow for
 * providers they do not list.
 */
export function genAiProviderName(aiSdkProviderId: string): string {
  const id = aiSdkProviderId.trim().toLowerCase();
  const [first = "", second] = id.split(".");
  switch (first) {
    case "openai":
      return "openai";
    case "azure":
    case "azure-openai":
      return "azure.ai.openai";
    case "anthropic":
      return "anthropic";
    case "google":
      return second === "vertex" ? "gcp.vertex_ai" : "gcp.gemini";
    case "google-vertex":
    case "vertex":
      return "gcp.vertex_ai";
    case "amazon-bedrock":
    case "bedrock":
      return "aws.bedrock";
    case "mistral":
      return "mistral_ai";
    case "xai":
      return "x_ai";
    case "groq":
    case "deepseek":
    case "cohere":
    case "perplexity":
      return first;
    default:
      // `azure-openai-…` style ids of other Azure OpenAI wrappers.
      if (first.startsWith("azure-openai")) return "azure.ai.openai";
      return first;
  }
}
