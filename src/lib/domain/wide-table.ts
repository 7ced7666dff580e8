/**
 * Wide published tables (one row a unit and one column a component, or the
 * transposed table with units as columns) turned into canonical rows, so that
 * they pass the same validation as a long file. Detects the orientation, the
 * header row, the unit column and the component columns. Pure; the pipeline
 * calls it with the cells a reader produced.
 */
import { componentValidInYear, TOTAL, type ComponentAlias, type ComponentDef, type IndexDef } from './catalogue.ts';
import { columnKey, isNoteLine, placeColumns, type ColumnPlacement, type HeaderCell } from './column-matching.ts';
import type { Mapping, Orientation } from './import-mapping.ts';
import type { ImportProblem } from './import-problems.ts';
import { formatExact, parseDecimal } from './numbers.ts';
import type { UnitMatcher } from './unit-names.ts';
import type { SourceRow } from './validate-rows.ts';

/** A cell as a reader gives it: text, a number, or empty. Row i of a grid is spreadsheet row i + 1. */
export type Cell = string | number | null;

export interface WideContext {
	file: string;
	sheet?: string;
	index: IndexDef;
	year: number;
	components: ComponentDef[];
	aliases: ComponentAlias[];
	units: UnitMatcher;
	mapping?: Mapping;
	/**
	 * Draft a mapping instead of stopping on names it cannot place (`--write-map`):
	 * each gets its best guess (the first of two readings, else skip) and is
	 * listed in `unsure` with the components it could be.
	 */
	draft?: boolean;
}

/** What detection decided, shown in the preview and stored with the batch. */
export interface WideLayout {
	orientation: Orientation;
	/** Spreadsheet row (or column, when transposed) of the headers, 1-based. */
	headerRow: number;
	unitHeader: string;
	placements: ColumnPlacement[];
	deriveTotal: boolean;
	/** Non-empty lines after the first empty line below the table (footnotes, Min/Median/Max, a lookup box). */
	ignoredLines: number[];
	/** Lines of the table that name no unit: national and summary lines, notes, blank spacers; `at` is the row number, or the column letter when transposed. */
	skippedLines: { at: string; text: string; kind: 'summary' | 'note' | 'blank' }[];
	/** Lines whose first cell names a known unit (how sheets are compared). */
	units: number;
	/** Figure cells left empty or marked missing ("KCDL", "-", "n/a"): stated nothing, never zero. */
	missingCells: number;
	/** Names a draft guessed (see `WideContext.draft`), with the components each could be. */
	unsure: { header: string; candidates: string[] }[];
}

export type WideResult = { ok: true; layout: WideLayout; rows: SourceRow[] } | { ok: false; problems: ImportProblem[] };

const SCAN = 30;

const isEmpty = (cell: Cell | undefined) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

// "No data" as publishers write it (issue #14): "KCDL" (không có dữ liệu) in PAPI
// workbooks, dashes and dots in PDF tables. Compared on the column key, plus the
// punctuation-only marks the key would erase.
const MISSING_KEYS = new Set(['kcdl', 'khong co du lieu', 'n a', 'x']);
const MISSING_MARKS = new Set(['-', '–', '—', '..', '...', '…']);

/** True for a cell that says the figure is missing: empty, "KCDL", "Không có dữ liệu", "-", "–", "—", "n/a", "..", "x". */
export function isMissing(cell: Cell | undefined): boolean {
	if (isEmpty(cell)) return true;
	if (typeof cell !== 'string') return false;
	return MISSING_MARKS.has(cell.trim()) || MISSING_KEYS.has(columnKey(cell));
}

// The lower cells of a two-row header: a component's score and rank side by side.
const SUB_SCORE = /^(?:diem|diem so|score|gia tri|value)$/;
const SUB_RANK = /^(?:xep hang|thu hang|hang|rank|ranking)$/;

