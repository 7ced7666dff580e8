/**
 * Checks canonical rows against the catalogue and the unit list and turns them
 * into observations. Collects every problem instead of stopping at the first.
 *
 * Each rule is one small exported function (`parseCell`, `resolveIndex`,
 * `checkYearRange`, `resolveUnit`, `resolveComponent`, `checkScoreRange`,
 * `checkRankRange`, `checkFigure`). The row validator below calls them per row;
 * the bulk import (`server/import/bulk-csv.ts`) calls the same functions once
 * per distinct value of a column and joins the answers to millions of rows in
 * DuckDB, then re-validates the rows it flags with `validateRow` for the exact
 * problems. No rule has a second copy.
 */
import { canonicalRowSchema, type CanonicalColumn, type CanonicalRow, type SourcedObservation } from './observation.ts';
import { boundNotation, figureFitsBound, type Bound } from './bounds.ts';
import { componentValidInYear, findIndex, TOTAL, type ComponentDef, type IndexDef } from './catalogue.ts';
import type { UnitMatcher, UnitRecord } from './unit-names.ts';
import type { ImportProblem, ProblemCode } from './import-problems.ts';

export interface ValidationContext {
	file: string;
	sheet?: string;
	indices: IndexDef[];
	components: ComponentDef[];
	units: UnitMatcher;
	/** Latest year accepted (the current year + 1 by default). */
	maxYear?: number;
}

/** A row as read from a file: column name → cell text, plus where it stood. */
export interface SourceRow {
	line: number;
	cells: Record<string, string | undefined>;
	/**
	 * Where a canonical cell came from when the file was not canonical (a wide
	 * table): problems then name the spreadsheet row and the published header.
	 */
	origin?: Partial<Record<string, { row: number; column: string }>>;
}

export interface ValidationResult {
	observations: SourcedObservation[];
	problems: ImportProblem[];
}

/** What is wrong with one cell, before it is placed in a file (row, value). */
export interface Finding {
	column: CanonicalColumn;
	code: ProblemCode;
	params?: Record<string, string | number>;
}

export const MIN_YEAR = 1990;

/** The latest year a file may hold. */
export const maxYearOf = (ctx: Pick<ValidationContext, 'maxYear'>) => ctx.maxYear ?? new Date().getFullYear() + 1;

/** Finds a component of an index by id (`pci_s3`), Vietnamese or English name; empty means the total. */
export function findComponent(components: ComponentDef[], indexId: string, text: string | null) {
	if (text === null) return components.find((c) => c.indexId === indexId && c.id === TOTAL);
	const key = text.normalize('NFC').trim().toLowerCase();
	return components.find(
		(c) =>
			c.indexId === indexId &&
			(c.id.toLowerCase() === key || c.nameVi.toLowerCase() === key || c.nameEn.toLowerCase() === key)
	);
}

/** One cell through its column's schema (shape and format only): the value, or the finding. */
export function parseCell<C extends CanonicalColumn>(
	column: C,
	text: string | undefined
): { ok: true; value: CanonicalRow[C] } | { ok: false; finding: Finding } {
	const parsed = canonicalRowSchema.shape[column].safeParse(text);
	if (parsed.success) return { ok: true, value: parsed.data as CanonicalRow[C] };
	return { ok: false, finding: { column, code: parsed.error.issues[0].message as ProblemCode } };
}

/** The index a parsed `index` cell names, or `unknown_index`. */
export function resolveIndex(indices: IndexDef[], text: string): { index: IndexDef } | { finding: Finding } {
	const index = findIndex(indices, text);
	if (index) return { index };
	return { finding: { column: 'index', code: 'unknown_index', params: { known: indices.map((i) => i.id).join(', ') } } };
}

/** A parsed year outside MIN_YEAR..maxYear. */
export function checkYearRange(year: number, maxYear: number): Finding | null {
	return year < MIN_YEAR || year > maxYear ? { column: 'year', code: 'year_range', params: { min: MIN_YEAR, max: maxYear } } : null;
}

