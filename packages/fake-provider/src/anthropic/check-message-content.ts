import type { MessagesRequestBody } from "./messages-request-body.js";

type Block = Record<string, unknown>;

const IMAGE_MEDIA_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];
const USER_BLOCKS = ["text", "image", "document", "tool_result"];
const ASSISTANT_BLOCKS = ["text", "tool_use"];

/**
 * Checks the content blocks of a request's messages the way the Messages API does, and returns
 * the `invalid_request_error` message of the first problem, or `undefined`. The rules are the ones
 * an adapter that sends tools, images and documents can get wrong: block types per role, non-empty
 * text, image and document sources (base64 with a media type Anthropic takes, plain text, or a
 * URL), `tool_use` blocks with an id, a name and an object input, and the pairing Anthropic
 * enforces: every `tool_use` of an assistant turn is answered by a `tool_result` at the start of
 * the very next user message, and every `tool_result` answers a `tool_use` of the turn before.
 */
export function checkMessageContent(messages: NonNullable<MessagesRequestBody["messages"]>): string | undefined {
  let pending: string[] = [];
  for (const [index, message] of messages.entries()) {
    const path = `messages.${index}`;
    const blocks = Array.isArray(message.content) ? (message.content as unknown[]) : undefined;
    if (blocks === undefined && typeof message.content !== "string") {
      return `${path}.content: Input should be a valid string or a valid list`;
    }
    const problem = blocks === undefined ? undefined : checkBlocks(blocks, message.role, path);
    if (problem !== undefined) return problem;
    const problemOfPairing = checkToolResults(blocks ?? [], pending, path);
    if (problemOfPairing !== undefined) return problemOfPairing;
    pending =
      message.role === "assistant" && blocks !== undefined
        ? blocks.filter((block) => (block as Block).type === "tool_use").map((block) => String((block as Block).id))
        : [];
  }
  return undefined;
}

/** Block types per role and each block's own fields. */
function checkBlocks(blocks: unknown[], role: string, path: string): string | undefined {
  const allowed = role === "assistant" ? ASSISTANT_BLOCKS : USER_BLOCKS;
  for (const [position, raw] of blocks.entries()) {
    const at = `${path}.content.${position}`;
    const block = (typeof raw === "object" && raw !== null ? raw : {}) as Block;
    const type = typeof block.type === "string" ? block.type : "";
    if (!allowed.includes(type)) {
      return `${at}.type: Input tag '${type}' is not one of ${allowed.map((name) => `'${name}'`).join(", ")} in a ${role} message`;
    }
    const problem = checkBlock(block, type, at);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function checkBlock(block: Block, type: string, at: string): string | undefined {
  switch (type) {
    case "text":
      if (typeof block.text !== "string") return `${at}.text: Field required`;
      return block.text === "" ? `${at}: text content blocks must be non-empty` : undefined;
    case "image":
      return checkSource(block.source, `${at}.image.source`, ["base64", "url"], IMAGE_MEDIA_TYPES);
    case "document":
      return checkSource(block.source, `${at}.document.source`, ["base64", "text", "url"], ["application/pdf"]);
    case "tool_use":
      if (typeof block.id !== "string" || block.id === "") return `${at}.tool_use.id: Field required`;
      if (typeof block.name !== "string" || block.name === "") return `${at}.tool_use.name: Field required`;
      if (typeof block.input !== "object" || block.input === null || Array.isArray(block.input)) {
        return `${at}.tool_use.input: Input should be a valid dictionary`;
      }
      return undefined;
    case "tool_result":
      if (typeof block.tool_use_id !== "string") return `${at}.tool_result.tool_use_id: Field required`;
      if (block.content !== undefined && typeof block.content !== "string" && !Array.isArray(block.content)) {
        return `${at}.tool_result.content: Input should be a valid string or a valid list`;
      }
      return undefined;
  }
  return undefined;
}

/** An image or document `source`: base64 data of an accepted media type, plain text, or a URL. */
function checkSource(raw: unknown, at: string, kinds: string[], mediaTypes: string[]): string | undefined {
  const source = (typeof raw === "object" && raw !== null ? raw : {}) as Block;
  const kind = typeof source.type === "string" ? source.type : "";
  if (!kinds.includes(kind)) {
    return `${at}: Input tag '${kind}' found using 'type' does not match any of the expected tags: ${kinds.map((name) => `'${name}'`).join(", ")}`;
  }
  if (kind === "url") {
    return typeof source.url === "string" && source.url !== "" ? undefined : `${at}.url.url: Field required`;
  }
  if (typeof source.data !== "string") return `${at}.${kind}.data: Field required`;
  const accepted = kind === "text" ? ["text/plain"] : mediaTypes;
  if (!accepted.includes(String(source.media_type))) {
    return `${at}.${kind}.media_type: Input should be ${accepted.map((name) => `'${name}'`).join(" or ")}`;
  }
  return undefined;
}

/**
 * The pairing rules, in Anthropic's own words: the message after a `tool_use` turn must begin
 * with a `tool_result` for each of its ids, and a `tool_result` for any other id is refused.
 */
function checkToolResults(blocks: unknown[], pending: string[], path: string): string | undefined {
  let leading = 0;
  while (leading < blocks.length && (blocks[leading] as Block).type === "tool_result") leading++;
  for (const [position, raw] of blocks.entries()) {
    const block = raw as Block;
    if (block.type !== "tool_result") continue;
    const id = String(block.tool_use_id);
    if (!pending.includes(id)) {
      return `${path}.content.${position}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
    }
  }
  if (pending.length === 0) return undefined;
  const answered = new Set(blocks.slice(0, leading).map((block) => String((block as Block).tool_use_id)));
  const missing = pending.filter((id) => !answered.has(id));
  if (missing.length === 0) return undefined;
  if (blocks.some((block, position) => position >= leading && (block as Block).type === "tool_result")) {
    return `${path}: Did not find ${pending.length} \`tool_result\` block(s) at the beginning of this message. Messages following \`tool_use\` blocks must begin with a matching number of \`tool_result\` blocks.`;
  }
  const previous = path.replace(/\d+$/, (index) => String(Number(index) - 1));
  return `${previous}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
}
