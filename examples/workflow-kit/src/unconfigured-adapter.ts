import { type ModelAdapter, ProviderError } from "@modelpolicy/core";

/**
 * An adapter for a provider the run has no credentials for. The router needs an adapter for
 * every provider its table names, and a demo on real models must not answer a fallback from
 * fixtures, so each call fails at once with `auth` (not retried), naming what to set; the
 * policy's fallback chain then moves on, as it would on a real 401.
 */
export function unconfiguredAdapter(provider: string, missing: string): ModelAdapter {
  return {
    specificationVersion: "v1",
    provider,
    async generate(call) {
      throw new ProviderError({
        errorClass: "auth",
        model: call.model,
        retryable: false,
        message: `${provider} is not configured for this run: set ${missing}`,
      });
    },
  };
}
