import type { CommandOutput } from "../command-output.js";
import { loadSuite } from "../eval/load-suite.js";
import { EXIT_CODES } from "../exit-codes.js";
import { formatTable } from "../format/text-table.js";
import { describeFallback, describeRetry, describeReview, describeTier, policyRef } from "./describe-policy.js";
import { diffTables, type TableDiff } from "./diff-tables.js";
import { lintTable } from "./lint-table.js";
import { loadTable } from "./load-table.js";
import { routeOutputShapes } from "./route-output-shapes.js";

/** Output formats of the `policies` commands. */
export const POLICIES_FORMATS = ["table", "json"] as const;

/** `modelpolicy policies show FILE`: one row per route, the table's tiers under it. */
export async function showCommand(
  file: string,
  options: { format: (typeof POLICIES_FORMATS)[number] },
  cwd: string,
): Promise<CommandOutput> {
  const { table, label } = await loadTable(file, cwd);
  if (options.format === "json") {
    return {
      stdout: `${JSON.stringify({ source: label, ...table, tierOrder: table.tierOrder }, null, 2)}\n`,
      stderr: "",
    };
  }
  const rows = table.policies.map((policy) => [
    policy.task,
    policyRef(policy),
    describeTier(table, policy.model_tier),
    `${policy.max_input_tokens}/${policy.max_output_tokens}`,
    policy.evidence_required ? "required" : "-",
    describeReview(policy),
    describeFallback(policy),
    policy.latency_tier,
    describeRetry(policy),
  ]);
  const tiers = table.tierOrder.map((tier) => `${tier}=${table.tiers[tier]!.provider}/${table.tiers[tier]!.model}`);
  return {
    stdout: [
      `${label}: table version ${table.version}, ${table.policies.length} routes`,
      "",
      formatTable(
        ["route", "policy", "tier", "in/out tokens", "evidence", "review", "fallback", "latency", "retry"],
        rows,
      ).trimEnd(),
      "",
      `tiers (cheapest first): ${tiers.join(", ")}`,
      ...(table.unknownTask ? [`unknown tasks go to: ${table.unknownTask}`] : []),
      "",
    ].join("\n"),
    stderr: "",
  };
}

/**
 * `modelpolicy policies diff OLD NEW`: per route what changed, routes added and removed, table-wide
 * changes, and every policy whose content changed under the same version. With
 * `--fail-on-unversioned` such a change exits 8 (the diff is still printed).
 */
export async function diffCommand(
  oldFile: string,
  newFile: string,
  options: { format: (typeof POLICIES_FORMATS)[number]; failOnUnversioned: boolean },
  cwd: string,
): Promise<CommandOutput> {
  const before = await loadTable(oldFile, cwd);
  const after = await loadTable(newFile, cwd);
  const diff = diffTables(before.table, after.table);
  const unversioned = diff.routes.filter((route) => route.unversioned);
  const failed = options.failOnUnversioned && unversioned.length > 0;
  const stdout =
    options.format === "json"
      ? `${JSON.stringify({ old: before.label, new: after.label, ...diff }, null, 2)}\n`
      : renderDiff(diff, before.label, after.label);
  const stderr = failed
    ? `modelpolicy: ${unversioned.length} policy change(s) kept their version (${unversioned.map((route) => route.task).join(", ")}): bump version (exit 8).\n`
    : "";
  return { stdout, stderr, exitCode: failed ? EXIT_CODES.unversionedChange : EXIT_CODES.ok };
}

function renderDiff(diff: TableDiff, oldLabel: string, newLabel: string): string {
  const rows: string[][] = [];
  for (const route of diff.routes) {
    if (route.status === "unchanged") continue;
    if (route.status === "added") rows.push([route.task, "ADDED", "", route.new!.ref]);
    else if (route.status === "removed") rows.push([route.task, "REMOVED", route.old!.ref, ""]);
    else {
      if (route.unversioned) {
        rows.push([
          route.task,
          "UNVERSIONED CHANGE",
          `${route.old!.ref} ${route.old!.digest}`,
          `${route.new!.ref} ${route.new!.digest}`,
        ]);
      }
      route.changes.forEach((change, index) => {
        rows.push([index === 0 && !route.unversioned ? route.task : "", change.field, change.old, change.new]);
      });
    }
  }
  const unchanged = diff.routes.filter((route) => route.status === "unchanged").map((route) => route.task);
  const unversioned = diff.routes.filter((route) => route.unversioned);
  const lines = [
    `policies diff: ${oldLabel} (version ${diff.oldVersion}) -> ${newLabel} (version ${diff.newVersion})`,
    "",
  ];
  lines.push(rows.length > 0 ? formatTable(["route", "change", "old", "new"], rows).trimEnd() : "no route changed");
  if (diff.table.length > 0) {
    lines.push("", "table-wide:");
    for (const change of diff.table) lines.push(`  ${change.field}: ${change.old} -> ${change.new}`);
  }
  if (unchanged.length > 0) lines.push("", `unchanged: ${unchanged.join(", ")}`);
  for (const route of unversioned) {
    lines.push(
      "",
      `⚠ ${route.task}: policy ${route.new!.ref} changed (digest ${route.old!.digest} -> ${route.new!.digest}) but kept its version; bump version so telemetry and evals can tell the two apart.`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * `modelpolicy policies lint FILE [--suite MODULE]`: schema errors end in exit 6 with every
 * problem; a valid table gets advice (exit 0).
 */
export async function lintCommand(
  file: string,
  options: { suite?: string | undefined; format: (typeof POLICIES_FORMATS)[number] },
  cwd: string,
): Promise<CommandOutput> {
  const { table, label } = await loadTable(file, cwd);
  const shapes = options.suite ? await routeOutputShapes(await loadSuite(options.suite, cwd), cwd) : undefined;
  const result = lintTable(table, shapes);
  if (options.format === "json") {
    return { stdout: `${JSON.stringify({ source: label, valid: true, ...result }, null, 2)}\n`, stderr: "" };
  }
  const lines = [
    `policies lint: ${label} (table version ${table.version}, ${table.policies.length} routes): schema OK`,
  ];
  if (result.advice.length === 0) lines.push("advice: none");
  else {
    lines.push(`advice (${result.advice.length}):`);
    for (const advice of result.advice) lines.push(`  ⚠ [${advice.rule}] ${advice.message}`);
  }
  if (result.skipped.length > 0) {
    lines.push("not checked:");
    for (const skipped of result.skipped) lines.push(`  - ${skipped}`);
  }
  return { stdout: `${lines.join("\n")}\n`, stderr: "" };
}