/** The unit a parsed `unit` cell names in that year (when the year could be read), or why not. */
export function resolveUnit(units: UnitMatcher, text: string, year: number | undefined): { unit: UnitRecord } | { finding: Finding } {
	const match = units.match(text, year);
	if (match.ok) return { unit: match.unit };
	const code = match.reason === 'unknown' ? 'unknown_unit' : match.reason === 'ambiguous' ? 'ambiguous_unit' : 'unit_year';
	return { finding: { column: 'unit', code, params: { suggestions: match.suggestions.join(', '), year: year ?? '' } } };
}

/**
 * The component a parsed `component` cell names in an index (empty: the total),
 * and a finding when there is none or it is not part of the index that year.
 * The component is returned even then: its bounds still apply to the score.
 */
export function resolveComponent(
	components: ComponentDef[],
	index: IndexDef,
	text: string | null,
	year: number | undefined
): { component?: ComponentDef; finding?: Finding } {
	const component = findComponent(components, index.id, text);
	if (!component) {
		const known = components.filter((c) => c.indexId === index.id).map((c) => c.id);
		return { finding: { column: 'component', code: 'unknown_component', params: { index: index.id, known: known.join(', ') } } };
	}
	if (year !== undefined && !componentValidInYear(component, year)) {
		return { component, finding: { column: 'component', code: 'component_year', params: { component: component.id, index: index.id, year } } };
	}
	return { component };
}

/** A score below 0 or above the component's maximum. */
export function checkScoreRange(score: number, maxPoints: number | null): Finding | null {
	return score < 0 || (maxPoints !== null && score > maxPoints) ? { column: 'score', code: 'score_range', params: { max: maxPoints ?? '∞' } } : null;
}

/** A rank above the number of units ranked. */
export function checkRankRange(rank: number, rankOf: number): Finding | null {
	return rank > rankOf ? { column: 'rank', code: 'rank_range', params: { max: rankOf } } : null;
}

/** A row needs a score, a rank or a bound (all read as empty, not as wrong). */
export function checkFigure(score: number | null | undefined, rank: number | null | undefined, bound = false): Finding | null {
	return score === null && rank === null && !bound ? { column: 'score', code: 'empty_figure' } : null;
}

/**
 * A bound that cannot hold: a minimum above its maximum, a rank bound above
 * the number ranked, a score bound outside the component's range; and a figure
 * in the same row that the bound excludes (the figure would win, so the row
 * says two things: refused, naming both).
 */
export function checkBound(
	bound: Bound,
	figure: { score: number | null; publishedRank: number | null; publishedN: number | null },
	maxPoints: number | null
): Finding[] {
	const findings: Finding[] = [];
	if (bound.rankMin !== null && bound.rankMax !== null && bound.rankMin > bound.rankMax) {
		findings.push({ column: 'rank_max', code: 'bound_order', params: { min: bound.rankMin } });
	}
	if (bound.scoreMin !== null && bound.scoreMax !== null && bound.scoreMin > bound.scoreMax) {
		findings.push({ column: 'score_max', code: 'bound_order', params: { min: bound.scoreMin } });
	}
	for (const column of ['rank_min', 'rank_max'] as const) {
		const v = column === 'rank_min' ? bound.rankMin : bound.rankMax;
		if (v !== null && figure.publishedN !== null) {
			const f = checkRankRange(v, figure.publishedN);
			if (f) findings.push({ ...f, column });
		}
	}
	for (const column of ['score_min', 'score_max'] as const) {
		const v = column === 'score_min' ? bound.scoreMin : bound.scoreMax;
		const f = v === null ? null : checkScoreRange(v, maxPoints);
		if (f) findings.push({ ...f, column });
	}
	if (findings.length === 0 && !figureFitsBound(figure, bound)) {
		const stated = [figure.score !== null ? String(figure.score) : '', figure.publishedRank !== null ? `#${figure.publishedRank}` : '']
			.filter(Boolean)
			.join(' ');
		findings.push({
			column: figure.publishedRank !== null && !figureFitsBound({ ...figure, score: null }, bound) ? 'rank' : 'score',
			code: 'bound_contradicts',
			params: { figure: stated, bound: boundNotation(bound, figure.publishedN) }
		});
	}
	return findings;
}

