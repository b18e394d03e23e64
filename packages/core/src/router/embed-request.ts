/**
 * One `router.embed` call's input. `input` is one text or a list of texts; the result holds one
 * vector per text, in the same order, however the router split the list into provider batches.
 */
export interface EmbedRequest {
  input: string | readonly string[];
  /** Cancels the call; in-flight provider requests are aborted. */
  signal?: AbortSignal;
  /** Deadline for the whole call, every batch, retry and fallback included. */
  timeoutMs?: number;
}
