/**
 * How an index's total follows from its components, per index and year range
 * (data/reference/aggregation.csv), and `projectTotal`, the one place a total
 * is computed from component scores. The what-if page, the CLI and the
 * cheapest path (what-if.ts) all go through it.
 *
 * Every rule we know is linear: PCI's weighted sum (10 × Σ weight% × sub-index),
 * PAPI's plain sum of dimensions, PAR INDEX's sum of its two parts. So a rule
 * resolves to one coefficient per component, and a change of one point in a
 * component moves the total by its coefficient.
 */
import { z } from 'zod';
import { componentValidInYear, TOTAL, type ComponentDef } from './catalogue.ts';

export const AGGREGATION_KINDS = ['weighted_sum', 'sum', 'not_reproducible'] as const;
export type AggregationKind = (typeof AGGREGATION_KINDS)[number];

/** One row of data/reference/aggregation.csv. */
export interface AggregationRule {
	indexId: string;
	yearFrom: number;
	/** Null: open-ended. */
	yearTo: number | null;
	kind: AggregationKind;
	/** The factor in front of the sum (PCI: 10, so that ten 10-point sub-indices make 100). */
	scale: number | null;
	/** The components summed; empty: every component of the index valid in the year. */
	componentIds: string[];
	/** What the rule was checked against, and how closely (Vietnamese, English). */
	checkedVi: string;
	checkedEn: string;
	source: string;
	note: string;
}

/** A component as the total sees it: its coefficient and the bounds of its score. */
export interface AggregationPart {
	id: string;
	/** Points of total per point of the component. */
	coefficient: number;
	min: number;
	/** Null when the component's maximum is not known (the what-if then has no cap for it). */
	max: number | null;
}

/** A year's rule, resolved against the catalogue. */
export type Aggregation =
	| { reproducible: true; rule: AggregationRule; parts: AggregationPart[] }
	| { reproducible: false; rule: AggregationRule | null };

const year = z.string().regex(/^\d{4}$/, 'a four-digit year').transform(Number);
const rowSchema = z.object({
	index: z.string().min(1, 'an index id'),
	year_from: year,
	year_to: z.union([z.literal('').transform(() => null), year]),
	rule: z.enum(AGGREGATION_KINDS, `one of ${AGGREGATION_KINDS.join(', ')}`),
	scale: z.union([z.literal('').transform(() => null), z.string().regex(/^\d+(\.\d+)?$/, 'a positive number').transform(Number)]),
	components: z.string().transform((s) => (s.trim() === '' ? [] : s.split('|').map((c) => c.trim()))),
	checked_vi: z.string(),
	checked_en: z.string(),
	source: z.string().min(1, 'a source address'),
	note: z.string()
});

/**
 * Reads the rows of data/reference/aggregation.csv (header names as keys);
 * throws on the first bad cell, naming the file, row, column, value and what
 * was expected, so a broken edit never loads half a catalogue.
 */
export function parseAggregationRules(rows: Record<string, string | undefined>[], file = 'data/reference/aggregation.csv'): AggregationRule[] {
	return rows.map((raw, i) => {
		const cells = Object.fromEntries(Object.keys(rowSchema.shape).map((k) => [k, (raw[k] ?? '').trim()]));
		const parsed = rowSchema.safeParse(cells);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			const column = String(issue.path[0]);
			throw new Error(`${file}, row ${i + 2}, column ${column}: value "${cells[column]}", expected ${issue.message}`);
		}
		const r = parsed.data;
		if (r.year_to !== null && r.year_to < r.year_from) {
			throw new Error(`${file}, row ${i + 2}, column year_to: value "${r.year_to}", expected a year not before year_from ${r.year_from}`);
		}
		return {
			indexId: r.index, yearFrom: r.year_from, yearTo: r.year_to, kind: r.rule, scale: r.scale, componentIds: r.components,
			checkedVi: r.checked_vi, checkedEn: r.checked_en, source: r.source, note: r.note
		};
	});
}

/** The rule in force for an index in a year; null when no row covers it. */
export function ruleFor(rules: AggregationRule[], indexId: string, year: number): AggregationRule | null {
	return rules.find((r) => r.indexId === indexId && r.yearFrom <= year && (r.yearTo === null || year <= r.yearTo)) ?? null;
}

/**
 * The rule of an index in a year with a coefficient for each component. A
 * year no row covers, or a weighted sum whose weights are missing from the
 * catalogue, is not reproducible: the what-if then offers the total alone.
 */
export function aggregationFor(rules: AggregationRule[], components: ComponentDef[], indexId: string, year: number): Aggregation {
	const rule = ruleFor(rules, indexId, year);
	if (!rule || rule.kind === 'not_reproducible') return { reproducible: false, rule };
	const own = components
		.filter((c) => c.indexId === indexId && c.id !== TOTAL && componentValidInYear(c, year))
		.filter((c) => rule.componentIds.length === 0 || rule.componentIds.includes(c.id))
		.sort((a, b) => a.sortOrder - b.sortOrder);
	if (own.length === 0) return { reproducible: false, rule };
	const scale = rule.scale ?? 1;
	if (rule.kind === 'weighted_sum' && own.some((c) => c.weightPct === null)) return { reproducible: false, rule };
	const parts = own.map((c) => ({
		id: c.id,
		coefficient: rule.kind === 'weighted_sum' ? (scale * c.weightPct!) / 100 : scale,
		min: 0,
		max: c.maxPoints
	}));
	return { reproducible: true, rule, parts };
}

/**
 * The total the rule gives for these component scores; null when a part has
 * no score (a total is never made from some of its components).
 */
export function projectTotal(parts: AggregationPart[], scores: Record<string, number | null | undefined>): number | null {
	let total = 0;
	for (const part of parts) {
		const score = scores[part.id];
		if (score === null || score === undefined || !Number.isFinite(score)) return null;
		total += part.coefficient * score;
	}
	return total;
}
