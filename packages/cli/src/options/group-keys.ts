import { InvalidArgumentError } from "commander";

/**
 * The `--by` keys and the ledger columns each groups on. `version` brings its policy id along,
 * since a version number alone is meaningless across policies.
 */
export const GROUP_KEYS = {
  task: ["task"],
  policy: ["policy_id"],
  version: ["policy_id", "policy_version"],
  model: ["model_served"],
  outcome: ["outcome"],
} as const satisfies Record<string, readonly GroupColumn[]>;

/** A column a cost report can be grouped on; also the key's name in JSON and CSV output. */
export type GroupColumn = "task" | "policy_id" | "policy_version" | "model_served" | "outcome";

/** A `--by` value. */
export type GroupKey = keyof typeof GROUP_KEYS;

/**
 * Commander argument parser for a repeatable `--by` that also takes comma lists: accumulates the
 * keys given so far and rejects unknown ones as a usage error.
 */
export function collectGroupKeys(value: string, previous: GroupKey[] | undefined): GroupKey[] {
  const keys = [...(previous ?? [])];
  for (const part of value.split(",")) {
    const key = part.trim();
    if (!Object.hasOwn(GROUP_KEYS, key)) {
      throw new InvalidArgumentError(`"${key}" is not a group key: use ${Object.keys(GROUP_KEYS).join(", ")}.`);
    }
    keys.push(key as GroupKey);
  }
  return keys;
}

/** The distinct columns the keys group on, in the order given (default: by task). */
export function groupColumns(keys: readonly GroupKey[]): GroupColumn[] {
  const columns: GroupColumn[] = [];
  for (const key of keys.length > 0 ? keys : (["task"] as const)) {
    for (const column of GROUP_KEYS[key]) if (!columns.includes(column)) columns.push(column);
  }
  return columns;
}
