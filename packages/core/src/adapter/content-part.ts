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
 * Tokens the budget check counts per image when the policy sets no `max_tokens_per_image`:
 * OpenAI's high-detail rule (85 base + 170 per 512 px tile) for a 2048 × 2048 image after its
 * resize to 768 × 2048 is 85 + 170 × 6 = 1,105; rounded up to stay an upper bound for the
 * common sizes. A larger real cost needs a larger policy setting.
 */
export const DEFAULT_TOKENS_PER_IMAGE = 1_105;

/**
 * Tokens counted per file when the policy sets no `max_tokens_per_file`. Providers extract a
 * file's text and page images, so no bound holds for every file; this covers a few pages, and a
 * policy that takes longer documents must say how many tokens it allows for one.
 */
export const DEFAULT_TOKENS_PER_FILE = 8_000;
