import type { ServerResponse } from "node:http";

/**
 * Resolves when the response closes: the client went away or the server is shutting down. A
 * deliberately unanswered request waits on this, so it ends as soon as nobody is listening.
 */
export function responseClosed(response: ServerResponse): Promise<void> {
  if (response.closed) return Promise.resolve();
  return new Promise((resolve) => response.once("close", () => resolve()));
}

/**
 * Waits `ms`, or less if the connection closes first; resolves `true` if the client is still
 * there. Fakes delay replies to test timeouts, and a timer outliving its client would keep the
 * test process busy after the test is over.
 */
export function delayUnlessClosed(ms: number, response: ServerResponse): Promise<boolean> {
  if (response.closed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      response.off("close", onClose);
      resolve(true);
    }, ms);
    response.once("close", onClose);
  });
}
