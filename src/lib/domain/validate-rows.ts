/**
 * Checks canonical rows against the catalogue and the unit list and turns them
 * into observations. Collects every problem instead of stopping at the first.
 */
import { canonicalRowSchema, type CanonicalRow, type SourcedObservation } from './observation.ts';
import { componentValidInYear, findIndex, TOTAL, type ComponentDef, type IndexDef } from './catalogue.ts';
import type { UnitMatcher } from './unit-names.ts';
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

const MIN_YEAR = 1990;

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

/** Validates canonical rows; returns the observations and every problem found. */
export function validateCanonicalRows(rows: SourceRow[], ctx: ValidationContext): ValidationResult {
	const problems: ImportProblem[] = [];
	const observations: ValidationResult['observations'] = [];
	const seen = new Map<string, number>();
	const maxYear = ctx.maxYear ?? new Date().getFullYear() + 1;

	for (const row of rows) {
		const report = (column: string, code: ProblemCode, params?: Record<string, string | number>) =>
			problems.push({
				file: ctx.file,
				sheet: ctx.sheet,
				row: row.origin?.[column]?.row ?? row.line,
				column: row.origin?.[column]?.column ?? column,
				value: row.cells[column] ?? '',
				code,
				params
			});

		// Each column is parsed on its own so that one bad cell does not hide
		// the problems of the others in the same row.
		const before = problems.length;
		const r = {} as Partial<CanonicalRow>;
		for (const [column, schema] of Object.entries(canonicalRowSchema.shape)) {
			const parsed = schema.safeParse(row.cells[column]);
			if (parsed.success) (r as Record<string, unknown>)[column] = parsed.data;
			else report(column, parsed.error.issues[0].message as ProblemCode);
		}

		const index = r.index === undefined ? undefined : findIndex(ctx.indices, r.index);
		if (r.index !== undefined && !index) {
			report('index', 'unknown_index', { known: ctx.indices.map((i) => i.id).join(', ') });
		}
		const year = r.year;
		if (year !== undefined && (year < MIN_YEAR || year > maxYear)) report('year', 'year_range', { min: MIN_YEAR, max: maxYear });

		const unit = r.unit === undefined ? undefined : ctx.units.match(r.unit, year);
		if (unit && !unit.ok) {
			const code = unit.reason === 'unknown' ? 'unknown_unit' : unit.reason === 'ambiguous' ? 'ambiguous_unit' : 'unit_year';
			report('unit', code, { suggestions: unit.suggestions.join(', '), year: year ?? '' });
		}

		const component = index && r.component !== undefined ? findComponent(ctx.components, index.id, r.component) : undefined;
		if (index && r.component !== undefined && !component) {
			const known = ctx.components.filter((c) => c.indexId === index.id).map((c) => c.id);
			report('component', 'unknown_component', { index: index.id, known: known.join(', ') });
		} else if (index && component && year !== undefined && !componentValidInYear(component, year)) {
			report('component', 'component_year', { component: component.id, index: index.id, year });
		}

		if (r.score === null && r.rank === null) report('score', 'empty_figure');
		const max = component?.maxPoints ?? null;
		if (r.score != null && (r.score < 0 || (max !== null && r.score > max))) {
			report('score', 'score_range', { max: max ?? '∞' });
		}
		if (r.rank != null && r.rank_of != null && r.rank > r.rank_of) {
			report('rank', 'rank_range', { max: r.rank_of });
		}

		if (problems.length > before || !index || !unit?.ok || !component || year === undefined) continue;

		const key = `${index.id}|${year}|${unit.unit.code}|${component.id}`;
		const other = seen.get(key);
		if (other !== undefined) {
			report('unit', 'duplicate', { other });
			continue;
		}
		seen.set(key, row.line);
		observations.push({
			line: row.line,
			...(row.origin?.score && { column: row.origin.score.column }),
			indexId: index.id,
			year,
			unitCode: unit.unit.code,
			componentId: component.id,
			score: r.score ?? null,
			publishedRank: r.rank ?? null,
			publishedN: r.rank_of ?? null,
			valueType: r.value_type ?? 'published',
			source: r.source ?? null,
			note: r.note ?? null
		});
	}
	return { observations, problems };
}
