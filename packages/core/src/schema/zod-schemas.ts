import { z } from "zod";

/**
 * The internals zod 4 keeps on every schema, whichever copy made it (zod 4.x, zod 3.25's
 * `zod/v4`, zod mini): what the router reads to convert, and to find an object's fields.
 */
interface ZodCoreInternals {
  readonly _zod: {
    readonly version: { readonly major: number };
    readonly def: { readonly type: string; readonly shape?: Readonly<Record<string, unknown>> };
  };
}

/** True for a zod 4 schema from any copy of zod, including zod 3.25's `zod/v4`. */
export function isZodCoreSchema(schema: object): schema is ZodCoreInternals {
  const internals = (schema as Partial<ZodCoreInternals>)._zod;
  return typeof internals === "object" && internals !== null && internals.version?.major === 4;
}

/**
 * True for a zod 3 classic schema (`import { z } from "zod"` on zod 3): it validates as a
 * Standard Schema since 3.24 but has no JSON Schema conversion of its own.
 */
export function isZodClassicSchema(schema: object): boolean {
  const standard = (schema as { "~standard"?: { vendor?: unknown } })["~standard"];
  return standard?.vendor === "zod" && "_def" in schema && !("_zod" in schema);
}

/**
 * Converts a zod 4 schema that does not offer Standard JSON Schema (zod 4.0–4.1, zod 3.25's
 * `zod/v4`) with this package's zod. Metadata such as `.describe()` lives in the registry of the
 * copy that made the schema, so it is read through the schema's own `meta()`; without that the
 * descriptions a model relies on would silently vanish.
 */
export function zodCoreJsonSchema(schema: ZodCoreInternals): Record<string, unknown> {
  const metadata = {
    get(entry: unknown) {
      const meta = (entry as { meta?: () => unknown }).meta;
      return (typeof meta === "function" ? meta.call(entry) : undefined) ?? z.globalRegistry.get(entry as z.ZodType);
    },
  };
  return z.toJSONSchema(schema as unknown as z.ZodType, {
    target: "draft-2020-12",
    unrepresentable: "any",
    metadata: metadata as unknown as typeof z.globalRegistry,
  }) as Record<string, unknown>;
}

/** The fields of a zod 4 object schema, for per-field validation; `undefined` for other schemas. */
export function zodObjectFields(schema: ZodCoreInternals): Readonly<Record<string, unknown>> | undefined {
  const { def } = schema._zod;
  return def.type === "object" ? def.shape : undefined;
}
