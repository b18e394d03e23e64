import { RoutedCallError, type RouteRecord } from "@modelpolicy/core";

/**
 * `error.type` of a failed call or workflow run: the router's error class when there is one (so
 * the value is one of `model_policy.fallback.reason`'s classes), else the thrown error's name,
 * else `_OTHER`, the semconv fallback value.
 */
export function errorTypeOf(error: unknown, record?: RouteRecord): string {
  if (record?.errorClass !== undefined) return record.errorClass;
  if (RoutedCallError.isInstance(error)) return error.errorClass;
  return error instanceof Error && error.name ? error.name : "_OTHER";
}