function subRoleOf(cell: Cell): 'score' | 'rank' | null {
	if (typeof cell !== 'string') return null;
	const key = columnKey(cell);
	return SUB_RANK.test(key) ? 'rank' : SUB_SCORE.test(key) ? 'score' : null;
}

// National and summary lines published among the units (never a unit's figure).
const SUMMARY = /^(?:ca nuoc|toan quoc|trung binh|binh quan|trung vi|median|mean|average|min|max|minimum|maximum|nho nhat|lon nhat|national|nationwide)\b/;

/**
 * Why a line of the table is not a unit's: a national or summary line, a note
 * (in the unit's cell, or alone in another cell, as a pasted footnote lands),
 * a blank spacer; null for a unit's line.
 */
function nonUnitLine(unitText: string, figures: Cell[], line: Cell[]): 'summary' | 'note' | 'blank' | null {
	if (unitText === '') {
		const filled = line.filter((c) => !isEmpty(c));
		if (filled.length === 1 && isNoteLine(text(filled[0]))) return 'note';
		return figures.every(isMissing) ? 'blank' : null;
	}
	if (isNoteLine(unitText)) return 'note';
	return SUMMARY.test(columnKey(unitText)) ? 'summary' : null;
}
const text = (cell: Cell | undefined) =>
	isEmpty(cell) ? '' : typeof cell === 'number' ? formatExact(cell) : String(cell).normalize('NFC').trim();

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
	let n = index + 1;
	let out = '';
	while (n > 0) {
		out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
		n = Math.floor((n - 1) / 26);
	}
	return out;
}

function transpose(rows: Cell[][]): Cell[][] {
	const width = Math.max(0, ...rows.map((r) => r.length));
	return Array.from({ length: width }, (_, c) => rows.map((r) => r[c] ?? null));
}

/** The oriented grid (units in rows) and how to name a cell of it as the analyst sees it in the file. */
function orient(rows: Cell[][], orientation: Orientation) {
	const grid = orientation === 'units_in_rows' ? rows : transpose(rows);
	const label = (r: number, c: number) => text(grid[r]?.[c]) || columnLetter(c);
	return {
		grid,
		// In a transposed table a "record" is a spreadsheet column and a "field" a spreadsheet row.
		locate: (r: number, c: number, headerRow: number, unitColumn: number) =>
			orientation === 'units_in_rows'
				? { row: r + 1, column: label(headerRow, c) }
				: { row: c + 1, column: text(grid[r]?.[unitColumn]) || columnLetter(r) }
	};
}

// Names only: a score cell such as "60" would otherwise match a unit code (60 is Bình Thuận).
function unitHits(units: UnitMatcher, cell: Cell | undefined, year: number): boolean {
	if (typeof cell !== 'string' || !Number.isNaN(parseDecimal(cell) ?? 0)) return false;
	const match = units.match(cell, year);
	return match.ok || match.reason !== 'unknown';
}

/** Units in rows unless some row names more units than any column does. */
function detectOrientation(rows: Cell[][], units: UnitMatcher, year: number): Orientation {
	const bestColumn = Math.max(0, ...Array.from({ length: SCAN }, (_, c) => rows.filter((r) => unitHits(units, r[c], year)).length));
	const bestRow = Math.max(0, ...rows.slice(0, SCAN).map((r) => r.filter((cell) => unitHits(units, cell, year)).length));
	return bestRow > bestColumn ? 'units_in_columns' : 'units_in_rows';
}

