import { z } from "zod";

/**
 * One evidence reference in a model's output: the output field it supports, the source it
 * quotes, and the verbatim quote. Output schemas that need evidence include a top-level
 * `evidence` array of these; {@link evidenceListSchema} is ready to drop in.
 */
export const evidenceRefSchema = z.object({
  field: z.string().describe("name of the output field this quote supports"),
  source_id: z.string().describe("id of the source document quoted"),
  quote: z.string().describe("verbatim text copied from the source"),
});

/** The `evidence` member of an output schema. */
export const evidenceListSchema = z.array(evidenceRefSchema);

export type EvidenceRef = z.output<typeof evidenceRefSchema>;

/** A document the model may quote, by id. */
export interface EvidenceSource {
  readonly id: string;
  readonly text: string;
}

/** Evidence found for one output field. */
export interface FieldEvidence {
  readonly field: string;
  /** At least one of its refs was found in its source. */
  readonly verified: boolean;
  readonly refs: number;
}

/** The evidence check's answer. */
export interface EvidenceReport {
  /** Share of checked fields with verified evidence, 0 to 1 (1 when no field needs evidence). */
  readonly coverage: number;
  readonly fields: readonly FieldEvidence[];
  /** Refs whose quote was not found in the named source (or whose source does not exist). */
  readonly unverified: readonly EvidenceRef[];
  /** Fields that need evidence and have no verified ref. */
  readonly missingFields: readonly string[];
}

/** Output keys that describe the answer rather than assert a fact, so need no evidence. */
const META_FIELDS = new Set(["evidence", "confidence"]);

/**
 * Checks that every evidence quote appears in the source it names, comparing with whitespace
 * collapsed and case folded, so a model that reflowed a line is not punished but one that
 * paraphrased is. Fields checked are `fields` when given, else every top-level output key with
 * a value, except `evidence` and `confidence`.
 */
export function checkEvidence(
  output: unknown,
  sources: readonly EvidenceSource[],
  fields?: readonly string[],
): EvidenceReport {
  const record = output !== null && typeof output === "object" ? (output as Record<string, unknown>) : {};
  const parsedRefs = evidenceListSchema.safeParse(record.evidence);
  const refs = parsedRefs.success ? parsedRefs.data : [];
  const checked =
    fields ??
    Object.keys(record).filter((key) => !META_FIELDS.has(key) && record[key] !== null && record[key] !== undefined);

  const normalisedSources = new Map(sources.map((source) => [source.id, normalise(source.text)]));
  const verifiedFields = new Set<string>();
  const refCounts = new Map<string, number>();
  const unverified: EvidenceRef[] = [];
  for (const ref of refs) {
    refCounts.set(ref.field, (refCounts.get(ref.field) ?? 0) + 1);
    const source = normalisedSources.get(ref.source_id);
    const quote = normalise(ref.quote);
    if (source !== undefined && quote.length > 0 && source.includes(quote)) verifiedFields.add(ref.field);
    else unverified.push(ref);
  }
  const fieldReports = checked.map((field) => ({
    field,
    verified: verifiedFields.has(field),
    refs: refCounts.get(field) ?? 0,
  }));
  const missingFields = fieldReports.filter((report) => !report.verified).map((report) => report.field);
  const coverage = checked.length === 0 ? 1 : (checked.length - missingFields.length) / checked.length;
  return { coverage, fields: fieldReports, unverified, missingFields };
}

function normalise(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase();
}