/** One row checked on its own (every rule but duplicates): its findings, in the order they are reported, and the observation when there are none. */
export function validateRow(
	row: SourceRow,
	ctx: Omit<ValidationContext, 'file' | 'sheet'>
): { findings: Finding[]; observation: Omit<SourcedObservation, 'line'> | null } {
	const findings: Finding[] = [];
	const add = (f: Finding | null) => f && findings.push(f);

	// Each column is parsed on its own so that one bad cell does not hide
	// the problems of the others in the same row.
	const r = {} as Partial<CanonicalRow>;
	for (const column of Object.keys(canonicalRowSchema.shape) as CanonicalColumn[]) {
		const parsed = parseCell(column, row.cells[column]);
		if (parsed.ok) (r as Record<string, unknown>)[column] = parsed.value;
		else add(parsed.finding);
	}

	let index: IndexDef | undefined;
	if (r.index !== undefined) {
		const resolved = resolveIndex(ctx.indices, r.index);
		if ('index' in resolved) index = resolved.index;
		else add(resolved.finding);
	}
	const year = r.year;
	if (year !== undefined) add(checkYearRange(year, maxYearOf(ctx)));

	let unit: UnitRecord | undefined;
	if (r.unit !== undefined) {
		const resolved = resolveUnit(ctx.units, r.unit, year);
		if ('unit' in resolved) unit = resolved.unit;
		else add(resolved.finding);
	}

	const { component, finding } = index && r.component !== undefined ? resolveComponent(ctx.components, index, r.component, year) : {};
	add(finding ?? null);

	const bound: Bound = {
		rankMin: r.rank_min ?? null, rankMax: r.rank_max ?? null, scoreMin: r.score_min ?? null, scoreMax: r.score_max ?? null, group: r.group ?? null
	};
	const hasBound = Object.values(bound).some((v) => v !== null);
	add(checkFigure(r.score, r.rank, hasBound));
	if (r.score != null) add(checkScoreRange(r.score, component?.maxPoints ?? null));
	if (r.rank != null && r.rank_of != null) add(checkRankRange(r.rank, r.rank_of));
	if (hasBound && r.score !== undefined && r.rank !== undefined && r.rank_of !== undefined) {
		findings.push(...checkBound(bound, { score: r.score, publishedRank: r.rank, publishedN: r.rank_of }, component?.maxPoints ?? null));
	}

	if (findings.length > 0 || !index || !unit || !component || year === undefined) return { findings, observation: null };
	return {
		findings,
		observation: {
			...(row.origin?.score && { column: row.origin.score.column }),
			indexId: index.id,
			year,
			unitCode: unit.code,
			componentId: component.id,
			score: r.score ?? null,
			publishedRank: r.rank ?? null,
			publishedN: r.rank_of ?? null,
			valueType: r.value_type ?? 'published',
			source: r.source ?? null,
			note: r.note ?? null,
			...(hasBound && bound)
		}
	};
}

/** A finding placed in the file: the spreadsheet row and header where the cell stood, and its text. */
export function problemAt(ctx: Pick<ValidationContext, 'file' | 'sheet'>, row: SourceRow, finding: Finding): ImportProblem {
	const { column, code, params } = finding;
	return {
		file: ctx.file,
		sheet: ctx.sheet,
		row: row.origin?.[column]?.row ?? row.line,
		column: row.origin?.[column]?.column ?? column,
		value: row.cells[column] ?? '',
		code,
		params
	};
}

/** The problem of a row whose key another row already holds. */
export const duplicateFinding = (otherLine: number): Finding => ({ column: 'unit', code: 'duplicate', params: { other: otherLine } });

/** Validates canonical rows; returns the observations and every problem found. */
export function validateCanonicalRows(rows: SourceRow[], ctx: ValidationContext): ValidationResult {
	const problems: ImportProblem[] = [];
	const observations: ValidationResult['observations'] = [];
	const seen = new Map<string, number>();

	for (const row of rows) {
		const { findings, observation } = validateRow(row, ctx);
		problems.push(...findings.map((f) => problemAt(ctx, row, f)));
		if (!observation) continue;
		const key = `${observation.indexId}|${observation.year}|${observation.unitCode}|${observation.componentId}`;
		const other = seen.get(key);
		if (other !== undefined) {
			problems.push(problemAt(ctx, row, duplicateFinding(other)));
			continue;
		}
		seen.set(key, row.line);
		observations.push({ line: row.line, ...observation });
	}
	return { observations, problems };
}