/** Converts a wide table into canonical rows, or says why it cannot. */
export function readWideTable(rows: Cell[][], ctx: WideContext): WideResult {
	const fail = (problem: Omit<ImportProblem, 'file' | 'sheet'>): WideResult => ({
		ok: false,
		problems: [{ file: ctx.file, sheet: ctx.sheet, ...problem }]
	});
	const orientation = ctx.mapping?.orientation ?? detectOrientation(rows, ctx.units, ctx.year);
	const { grid, locate } = orient(rows, orientation);
	const firstLine = grid.findIndex((r) => r.some((c) => !isEmpty(c)));
	if (firstLine < 0) return fail({ code: 'empty_file' });

	// A second header row right below (generic "Điểm" / "Xếp hạng" under merged component names) joins the first.
	const subRoles = (r: number) => (grid[r + 1] ?? []).map(subRoleOf);
	const twoRow = (r: number) => subRoles(r).filter((role) => role !== null).length >= 2;
	const headersOf = (r: number): HeaderCell[] => {
		if (!twoRow(r)) return (grid[r] ?? []).map((cell, column) => ({ column, header: text(cell) })).filter((h) => h.header !== '');
		const roles = subRoles(r);
		let upper = '';
		return Array.from({ length: Math.max(grid[r]?.length ?? 0, roles.length) }, (_, column): HeaderCell => {
			// A merged upper cell holds its text in its first column only: carry it right over the columns below it.
			upper = text(grid[r]?.[column]) || (roles[column] ? upper : '');
			const role = roles[column];
			const lower = text(grid[r + 1]?.[column]);
			return role && upper ? { column, header: `${upper} / ${lower}`, lookup: upper, subRole: role } : { column, header: upper || lower };
		}).filter((h) => h.header !== '');
	};
	const placementsFor = (r: number) =>
		placeColumns(headersOf(r), { index: ctx.index, year: ctx.year, components: ctx.components, aliases: ctx.aliases, overrides: ctx.mapping?.columns });
	// The header line is the one (near the top) whose cells name the most components.
	let headerRow = ctx.mapping?.headerRow !== undefined ? ctx.mapping.headerRow - 1 : firstLine;
	if (ctx.mapping?.headerRow === undefined) {
		let best = 0;
		for (let r = firstLine; r < Math.min(grid.length, firstLine + SCAN); r++) {
			const found = placementsFor(r).placements.filter((p) => p.role !== 'skip').length;
			if (found > best) [best, headerRow] = [found, r];
		}
	}

	// The table runs from below the header (both its rows) to the first empty line.
	const headerEnd = twoRow(headerRow) ? headerRow + 1 : headerRow;
	const end = grid.findIndex((r, i) => i > headerEnd && r.every(isEmpty));
	const body = Array.from({ length: (end < 0 ? grid.length : end) - headerEnd - 1 }, (_, i) => headerEnd + 1 + i);
	const ignoredLines = end < 0 ? [] : grid.map((r, i) => (i > end && r.some((c) => !isEmpty(c)) ? i + 1 : 0)).filter((i) => i > 0);

	const headers = headersOf(headerRow);
	const wantedUnit = ctx.mapping?.unit;
	const unitColumn = wantedUnit
		? (headers.find((h) => columnKey(h.header) === columnKey(wantedUnit))?.column ?? -1)
		: bestUnitColumn(grid, body, headers.map((h) => h.column), ctx);
	if (unitColumn < 0) return fail({ row: headerRow + 1, code: 'no_unit_column', params: { header: wantedUnit ?? '' } });

	const placed = placementsFor(headerRow);
	// A name with no figure on any line (a title above a transposed table, a note beside it) holds nothing to place.
	const noFigures = (column: number) => column !== unitColumn && body.every((r) => isMissing(grid[r][column]));
	const figureless = placed.unplaced.filter((u) => noFigures(u.column));
	const others = [
		...placed.placements.map((p) => (p.reason === 'all_placed' && noFigures(p.column) ? { ...p, reason: 'no_figures' as const } : p)),
		...figureless.map((u): ColumnPlacement => ({ column: u.column, header: u.header, componentId: null, role: 'skip', reason: 'no_figures' }))
	]
		.filter((p) => p.column !== unitColumn)
		.sort((a, b) => a.column - b.column);
	if (placed.badTargets.length > 0) {
		return {
			ok: false,
			problems: placed.badTargets.map((b) => ({
				file: ctx.file, sheet: ctx.sheet, column: b.header, value: b.target, code: 'mapping_target' as const,
				params: { index: ctx.index.id, known: ctx.components.filter((c) => c.indexId === ctx.index.id).map((c) => c.id).join(', ') }
			}))
		};
	}
	const unplaced = placed.unplaced.filter((u) => u.column !== unitColumn && !figureless.includes(u));
	if (unplaced.length > 0 && !ctx.draft) return fail(unplacedProblem(unplaced, others, headerRow + 1, ctx));
	for (const u of unplaced) {
		const guess = u.candidates?.find((c) => c !== 'skip' && c !== TOTAL) ?? null;
		others.push({ column: u.column, header: u.header, componentId: guess, role: guess ? 'score' : 'skip', reason: 'guess' });
	}
	// An unknown name could be any component still without a name once the two-reading guesses are placed.
	const unsure = unplaced.map((u) => ({ header: u.header, candidates: u.candidates ?? missingComponents(others, ctx) }));
	others.sort((a, b) => a.column - b.column);
	const figures = others.filter((p) => p.role !== 'skip');
	const twice = figures.find((p, i) => figures.findIndex((q) => q.componentId === p.componentId && q.role === p.role) !== i);
	if (twice) return fail({ row: headerRow + 1, column: twice.header, code: 'duplicate_column', params: { component: twice.componentId ?? '' } });
	if (figures.length === 0 && !placed.deriveTotal) {
		return fail({ row: headerRow + 1, code: 'no_component_columns', params: { index: ctx.index.id } });
	}

	const shape = {
		orientation,
		headerRow: headerRow + 1,
		unitHeader: text(grid[headerRow]?.[unitColumn]) || columnLetter(unitColumn),
		placements: others,
		deriveTotal: placed.deriveTotal,
		ignoredLines
	};
	const read = toCanonicalRows(grid, body, unitColumn, shape, ctx, (r, c) => locate(r, c, headerRow, unitColumn));
	const units = body.filter((r) => unitHits(ctx.units, grid[r][unitColumn], ctx.year)).length;
	return { ok: true, layout: { ...shape, skippedLines: read.skippedLines, units, missingCells: read.missingCells, unsure }, rows: read.rows };
}

