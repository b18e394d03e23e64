/** A text part of a multi-part message. */
export interface TextPart {
  readonly type: "text";
  readonly text: string;
}

/**
 * An image, given by `url` (https or a data URL) or as base64 `data`. `detail` is OpenAI's
 * resolution hint; the budget check counts an image by the policy's `max_tokens_per_image` bound,
 * since its size, and so its real token cost, is not known before it is sent.
 */
export interface ImagePart {
  readonly type: "image";
  readonly url?: string;
  /** Base64 data, without the `data:` prefix. */
  readonly data?: string;
  /** e.g. `image/png`. */
  readonly mediaType: string;
  readonly detail?: "low" | "high" | "auto";
}

/** A file (a PDF, say), given by `url` or as base64 `data`; counted by the policy's `max_tokens_per_file` bound. */
export interface FilePart {
  readonly type: "file";
  readonly url?: string;
  /** Base64 data, without the `data:` prefix. */
  readonly data?: string;
  /** e.g. `application/pdf`. */
  readonly mediaType: string;
  readonly filename?: string;
}

/** One part of a multi-part message. */
export type ContentPart = TextPart | ImagePart | FilePart;

/**
 * Tokens the budget check counts per image when the policy sets no `max_tokens_per_image`: the
 * most OpenAI's high-detail rule (85 base + 170 per 512 px tile) can charge one image. OpenAI
 * scales an image into 2048 × 2048 and then its short side to 768, so at most 768 × 2048 is
 * tiled: 2 × 4 tiles, 85 + 170 × 8 = 1,445. An upper bound for OpenAI whatever the image's size;
 * other providers' rules may need a policy setting.
 */
export const DEFAULT_TOKENS_PER_IMAGE = 1_445;

/**
 * Tokens counted per file when the policy sets no `max_tokens_per_file`. Providers extract a
 * file's text and page images, so no bound holds for every file; this covers a few pages, and a
 * policy that takes longer documents must say how many tokens it allows for one.
 */
export const DEFAULT_TOKENS_PER_FILE = 8_000;
