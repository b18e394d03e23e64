import type { EmbeddingSettings } from "../policy/embedding-settings-schema.js";
import type { CallContext } from "./call-context.js";

/**
 * What every step of one `router.embed` call shares: a chat call's {@link CallContext} (the
 * router, the call as middleware sees it, its `CallState`, its deadline; the request
 * without messages and no output schema), so the record, the errors and the state backend's
 * spend and rate-limit checks are the ones `router.run` uses, plus the items with their token
 * counts and the policy's embedding settings. Lives as long as the call.
 */
export interface EmbedContext extends CallContext {
  /** The call's input texts, in order. */
  readonly items: readonly string[];
  /** Each item's tokens, as the budget check counted them; batching packs by these. */
  readonly itemTokens: readonly number[];
  readonly settings: EmbeddingSettings | undefined;
}