/** The components of the index that year that no name was placed on: what an unknown name could be. */
function missingComponents(placements: ColumnPlacement[], ctx: WideContext): string[] {
	const placed = new Set(placements.filter((p) => p.role === 'score').map((p) => p.componentId));
	return ctx.components
		.filter((c) => c.indexId === ctx.index.id && componentValidInYear(c, ctx.year) && !placed.has(c.id))
		.map((c) => c.id)
		.concat('skip');
}

/** Names listed in a problem at most; the rest are counted (a full workbook has ~120 indicator rows). */
export const NAMES_LISTED = 10;

/**
 * The problem of names that could not be placed, short enough for one screen:
 * how many, the first NAMES_LISTED (with the components a name could be, when
 * two readings are possible), how many more, and what was placed.
 */
function unplacedProblem(
	unplaced: { header: string; candidates?: string[] }[],
	placements: ColumnPlacement[],
	row: number,
	ctx: WideContext
): Omit<ImportProblem, 'file' | 'sheet'> {
	const names = unplaced
		.slice(0, NAMES_LISTED)
		.map((u) => `«${u.header}»${u.candidates ? ` (${u.candidates.join(' | ')}?)` : ''}`)
		.join(', ');
	const placed = placements.filter((p) => p.role !== 'skip').map((p) => (p.role === 'rank' ? `rank:${p.componentId}` : p.componentId));
	return {
		row,
		code: 'unplaced_columns',
		params: {
			count: unplaced.length,
			columns: names + (unplaced.length > NAMES_LISTED ? ` (+${unplaced.length - NAMES_LISTED})` : ''),
			placed: placed.length > 0 ? placed.join(', ') : '∅',
			index: ctx.index.id
		}
	};
}

