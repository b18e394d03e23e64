export type { RedisClientLike } from "./redis-client-like.js";
export {
  type RedisStateBackend,
  type RedisStateBackendOptions,
  type RedisStateStats,
  redisStateBackend,
} from "./redis-state-backend.js";
