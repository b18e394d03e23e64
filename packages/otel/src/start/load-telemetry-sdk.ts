import type { InstalledPackage, PackageFinder } from "./installed-package.js";
import type { TelemetrySdk } from "./telemetry-sdk.js";
import { TelemetrySdkMissingError } from "./telemetry-sdk-missing-error.js";
import { type LinePackages, telemetrySdkOfLine } from "./telemetry-sdk-of-line.js";

/** Which optional pieces `startTelemetry` will use, so only those have to be installed. */
export interface TelemetrySdkNeeds {
  readonly otlpTraces: boolean;
  readonly otlpMetrics: boolean;
}

/** A package a line needs, the role it plays there, and the versions that belong to the line. */
interface Requirement {
  readonly role: keyof LinePackages;
  readonly name: string;
  /** What `pnpm add` is told, e.g. `^3` or `>=0.300.0 <0.400.0`. */
  readonly range: string;
  readonly fits: (found: InstalledPackage) => boolean;
}

const ofMajor =
  (...majors: number[]) =>
  (found: InstalledPackage) =>
    majors.includes(found.major);

/**
 * What a line needs for these needs, trace SDK first. The experimental OTLP exporters number
 * their releases 0.2xx for SDK 2 and 0.3xx for SDK 3.
 */
function requirements(line: 2 | 3, needs: TelemetrySdkNeeds): Requirement[] {
  const sdk = `^${line}`;
  const list: Requirement[] = [
    line === 3
      ? { role: "trace", name: "@opentelemetry/sdk-trace", range: sdk, fits: ofMajor(3) }
      : { role: "trace", name: "@opentelemetry/sdk-trace-node", range: sdk, fits: ofMajor(2) },
    { role: "resources", name: "@opentelemetry/resources", range: sdk, fits: ofMajor(line) },
    { role: "metrics", name: "@opentelemetry/sdk-metrics", range: sdk, fits: ofMajor(line) },
  ];
  // SDK 3 has no NodeTracerProvider.register(); the context manager depends on the API only.
  if (line === 3)
    list.push({ role: "contextManager", name: "@opentelemetry/context-async-hooks", range: sdk, fits: ofMajor(2, 3) });
  const otlp = `>=0.${line}00.0 <0.${line + 1}00.0`;
  const fitsOtlp = (found: InstalledPackage) => found.major === 0 && Math.floor(found.minor / 100) === line;
  if (needs.otlpTraces)
    list.push({ role: "traceExporter", name: "@opentelemetry/exporter-trace-otlp-http", range: otlp, fits: fitsOtlp });
  if (needs.otlpMetrics)
    list.push({
      role: "metricExporter",
      name: "@opentelemetry/exporter-metrics-otlp-http",
      range: otlp,
      fits: fitsOtlp,
    });
  return list;
}

/**
 * Picks the OpenTelemetry SDK line the host installed and loads it: SDK 3
 * (`@opentelemetry/sdk-trace` 3.x) when present, else SDK 2 (`@opentelemetry/sdk-trace-node`
 * 2.x), each with the resources, metrics SDK and OTLP exporters of the same line, since the
 * lines do not mix. Every package is looked up with `find` (by default from this package, where
 * the optional peers resolve), so a service that brings its own SDK installs no second copy.
 * Throws a {@link TelemetrySdkMissingError} listing everything missing at once, with the command
 * that installs it; nothing is registered before that check passes.
 */
export function loadTelemetrySdk(find: PackageFinder, needs: TelemetrySdkNeeds): TelemetrySdk {
  const sdkTrace = find("@opentelemetry/sdk-trace");
  if (sdkTrace?.major === 3) return checkedLine(3, sdkTrace, find, needs);
  const sdkTraceNode = find("@opentelemetry/sdk-trace-node");
  if (sdkTraceNode?.major === 2) return checkedLine(2, sdkTraceNode, find, needs);

  const problems = [sdkTrace, sdkTraceNode]
    .filter((found) => found !== undefined)
    .map((found) => `${found.name} ${found.version} is of neither supported line`);
  const all = { otlpTraces: true, otlpMetrics: true };
  const install = `${installCommand(requirements(3, all))}  (or, for SDK 2: ${installCommand(requirements(2, all))})`;
  throw new TelemetrySdkMissingError(undefined, problems, install);
}

function checkedLine(
  line: 2 | 3,
  trace: InstalledPackage,
  find: PackageFinder,
  needs: TelemetrySdkNeeds,
): TelemetrySdk {
  const packages: { -readonly [Role in keyof LinePackages]?: InstalledPackage } = { trace };
  const problems: string[] = [];
  const missing: Requirement[] = [];
  for (const requirement of requirements(line, needs).slice(1)) {
    const found = find(requirement.name);
    if (found !== undefined && requirement.fits(found)) {
      packages[requirement.role] = found;
      continue;
    }
    problems.push(
      found === undefined
        ? `${requirement.name} is not installed`
        : `${requirement.name} is ${found.version} (SDK ${line} needs ${requirement.range})`,
    );
    missing.push(requirement);
  }
  if (problems.length > 0) throw new TelemetrySdkMissingError(line, problems, installCommand(missing));
  return telemetrySdkOfLine(line, packages as LinePackages);
}

function installCommand(requirements: readonly Requirement[]): string {
  const specs = requirements.map(({ name, range }) =>
    range.includes(" ") ? `'${name}@${range}'` : `${name}@${range}`,
  );
  return `pnpm add ${specs.join(" ")}`;
}
