/** Content chunks per streamed answer: a few paragraphs, as a long chat answer arrives. */
export const B5_CONTENT_CHUNKS = 200;

/** Characters per content chunk (the fake's `chunkSize`), about two tokens, as OpenAI's deltas are. */
export const B5_CHUNK_CHARS = 8;

/** Content chunks of B5m's short answer: long and short together give the cost of one more chunk. */
export const B5_SHORT_CHUNKS = 10;

/** The streamed answer: exactly `contentChunks` chunks of prose. */
export function b5Answer(contentChunks: number = B5_CONTENT_CHUNKS): string {
  const sentence = "The supplier delivers the services monthly and the customer pays within thirty days. ";
  return sentence
    .repeat(Math.ceil((contentChunks * B5_CHUNK_CHARS) / sentence.length))
    .slice(0, contentChunks * B5_CHUNK_CHARS);
}
