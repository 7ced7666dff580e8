/**
 * The canonical observation: one figure of one index, year, unit and component,
 * and the zod schema that checks a canonical long-format row
 * (`index,year,unit,component,score,rank,rank_of,value_type,source,note`, and
 * the optional bound columns `rank_min,rank_max,score_min,score_max,group`).
 *
 * A bound is what a source says without giving the figure ("outside the top 30":
 * rank 31–63; "above Gia Lai's 39.67": score ≥ 39.67; "in the lowest group").
 * It is stored on the same key as a figure, so it goes through the same
 * validation, preview, batches, undo and export; where a figure is known it wins.
 */
import { z } from 'zod';
import { parseDecimal } from './numbers.ts';

/** The columns of a figure. */
export const FIGURE_COLUMNS = [
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

/** Optional columns of a bound: rank between rank_min and rank_max (of rank_of), score between score_min and score_max, a named group. */
export const BOUND_COLUMNS = ['rank_min', 'rank_max', 'score_min', 'score_max', 'group'] as const;

export const CANONICAL_COLUMNS = [...FIGURE_COLUMNS, ...BOUND_COLUMNS] as const;

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
	/** The bound a source states instead of (or beside) the figure; left out of a plain figure. */
	rankMin?: number | null;
	rankMax?: number | null;
	scoreMin?: number | null;
	scoreMax?: number | null;
	group?: string | null;
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
	note: optionalText,
	rank_min: positiveInteger,
	rank_max: positiveInteger,
	score_min: decimal,
	score_max: decimal,
	group: optionalText
});

export type CanonicalRow = z.infer<typeof canonicalRowSchema>;