function bestUnitColumn(grid: Cell[][], body: number[], columns: number[], ctx: WideContext): number {
	let best = -1;
	let bestHits = 0;
	for (const c of columns) {
		const hits = body.filter((r) => unitHits(ctx.units, grid[r][c], ctx.year)).length;
		if (hits > bestHits) [best, bestHits] = [c, hits];
	}
	return best;
}

type Locate = (r: number, c: number) => { row: number; column: string };
type Shape = Omit<WideLayout, 'skippedLines' | 'units' | 'missingCells' | 'unsure'>;

function toCanonicalRows(grid: Cell[][], body: number[], unitColumn: number, layout: Shape, ctx: WideContext, locate: Locate) {
	const scores = layout.placements.filter((p) => p.role === 'score');
	const ranks = layout.placements.filter((p) => p.role === 'rank');
	const cell = (r: number, c: number): Cell => (isMissing(grid[r][c]) ? null : grid[r][c]);
	const lineKind = (r: number) => nonUnitLine(text(grid[r][unitColumn]), [...scores, ...ranks].map((p) => grid[r][p.column]), grid[r]);
	const unitLines = body.filter((r) => lineKind(r) === null);
	// rank_of is the number of units the publisher ranked: the rows with a rank.
	const rankedCount = new Map(ranks.map((p) => [p.componentId, unitLines.filter((r) => cell(r, p.column) !== null).length]));
	const componentIds = [...new Set([...scores, ...ranks].map((p) => p.componentId!))];
	const base = { index: ctx.index.id, year: String(ctx.year) };
	const rows: SourceRow[] = [];
	const skippedLines: WideLayout['skippedLines'] = [];
	let missingCells = 0;

	for (const r of body) {
		const unit = text(grid[r][unitColumn]);
		const unitAt = locate(r, unitColumn);
		const kind = lineKind(r);
		if (kind !== null) {
			const shown = unit || text(grid[r].find((c) => !isEmpty(c)));
			skippedLines.push({ at: layout.orientation === 'units_in_rows' ? String(r + 1) : columnLetter(r), text: shown, kind });
			continue;
		}
		for (const componentId of componentIds) {
			const score = scores.find((p) => p.componentId === componentId);
			const rank = ranks.find((p) => p.componentId === componentId);
			const scoreCell = score ? cell(r, score.column) : null;
			const rankCell = rank ? cell(r, rank.column) : null;
			if (score && scoreCell === null) missingCells++;
			// A missing cell states nothing (PAPI 2018 leaves two provinces' dimensions blank, full workbooks write "KCDL").
			if (scoreCell === null && rankCell === null) continue;
			rows.push({
				line: unitAt.row,
				cells: {
					...base,
					unit,
					component: componentId,
					score: text(scoreCell),
					rank: text(rankCell),
					rank_of: rank ? String(rankedCount.get(componentId)) : ''
				},
				origin: {
					unit: unitAt,
					...(score && { score: locate(r, score.column), component: locate(r, score.column) }),
					...(rank && { rank: locate(r, rank.column) })
				}
			});
		}
		if (layout.deriveTotal) {
			const derived = deriveTotal(scores.map((p) => cell(r, p.column)));
			if (derived !== null) {
				rows.push({
					line: unitAt.row,
					cells: { ...base, unit, component: TOTAL, score: String(derived), value_type: 'derived' },
					origin: { unit: unitAt, score: { row: unitAt.row, column: `${TOTAL} = Σ` } }
				});
			}
		}
	}
	return { rows, skippedLines, missingCells };
}

/**
 * The total as the unweighted sum of the component scores, or null when any
 * is missing or not a number (then no total is stated; the bad cell is
 * reported by validation). The sum is kept at full precision, never rounded.
 */
export function deriveTotal(cells: Cell[]): number | null {
	let sum = 0;
	for (const cell of cells) {
		const n = parseDecimal(cell);
		if (n === null || Number.isNaN(n)) return null;
		sum += n;
	}
	return sum;
}
