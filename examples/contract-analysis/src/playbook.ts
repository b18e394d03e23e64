import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

/** The document types the classifier may answer; `unknown` is a real answer, not an error. */
export const DOCUMENT_TYPES = ["msa", "nda", "sow", "amendment", "unknown"] as const;

/** One of {@link DOCUMENT_TYPES}. */
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The clauses the playbook has a position on; also the keys of the clause-matching output. */
export const CLAUSES = [
  "liability_cap",
  "termination_notice",
  "auto_renewal",
  "governing_law",
  "payment_terms",
  "confidentiality_term",
] as const;

/** One of {@link CLAUSES}. */
export type Clause = (typeof CLAUSES)[number];

const positionSchema = z.strictObject({
  position: z.string(),
  max_months_of_fees: z.int().positive().optional(),
  min_days: z.int().positive().optional(),
  min_non_renewal_notice_days: z.int().positive().optional(),
  accepted: z.array(z.string()).optional(),
  max_days: z.int().positive().optional(),
  min_years: z.int().positive().optional(),
});

const clauseListSchema = z.array(z.enum(CLAUSES));

/**
 * The playbook file's shape. Validated like the policy table, so a typo in a threshold fails at
 * start instead of silently approving a clause.
 */
export const playbookSchema = z.strictObject({
  version: z.string(),
  /** Whose positions these are: risk is judged from this party's side. */
  company: z.string(),
  clauses: z.strictObject({
    liability_cap: positionSchema,
    termination_notice: positionSchema,
    auto_renewal: positionSchema,
    governing_law: positionSchema,
    payment_terms: positionSchema,
    confidentiality_term: positionSchema,
  }),
  applies_to: z.strictObject({
    msa: clauseListSchema,
    nda: clauseListSchema,
    sow: clauseListSchema,
    amendment: clauseListSchema,
    unknown: clauseListSchema,
  }),
});

/** A loaded playbook. */
export type Playbook = z.output<typeof playbookSchema>;

/** The bundled playbook, resolved from this module's location (see `BUNDLED_DOCUMENTS_URL`). */
export const BUNDLED_PLAYBOOK_URL = new URL("../playbook.yaml", import.meta.url);

/** Reads and validates a playbook file. */
export async function loadPlaybook(url: URL = BUNDLED_PLAYBOOK_URL): Promise<Playbook> {
  return playbookSchema.parse(parseYaml(await readFile(url, "utf8")));
}
