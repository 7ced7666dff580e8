/**
 * What the web import page sends: the upload it means (by SHA-256) and how to
 * read it, then at commit the citation and the confirmation to replace. The
 * zod schemas are the boundary of the /api/import routes; `targetOptions` are
 * the choices of the page's column pickers.
 */
import { z } from 'zod';
import { mappingSchema } from './import-mapping.ts';
import { TOTAL } from './catalogue.ts';
import { t, type Locale } from '../i18n/index.ts';
import '../i18n/areas/webimport.ts';

/** How to read an uploaded file: the same choices as `chiso import` (--index, --year, --sheet, --map). */
export const readRequestSchema = z
	.object({
		sha256: z.string().regex(/^[0-9a-f]{64}$/),
		fileName: z.string().min(1).max(255),
		indexId: z.string().min(1).optional(),
		year: z.number().int().min(1900).max(2100).optional(),
		sheet: z.string().min(1).optional(),
		mapping: mappingSchema.optional()
	})
	.strict();

export type ReadRequest = z.infer<typeof readRequestSchema>;

export const commitRequestSchema = readRequestSchema
	.extend({
		source: z.string().max(500).optional(),
		/** The analyst confirmed that changed figures replace the stored ones. */
		replace: z.boolean().default(false)
	})
	.strict();

export type CommitRequest = z.infer<typeof commitRequestSchema>;

export const presetRequestSchema = z
	.object({
		name: z.string().trim().min(1).max(80),
		indexId: z.string().min(1).nullable(),
		mapping: mappingSchema
	})
	.strict();

/** The zod issues of a refused request as one readable line ("year: expected int…"). */
export function describeIssues(error: z.ZodError): string {
	return error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}

/** A choice of the column picker: a component's score or rank, or skip. */
export interface TargetOption {
	value: string;
	label: string;
}

/**
 * The column picker's choices, in the mapping's own vocabulary
 * (import-mapping.ts): a component id, `rank` (the total's published rank),
 * `rank:<id>`, or `skip`. Ranks only for an index that publishes them.
 */
export function targetOptions(components: { id: string; name: string }[], publishesRanks: boolean, locale: Locale): TargetOption[] {
	const scores = components.map((c) => ({ value: c.id, label: t(locale, 'webimport.target.score', { name: c.name }) }));
	const ranks = publishesRanks
		? components.map((c) => ({ value: c.id === TOTAL ? 'rank' : `rank:${c.id}`, label: t(locale, 'webimport.target.rank', { name: c.name }) }))
		: [];
	return [...scores, ...ranks, { value: 'skip', label: t(locale, 'webimport.target.skip') }];
}
