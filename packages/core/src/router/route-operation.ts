/**
 * What a routed call asks the model for: `chat` (`router.run`, `router.stream`) or `embeddings`
 * (`router.embed`). Middleware and telemetry read it to name attempt spans after the GenAI
 * operation (`chat gpt-4.1-mini`, `embeddings text-embedding-3-small`) and to mark ledger
 * records, so an embeddings call's cost is told apart from a chat call's under the same task.
 */
export type RouteOperation = "chat" | "embeddings";
