import type { AdapterEndpoint } from "@modelpolicy/core";

/** The port a URL's scheme implies when the URL names none. */
const DEFAULT_PORTS: Readonly<Record<string, number>> = { "https:": 443, "http:": 80 };

/**
 * Where a client's requests go, from its base URL: the host (an IPv6 address without its
 * brackets, as `server.address` wants it) and the port, the URL's own or the one its scheme
 * implies. `undefined` for a missing base URL or one that does not parse (a Bedrock or Vertex
 * client of the same shape may have neither), so such a client costs the attempt spans their
 * `server.*` attributes and nothing else.
 */
export function clientEndpoint(baseURL: string | undefined): AdapterEndpoint | undefined {
  if (baseURL === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return undefined;
  }
  const address = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (address === "") return undefined;
  const port = url.port === "" ? DEFAULT_PORTS[url.protocol] : Number(url.port);
  return port === undefined ? { address } : { address, port };
}
