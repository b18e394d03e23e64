/** Content chunks per streamed answer: a few paragraphs, as a long chat answer arrives. */
export const B5_CONTENT_CHUNKS = 200;

/** Characters per content chunk (the fake's `chunkSize`), about two tokens, as OpenAI's deltas are. */
export const B5_CHUNK_CHARS = 8;

/** The streamed answer: exactly {@link B5_CONTENT_CHUNKS} chunks of prose. */
export function b5Answer(): string {
  const sentence = "The supplier delivers the services monthly and the customer pays within thirty days. ";
  return sentence
    .repeat(Math.ceil((B5_CONTENT_CHUNKS * B5_CHUNK_CHARS) / sentence.length))
    .slice(0, B5_CONTENT_CHUNKS * B5_CHUNK_CHARS);
}
