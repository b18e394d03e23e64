import { RISK_LEVELS, type RouteKind } from "@modelpolicy/core";
import { z } from "zod";

/**
 * What `expected` must hold for each route kind, beyond the shared golden-example schema. Extra
 * keys are allowed (a suite may keep reference evidence or simulator hints there); the metrics
 * read only these.
 */
export const EXPECTED_SCHEMAS: Readonly<Record<RouteKind, z.ZodType>> = {
  classification: z.looseObject({ label: z.string().min(1) }),
  extraction: z.looseObject({ fields: z.record(z.string(), z.unknown()) }),
  risk: z.looseObject({ risk_level: z.enum(RISK_LEVELS) }),
  drafting: z.looseObject({
    must_mention: z.array(z.string().min(1)).optional(),
    max_words: z.int().positive().optional(),
  }),
  exception: z.looseObject({ stop: z.boolean() }),
};
