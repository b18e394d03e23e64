import { createRequire } from "node:module";
import { DEFAULT_TOKENS_PER_FILE, DEFAULT_TOKENS_PER_IMAGE } from "../adapter/content-part.js";
import type { ChatMessage } from "../adapter/model-adapter.js";
import type { ToolDefinition } from "../adapter/tool-definition.js";

/**
 * The part of gpt-tokenizer's o200k_base module the budget checks use. Declared here rather than
 * taken from the package's types so that core's published declarations never reference
 * gpt-tokenizer: a service type-checking its dependencies (`skipLibCheck: false`) would
 * otherwise check the tokenizer's declarations too, which fail under some `@types/node`.
 */
interface O200kTokenizer {
  isWithinTokenLimit(text: string, tokenLimit: number): number | false;
}

let o200k: O200kTokenizer | undefined;

/**
 * The o200k_base tokenizer, loaded the first time a count has to be exact. Its rank table is
 * most of what importing this package used to cost (docs/decisions/2026-11-30-hot-path-node-24.md),
 * and most calls never need it because a bound decides. A synchronous `require` of the
 * package's CommonJS build keeps the check synchronous; the first near-budget call pays the
 * load once, as a blocking load at import time would have.
 */
export function tokenizer(): O200kTokenizer {
  o200k ??= createRequire(import.meta.url)("gpt-tokenizer/encoding/o200k_base") as O200kTokenizer;
  return o200k;
}

/**
 * Tokens the chat format adds around each message and the reply primer, following OpenAI's
 * published counting recipe. Small, but it keeps a budget right at the edge honest.
 */
const TOKENS_PER_MESSAGE = 4;
const TOKENS_PER_REPLY = 3;

/**
 * How {@link checkInputBudget} reached its answer: a byte bound, an exact o200k_base count, or an
 * o200k_base count scaled by a provider's safety factor (for a tokenizer the router does not have).
 */
export type CountMethod = "bound" | "exact" | "estimate";

/** The budget check's answer. */
export interface BudgetCheck {
  /** True when the input fits in the budget. */
  readonly withinBudget: boolean;
  /**
   * Input tokens: exact when `method` is `exact` (counting stops one past the limit when over),
   * the scaled count when `estimate`, a characters/4 estimate when a cheap bound decided without
   * tokenizing.
   */
  readonly tokens: number;
  readonly method: CountMethod;
}

/**
 * Decides whether messages fit an input-token budget, paying for a full tokenization only when
 * the answer is close. A BPE token is at least one UTF-8 byte and a UTF-16 unit at most three
 * bytes, so `3 × length` and then the byte length are upper bounds that settle most prompts in
 * O(1) and O(n) without the tokenizer; near the budget it counts exactly (o200k_base, loaded on
 * that first need) and stops as soon as the limit is passed, so a 10 MB prompt costs no more
 * than the budget to refuse. With a `safetyFactor` above 1 (a provider with another tokenizer)
 * only the count is scaled: the bounds hold for any byte-level BPE, so what they admit is
 * admitted whatever the factor.
 */
export function checkInputBudget(
  messages: readonly ChatMessage[],
  budget: number,
  tools?: readonly ToolDefinition[],
  partTokens: PartTokens = DEFAULT_PART_TOKENS,
  safetyFactor = 1,
): BudgetCheck {
  const texts: string[] = [];
  const mediaTokens = collectTexts(messages, tools, partTokens, texts);
  const overhead = TOKENS_PER_REPLY + TOKENS_PER_MESSAGE * (messages.length + (tools?.length ?? 0)) + mediaTokens;
  let length = 0;
  for (const text of texts) length += text.length;
  const estimate = Math.ceil(length / 4) + overhead;
  if (length * 3 + overhead <= budget) return { withinBudget: true, tokens: estimate, method: "bound" };

  let bytes = 0;
  for (const text of texts) bytes += Buffer.byteLength(text, "utf8");
  if (bytes + overhead <= budget) return { withinBudget: true, tokens: estimate, method: "bound" };

  const method: CountMethod = safetyFactor > 1 ? "estimate" : "exact";
  // Counting stops once the scaled count would pass the budget.
  const limit = Math.floor(budget / Math.max(safetyFactor, 1));
  const { isWithinTokenLimit } = tokenizer();
  let counted = overhead;
  for (const text of texts) {
    const remaining = limit - counted;
    const within = remaining >= 0 ? isWithinTokenLimit(text, remaining) : false;
    if (within === false) return { withinBudget: false, tokens: budget + 1, method };
    counted += within;
  }
  if (method === "exact") return { withinBudget: true, tokens: counted, method };
  const tokens = Math.ceil(counted * safetyFactor);
  return { withinBudget: tokens <= budget, tokens, method };
}

/** Tokens counted for each image and file part (their declared bounds), since their size is unknown here. */
export interface PartTokens {
  readonly image: number;
  readonly file: number;
}

const DEFAULT_PART_TOKENS: PartTokens = { image: DEFAULT_TOKENS_PER_IMAGE, file: DEFAULT_TOKENS_PER_FILE };

/**
 * Collects every text the provider is sent for a call into `texts` (message contents and text
 * parts, the tool calls an assistant turn replays, tool-result ids, each tool definition as the
 * JSON the provider reads) and answers the tokens of the image and file parts, each counted at
 * its bound. The definitions' JSON over-counts slightly what a provider renders them as, which
 * errs on the safe side of a budget.
 */
function collectTexts(
  messages: readonly ChatMessage[],
  tools: readonly ToolDefinition[] | undefined,
  partTokens: PartTokens,
  texts: string[],
): number {
  let mediaTokens = 0;
  for (const message of messages) {
    if (typeof message.content === "string") texts.push(message.content);
    else if (message.content !== undefined) {
      for (const part of message.content) {
        if (part.type === "text") texts.push(part.text);
        else mediaTokens += part.type === "image" ? partTokens.image : partTokens.file;
      }
    }
    if (message.role === "tool") texts.push(message.toolCallId);
    else if ("toolCalls" in message) {
      for (const call of message.toolCalls) texts.push(call.id, call.name, call.arguments);
    }
  }
  for (const tool of tools ?? []) texts.push(JSON.stringify(tool));
  return mediaTokens;
}
