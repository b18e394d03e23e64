import { type InstalledPackage, type PackageFinder, packageFinder } from "../installed-package.js";

/** Finds packages as `startTelemetry()` does in this workspace: SDK 3 and its 0.3xx exporters. */
export const workspacePackages: PackageFinder = packageFinder(import.meta.url);

/**
 * The view of an app that installed SDK 2 only: `@opentelemetry/sdk-trace` is absent, and the
 * SDK 2 packages are the dev-only `*-v2` aliases (resources 2 comes with `sdk-trace-base-v2`).
 * No 0.2xx OTLP exporter is installed here, so tests on it run with `otlp: false`.
 */
export const sdk2Packages: PackageFinder = (name) => {
  switch (name) {
    case "@opentelemetry/sdk-trace-node":
      return renamed(workspacePackages("sdk-trace-node-v2"), name);
    case "@opentelemetry/sdk-metrics":
      return renamed(workspacePackages("sdk-metrics-v2"), name);
    case "@opentelemetry/resources":
      return workspacePackages("sdk-trace-base-v2")?.dependency(name);
    default:
      return undefined;
  }
};

/** `find`, except that the named packages are reported missing. */
export function without(find: PackageFinder, ...missing: string[]): PackageFinder {
  return (name) => (missing.includes(name) ? undefined : find(name));
}

/** `find`, except that `name` is answered by `replacement` (another line's copy, say). */
export function replacing(find: PackageFinder, name: string, replacement: PackageFinder): PackageFinder {
  return (wanted) => (wanted === name ? replacement(wanted) : find(wanted));
}

function renamed(found: InstalledPackage | undefined, name: string): InstalledPackage | undefined {
  return found && { ...found, name };
}
