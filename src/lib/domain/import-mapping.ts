/**
 * The mapping of a wide published table: what detection cannot settle, written
 * by hand (`--map map.json`), picked in the web form, or saved as a named preset.
 * Every field is optional; what is left out is detected.
 */
import { z } from 'zod';

export const ORIENTATIONS = ['units_in_rows', 'units_in_columns'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

export const mappingSchema = z
	.object({
		/** Worksheet of an .xlsx file. */
		sheet: z.string().min(1).optional(),
		/** `units_in_rows` (one row a unit) or `units_in_columns` (the transposed table). */
		orientation: z.enum(ORIENTATIONS).optional(),
		/** Spreadsheet row (columns for a transposed table) holding the component headers, 1-based. */
		headerRow: z.number().int().positive().optional(),
		/** Header of the column (or row) that names the units. */
		unit: z.string().min(1).optional(),
		/** Header → `pci_s3` (a component's score), `rank` (the published rank of the total), `rank:pci_s3`, or `skip`. */
		columns: z.record(z.string(), z.string().min(1)).optional(),
		/** Written by `--write-map` for the reader: names it guessed → the targets they could be. Ignored when importing. */
		candidates: z.record(z.string(), z.array(z.string())).optional()
	})
	.strict();

export type Mapping = z.infer<typeof mappingSchema>;

/** Parses mapping JSON text; returns the mapping or the zod issues as readable lines. */
export function parseMapping(text: string): { ok: true; mapping: Mapping } | { ok: false; issues: string[] } {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		return { ok: false, issues: [error instanceof Error ? error.message : String(error)] };
	}
	const parsed = mappingSchema.safeParse(json);
	if (parsed.success) return { ok: true, mapping: parsed.data };
	return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}

/** A mapping with `over` laid on `base`: fields of `over` win, column entries are merged. */
export function mergeMappings(base: Mapping | undefined, over: Mapping | undefined): Mapping | undefined {
	if (!base || !over) return over ?? base;
	return { ...base, ...over, columns: { ...base.columns, ...over.columns } };
}
