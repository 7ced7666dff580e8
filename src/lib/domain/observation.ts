/**
 * The canonical observation: one figure of one index, year, unit and component,
 * and the zod schema that checks a canonical long-format row
 * (`index,year,unit,component,score,rank,rank_of,value_type,source,note`).
 */
import { z } from 'zod';
import { parseDecimal } from './numbers.ts';

export const CANONICAL_COLUMNS = [
	'index',
	'year',
	'unit',
	'component',
	'score',
	'rank',
	'rank_of',
	'value_type',
	'source',
	'note'
] as const;

export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

/** Columns a canonical file must have; the rest may be left out. */
export const REQUIRED_COLUMNS: CanonicalColumn[] = ['index', 'year', 'unit', 'score', 'rank'];

export const VALUE_TYPES = ['published', 'derived'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/** One figure, ready to store. */
export interface Observation {
	indexId: string;
	year: number;
	unitCode: string;
	componentId: string;
	score: number | null;
	publishedRank: number | null;
	publishedN: number | null;
	valueType: ValueType;
	source: string | null;
	note: string | null;
}

/** An observation with where it stood in the file, for problems found after validation (a conflict). */
export interface SourcedObservation extends Observation {
	/** Spreadsheet row of the figure. */
	line: number;
	/** Header of the column holding the score in a wide table; absent for a canonical file. */
	column?: string;
}

const optionalText = z
	.string()
	.optional()
	.transform((v) => (v === undefined || v.trim() === '' ? null : v.trim().normalize('NFC')));

const decimal = z.string().optional().transform((v, ctx) => {
	const n = parseDecimal(v);
	if (Number.isNaN(n)) {
		ctx.addIssue({ code: 'custom', message: 'number' });
		return z.NEVER;
	}
	return n;
});

const positiveInteger = z.string().optional().transform((v, ctx) => {
	const n = parseDecimal(v);
	if (n === null) return null;
	if (Number.isNaN(n) || !Number.isInteger(n) || n < 1) {
		ctx.addIssue({ code: 'custom', message: 'positive_integer' });
		return z.NEVER;
	}
	return n;
});

/**
 * Shape and format of a canonical row, before the catalogue and the unit list
 * are consulted. Error messages are codes; `import-problems.ts` words them.
 */
export const canonicalRowSchema = z.object({
	index: z.string({ error: 'required' }).trim().min(1, { error: 'required' }),
	year: z
		.string({ error: 'required' })
		.trim()
		.regex(/^\d{4}$/, { error: 'year' })
		.transform(Number),
	unit: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).transform((v) => v.normalize('NFC')),
	component: optionalText,
	score: decimal,
	rank: positiveInteger,
	rank_of: positiveInteger,
	value_type: z
		.string()
		.optional()
		.transform((v) => (v === undefined || v.trim() === '' ? 'published' : v.trim().toLowerCase()))
		.pipe(z.enum(VALUE_TYPES, { error: 'value_type' })),
	source: optionalText,
	note: optionalText
});

export type CanonicalRow = z.infer<typeof canonicalRowSchema>;
