/**
 * The index catalogue: which rankings exist, what their components are, and
 * their bounds. Loaded from data/reference (data, not code), so SIPAS or a
 * province's own DDCI can be added without touching this file.
 */

/** Identifier of the overall figure of every index. */
export const TOTAL = 'total';

export interface IndexDef {
	id: string;
	/** URL segment, e.g. `par-index`. */
	slug: string;
	shortVi: string;
	shortEn: string;
	nameVi: string;
	nameEn: string;
	publisherVi: string;
	publisherEn: string;
	/** The set of units ranked against each other. */
	cohort: string;
	/** PAPI publishes no ranks: every PAPI rank is computed from scores. */
	publishesRanks: boolean;
	maxTotal: number | null;
	firstYear: number | null;
	source: string;
	/**
	 * How the total follows from the components when a file has no total column:
	 * `sum_of_components` (PAPI's aggregate is the unweighted sum of its
	 * dimensions), or null when the total must be read from the file.
	 */
	totalRule: TotalRule | null;
}

export const TOTAL_RULES = ['sum_of_components'] as const;
export type TotalRule = (typeof TOTAL_RULES)[number];

export interface ComponentDef {
	indexId: string;
	/** Stable id such as `pci_s1`, `papi_d8`, or `total`. */
	id: string;
	sortOrder: number;
	nameVi: string;
	nameEn: string;
	maxPoints: number | null;
	weightPct: number | null;
	/** First and last index year the component exists in; null = open. */
	yearFrom: number | null;
	yearTo: number | null;
	source: string;
	note: string;
}

/** What a column of a published table holds: a component's score or rank, or nothing we store. */
export type ColumnRole = 'score' | 'rank' | 'skip';

/** A header text seen in published tables and what it means (data/reference/component-aliases.csv). */
export interface ComponentAlias {
	/** An index id, or `*` for every index. */
	indexId: string;
	alias: string;
	/** The component the column holds; null for a `skip` alias. */
	componentId: string | null;
	role: ColumnRole;
}

/** True when the component is part of the index in that year. */
export function componentValidInYear(component: ComponentDef, year: number): boolean {
	if (component.yearFrom !== null && year < component.yearFrom) return false;
	if (component.yearTo !== null && year > component.yearTo) return false;
	return true;
}

/** Looks an index up by id (`PAR_INDEX`), slug (`par-index`) or short name, case-insensitive. */
export function findIndex(indices: IndexDef[], text: string): IndexDef | undefined {
	const key = text.trim().toLowerCase().replace(/[\s_-]+/g, '');
	return indices.find(
		(i) =>
			i.id.toLowerCase().replace(/_/g, '') === key ||
			i.slug.replace(/-/g, '') === key ||
			i.shortEn.toLowerCase().replace(/\s+/g, '') === key
	);
}
