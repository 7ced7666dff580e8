/**
 * The import pipeline shared by the CLI, the first start and the web form:
 * read (CSV, xlsx, Parquet, Arrow) → detect (canonical long or wide table:
 * sheet, orientation, columns) → validate → stage in DuckDB → diff against
 * what is stored (the preview) → commit in one transaction, or nothing.
 * Free of CLI and HTTP concerns: the web form calls `prepareImport` and
 * `commitObservations` (or `importFile`) with the same options.
 *
 * Where the figures wait between the two steps (issue #8): a prepared import
 * owns a DuckDB connection of its own holding `temp.staging` (TEMP tables live
 * and die with their connection), never a JS array of millions of figures.
 * - A canonical long CSV is read, validated and staged inside DuckDB
 *   (`bulk-csv.ts`); memory stays that of the staged table, not of row objects.
 * - Wide published tables, xlsx, Parquet and Arrow (small) are read and
 *   validated row by row in JS (`validateCanonicalRows`), then appended.
 * `commitObservations(prepared)` diffs and commits on that connection and closes
 * it; `discardPrepared` closes one that will not be committed. The web import
 * prepares again at commit (another request, the database may have changed).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { BOUND_COLUMNS, CANONICAL_COLUMNS, REQUIRED_COLUMNS, type SourcedObservation } from '../../domain/observation.ts';
import { boundNotation, boundOf, type Bound } from '../../domain/bounds.ts';
import { capProblems, ImportError, MAX_PROBLEMS, type ImportProblem } from '../../domain/import-problems.ts';
import { findIndex, TOTAL } from '../../domain/catalogue.ts';
import type { Mapping } from '../../domain/import-mapping.ts';
import { validateCanonicalRows, type SourceRow, type ValidationContext } from '../../domain/validate-rows.ts';
import { readWideTable, type Cell, type WideContext, type WideLayout, type WideResult } from '../../domain/wide-table.ts';
import { gridToRows, guessDelimiter, parseCsvGrid } from './read-csv.ts';
import { detectFormat, readSheets, type SheetGrid, type TableFormat } from './read-table.ts';
import { blankLineShifts, CsvNotStrict, STAGED_IDS, stageCanonicalCsv } from './bulk-csv.ts';
import { scanFile } from './scan-file.ts';
import { openConnection, rowsOn, query, transactionOn } from '../db.ts';
import { recordAudit } from '../audit.ts';
import { loadCatalogue, loadComponentAliases, loadUnitMatcher } from '../reference.ts';
import { refreshRanks, type StagedIds } from '../queries/rank-refresh.ts';

/** The steps of an import, reported to a progress listener (the CLI prints them, the web form will show a bar). */
export type ImportPhase = 'read' | 'validate' | 'stage' | 'commit';
export type ProgressListener = (progress: { phase: ImportPhase; done: number; total: number }) => void;

export interface ReadOptions {
	/** Path of the file to read. */
	file: string;
	/** Name recorded in the batch and shown in problems (defaults to the file's base name). */
	fileName?: string;
	/** For a wide published table: the index and year it belongs to. */
	indexId?: string;
	year?: number;
	/** Worksheet of an .xlsx file; by default the one where the most components are found. */
	sheet?: string;
	/** What detection cannot settle (a mapping file or preset). */
	mapping?: Mapping;
	/** Guess what detection cannot settle instead of stopping (to write a mapping file for the analyst to check). */
	draft?: boolean;
	onProgress?: ProgressListener;
}

export interface ImportOptions extends ReadOptions {
	/** Citation of the publication the file comes from. */
	source?: string | null;
	importedBy: string;
	/** The client's address, for the audit trail; null or absent on the command line. */
	address?: string | null;
	/** Replace stored figures that differ; without it a difference stops the import. */
	replace?: boolean;
	/** Validate and diff, write nothing. */
	dryRun?: boolean;
}

/** A file read, detected and validated: what would be imported, and how the file was understood. */
export interface PreparedImport {
	fileName: string;
	sha256: string;
	format: TableFormat;
	sheet: string | null;
	/** Every worksheet of the file (empty for formats without sheets), for a sheet picker. */
	sheetNames: string[];
	/** Why this sheet of a workbook was read: its units and components, and how many other sheets were read and held fewer. */
	sheetChoice: SheetChoice | null;
	shape: 'canonical' | 'wide';
	/** How a wide table was read; null for a canonical file. */
	layout: WideLayout | null;
	/** The complete mapping that reads this file again (saved as a preset, stored with the batch). */
	mapping: Mapping | null;
	/** Number of figures staged. */
	rows: number;
	/**
	 * The connection whose `temp.staging` holds the figures; null once committed or discarded.
	 * `ids`: where the bulk path holds the same figures by integer ids (the rank refresh reads them so).
	 */
	staged: { connection: DuckDBConnection | null; ids?: StagedIds };
}

export interface SheetChoice {
	units: number;
	components: number;
	/** Other sheets that could be read as the index's table (a region's or a province's sheet). */
	others: number;
}

export interface ChangedFigure {
	key: { indexId: string; year: number; unitCode: string; componentId: string };
	/** `bound`: the bound stated, in `boundNotation`; absent for a plain figure. */
	old: { score: number | null; rank: number | null; n: number | null; bound?: string };
	new: { score: number | null; rank: number | null; n: number | null; bound?: string };
	line: number;
	/** Header of the column holding the score in a wide table; null for a canonical file. */
	column: string | null;
	/** A figure replacing a stored bound it fits: needs no `replace` (the figure wins). */
	settles?: boolean;
}

export interface ImportResult {
	status: 'committed' | 'dry_run' | 'already_imported';
	batchId: number | null;
	sha256: string;
	rows: number;
	rowsNew: number;
	rowsUnchanged: number;
	/**
	 * Number of figures that differ from the stored ones (exact), including
	 * figures that settle a stored bound (they need no `replace`).
	 */
	rowsChanged: number;
	/** The first CHANGES_LISTED of them, in file order (a file can change millions). */
	changed: ChangedFigure[];
}

/** Changed figures read back into JS at most; the count is always exact. */
export const CHANGES_LISTED = MAX_PROBLEMS;

/**
 * A canonical CSV that DuckDB cannot read strictly (ragged rows, stray quotes)
 * is read the lenient JS way up to this size (the web upload limit; about
 * 400,000 rows, which the row path holds in well under a gigabyte), and
 * refused as unreadable above it.
 */
const ROW_PATH_MAX_BYTES = 20 * 1024 * 1024;

const STAGING_COLUMNS = `line INTEGER, index_id VARCHAR, year INTEGER, unit_code VARCHAR, component_id VARCHAR,
	score DOUBLE, published_rank INTEGER, published_n INTEGER, value_type VARCHAR, source VARCHAR, note VARCHAR,
	rank_min INTEGER, rank_max INTEGER, score_min DOUBLE, score_max DOUBLE, bound_group VARCHAR,
	"column" VARCHAR, problems INTEGER`;

/** The columns of `observations` (and of `observation_history` after its first), named: migration 10 appended the bound ones. */
export const OBSERVATION_COLUMNS = `index_id, year, unit_code, component_id, score, published_rank, published_n, value_type, source, note,
	batch_id, rank_min, rank_max, score_min, score_max, bound_group`;

/** Reads, checks and (unless dry-run) commits one file: canonical long, or a wide published table. */
export async function importFile(options: ImportOptions): Promise<ImportResult & { prepared: PreparedImport }> {
	const prepared = await prepareImport(options);
	const result = await commitObservations(prepared, {
		...options,
		fileName: prepared.fileName,
		sha256: prepared.sha256,
		sheet: prepared.sheet,
		mapping: prepared.mapping ?? undefined
	});
	return { ...result, prepared };
}

/**
 * Read → detect (sheet, orientation, columns) → validate → stage. Writes
 * nothing to the database; throws ImportError listing the problems (at most
 * MAX_PROBLEMS and a count of the rest). The result must be committed
 * (`commitObservations`) or discarded (`discardPrepared`).
 */
export async function prepareImport(options: ReadOptions): Promise<PreparedImport> {
	const fileName = options.fileName ?? path.basename(options.file);
	options.onProgress?.({ phase: 'read', done: 0, total: 1 });
	const catalogue = await loadCatalogue();

	const head = readHead(options.file);
	const csv = canonicalCsvHead(head.bytes, head.size, fileName);
	if (csv) {
		// The file is hashed and checked while DuckDB reads it, not held whole in memory first.
		const scan = scanFile(options.file);
		const shifts = scan.then(async (scanned) => {
			if (!scanned.bulk) throw NOT_BULK;
			return scanned.blankLines ? blankLineShifts(await fs.promises.readFile(options.file)) : [];
		});
		// Awaited by the bulk path once DuckDB has read the file; a read that fails first never awaits it.
		shifts.catch(() => {});
		const connection = await openConnection();
		try {
			checkCanonicalHeader(csv.header, fileName, undefined);
			const rows = await stageCanonicalCsv(
				connection,
				{ file: options.file, shifts, ...csv, onProgress: options.onProgress },
				{ file: fileName, ...catalogue, units: loadUnitMatcher }
			);
			if (rows === 0) throw new ImportError([{ file: fileName, row: 2, code: 'empty_file' }]);
			const { sha256 } = await scan;
			return { fileName, sha256, format: 'csv', sheet: null, sheetNames: [], sheetChoice: null, shape: 'canonical', layout: null, mapping: null, rows, staged: { connection, ids: STAGED_IDS } };
		} catch (error) {
			connection.closeSync();
			// Not UTF-8 or holding a NUL byte: the JS readers read and word it, whatever DuckDB made of it.
			if ((await scan).bulk) {
				if (!(error instanceof CsvNotStrict)) throw error;
				if (head.size > ROW_PATH_MAX_BYTES) {
					throw new ImportError([{ file: fileName, code: 'unreadable', params: { format: 'csv', reason: error.reason } }]);
				}
			}
			// Read leniently below, as any CSV.
		}
	}

	const reference = { ...catalogue, units: await loadUnitMatcher() };
	const bytes = fs.readFileSync(options.file);
	const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
	const { format, sheets } = await readSheets(options.file, bytes, fileName);
	const wanted = options.sheet ?? options.mapping?.sheet;
	if (wanted !== undefined && !sheets.some((s) => s.name === wanted)) {
		throw new ImportError([
			{ file: fileName, code: 'unknown_sheet', params: { sheet: wanted, sheets: sheets.map((s) => s.name ?? '').join(', ') } }
		]);
	}
	const candidates = wanted === undefined ? sheets : sheets.filter((s) => s.name === wanted);
	const common = { fileName, sha256, format, sheetNames: sheets.flatMap((s) => (s.name === null ? [] : [s.name])) };

	const first = candidates[0];
	const canonical = REQUIRED_COLUMNS.every((c) => gridToRows(first.rows.slice(0, 1)).header.includes(c));
	if (canonical || (options.indexId === undefined && options.year === undefined)) {
		const rows = readCanonicalRows(first.rows, fileName, first.name ?? undefined);
		const observations = validate(rows, { file: fileName, sheet: first.name ?? undefined, ...reference }, options.onProgress);
		return { ...common, sheet: first.name, sheetChoice: null, shape: 'canonical', layout: null, mapping: null, ...(await stageObservations(observations, options.onProgress)) };
	}
	if (options.indexId === undefined || options.year === undefined) {
		throw new ImportError([{ file: fileName, row: 1, code: 'needs_index_year' }]);
	}
	const index = findIndex(reference.indices, options.indexId);
	if (!index) {
		const known = reference.indices.map((i) => i.id).join(', ');
		throw new ImportError([{ file: fileName, column: '--index', value: options.indexId, code: 'unknown_index', params: { known } }]);
	}
	const context = { file: fileName, index, year: options.year, ...reference, aliases: await loadComponentAliases(), mapping: options.mapping, draft: options.draft };
	const { sheet, layout, rows, sheetChoice } = readBestSheet(candidates, context);
	const observations = validate(rows, { file: fileName, sheet: sheet ?? undefined, ...reference }, options.onProgress);
	return { ...common, sheet, sheetChoice, shape: 'wide', layout, mapping: mappingOf(layout, sheet), ...(await stageObservations(observations, options.onProgress)) };
}

/** Closes the staging connection of an import that will not be committed. */
export function discardPrepared(prepared: PreparedImport): void {
	prepared.staged.connection?.closeSync();
	prepared.staged.connection = null;
}

/** The staged figures read back, in file order (for tests and small files: every figure as an object). */
export async function stagedObservations(prepared: PreparedImport): Promise<SourcedObservation[]> {
	if (!prepared.staged.connection) throw new Error('the prepared import was already committed or discarded');
	const rows = await rowsOn(prepared.staged.connection, 'SELECT * FROM temp.staging ORDER BY line, component_id');
	return rows.map((r) => ({
		line: r.line as number,
		...(r.column !== null && { column: r.column as string }),
		indexId: r.index_id as string, year: r.year as number, unitCode: r.unit_code as string, componentId: r.component_id as string,
		score: r.score as number | null, publishedRank: r.published_rank as number | null, publishedN: r.published_n as number | null,
		valueType: r.value_type as SourcedObservation['valueType'], source: r.source as string | null, note: r.note as string | null,
		...boundOf({
			rankMin: r.rank_min as number | null, rankMax: r.rank_max as number | null, scoreMin: r.score_min as number | null,
			scoreMax: r.score_max as number | null, group: r.bound_group as string | null
		})
	}));
}

/** Bytes read for a file's format and, in a CSV, its header and delimiter. */
const HEAD_BYTES = 65536;

/** The first HEAD_BYTES of a file, and its size. */
function readHead(file: string): { bytes: Buffer; size: number } {
	const fd = fs.openSync(file, 'r');
	try {
		const size = fs.fstatSync(fd).size;
		const bytes = Buffer.alloc(Math.min(size, HEAD_BYTES));
		return { bytes: bytes.subarray(0, fs.readSync(fd, bytes, 0, bytes.length, 0)), size };
	} finally {
		fs.closeSync(fd);
	}
}

/**
 * For a CSV whose header is canonical, what the bulk path needs: delimiter
 * and header, from the file's first bytes. Null for anything else (another
 * format, a wide table, bound columns), which the JS readers handle and word;
 * `scanFile` then checks the rest (UTF-8, NUL bytes, blank lines).
 */
function canonicalCsvHead(head: Buffer, size: number, fileName: string) {
	if (size === 0 || detectFormat(head, fileName) !== 'csv') return null;
	let text = new TextDecoder().decode(head);
	if (size > head.length) text = text.slice(0, text.lastIndexOf('\n') + 1);
	const header = gridToRows(parseCsvGrid(text).slice(0, 1)).header;
	if (!REQUIRED_COLUMNS.every((c) => header.includes(c)) || new Set(header).size !== header.length) return null;
	// Bounds are a few statements a year: a file with bound columns takes the row path, which checks them.
	if (BOUND_COLUMNS.some((c) => header.includes(c))) return null;
	return { delimiter: guessDelimiter(text), header };
}

/** Thrown into the bulk path when the scan finds a file it must leave to the JS readers. */
const NOT_BULK = new Error('not for the bulk path');

/** Validates canonical rows; throws ImportError with the problems (at most MAX_PROBLEMS and a count of the rest). */
function validate(rows: SourceRow[], context: ValidationContext, onProgress?: ProgressListener) {
	onProgress?.({ phase: 'validate', done: 0, total: rows.length });
	const { observations, problems } = validateCanonicalRows(rows, context);
	if (problems.length > 0) throw new ImportError(capProblems(problems, problems.length, context));
	return observations;
}

/**
 * Reads each candidate sheet as a wide table and keeps the one holding the
 * index's components for the most units, then the most components (the
 * national summary sheet rather than a region's or a province's sheet, its
 * notes or its one-component detail sheets). Hidden sheets are read only when
 * no visible one can be. When none can be read, the first one's problems.
 */
function readBestSheet(sheets: SheetGrid[], context: Omit<WideContext, 'sheet'>) {
	const read = sheets.map((sheet) => ({ sheet: sheet.name, hidden: sheet.hidden === true, result: readWideTable(sheet.rows, { ...context, sheet: sheet.name ?? undefined }) }));
	const components = (layout: WideLayout) => layout.placements.filter((p) => p.role !== 'skip').length + (layout.deriveTotal ? 1 : 0);
	// Visible before hidden, then units, then components.
	const score = (r: (typeof read)[number]) => (r.result.ok ? [r.hidden ? 0 : 1, r.result.layout.units, components(r.result.layout)] : [-1]);
	const better = (a: (typeof read)[number], b: (typeof read)[number]) => {
		const [x, y] = [score(a), score(b)];
		const i = x.findIndex((v, k) => v !== y[k]);
		return i >= 0 && x[i] > (y[i] ?? -Infinity);
	};
	const best = read.reduce((a, b) => (better(b, a) ? b : a));
	if (!best.result.ok) throw new ImportError(best.result.problems);
	const layout = best.result.layout;
	const sheetChoice: SheetChoice | null =
		sheets.length > 1 ? { units: layout.units, components: components(layout), others: read.filter((r) => r !== best && r.result.ok).length } : null;
	return { sheet: best.sheet, layout, rows: best.result.rows, sheetChoice };
}

/** The mapping that reads a file the way it was just read. */
function mappingOf(layout: WideLayout, sheet: string | null): Mapping {
	const target = (p: WideLayout['placements'][number]) =>
		p.role === 'skip' ? 'skip' : p.role === 'rank' ? (p.componentId === TOTAL ? 'rank' : `rank:${p.componentId}`) : p.componentId!;
	return {
		...(sheet !== null && { sheet }),
		orientation: layout.orientation,
		headerRow: layout.headerRow,
		unit: layout.unitHeader,
		columns: Object.fromEntries(layout.placements.map((p) => [p.header, target(p)])),
		...(layout.unsure.length > 0 && { candidates: Object.fromEntries(layout.unsure.map((u) => [u.header, u.candidates])) })
	};
}

/** Refuses a canonical header that lacks a required column or has one we do not know. */
function checkCanonicalHeader(header: string[], fileName: string, sheet: string | undefined) {
	const fail = (problem: Omit<ImportProblem, 'file'>) => {
		throw new ImportError([{ file: fileName, sheet, ...problem }]);
	};
	if (header.length === 0 || header.every((h) => h === '')) fail({ row: 1, code: 'empty_file' });
	const expected = CANONICAL_COLUMNS.join(',');
	const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
	const unknown = header.filter((h) => !(CANONICAL_COLUMNS as readonly string[]).includes(h));
	if (missing.length > 0) fail({ row: 1, code: 'missing_columns', params: { columns: missing.join(', '), expected } });
	if (unknown.length > 0) fail({ row: 1, code: 'unknown_columns', params: { columns: unknown.join(', '), expected } });
}

/** Checks the header of a canonical long table and returns its numbered rows. */
function readCanonicalRows(grid: Cell[][], fileName: string, sheet: string | undefined): SourceRow[] {
	const table = gridToRows(grid);
	checkCanonicalHeader(table.header, fileName, sheet);
	if (table.rows.length === 0) throw new ImportError([{ file: fileName, sheet, row: 2, code: 'empty_file' }]);
	return table.rows;
}

/** What `commitObservations` needs besides the prepared figures. */
export type CommitOptions = Omit<ImportOptions, 'file' | 'sheet' | 'mapping'> & { fileName: string; sha256: string; sheet?: string | null; mapping?: unknown };

/**
 * Diffs the staged figures against the stored ones and commits them as one
 * batch in one transaction, on the prepared import's connection, which it then
 * closes. A file already committed (same SHA-256) is a no-op.
 */
export async function commitObservations(prepared: PreparedImport, options: CommitOptions): Promise<ImportResult> {
	const connection = prepared.staged.connection;
	if (!connection) throw new Error('the prepared import was already committed or discarded');
	try {
		const previous = await rowsOn<{ id: number }>(
			connection,
			"SELECT id FROM import_batches WHERE sha256 = $1 AND status = 'committed' ORDER BY id LIMIT 1",
			[options.sha256]
		);
		const base = { sha256: options.sha256, rows: prepared.rows };
		if (previous.length > 0 && !options.dryRun) {
			return { ...base, status: 'already_imported', batchId: previous[0].id, rowsNew: 0, rowsUnchanged: prepared.rows, rowsChanged: 0, changed: [] };
		}

		const dryRun = Symbol('dry run');
		let result: ImportResult | null = null;
		try {
			await transactionOn(connection, async () => {
				const { stored, contradictions, replacing, ...diff } = await diffStaged(connection, prepared.rows);
				result = { ...base, status: options.dryRun ? 'dry_run' : 'committed', batchId: null, ...diff };
				if (contradictions.length > 0) throw new ImportError(capProblems(contradictions.map((c) => contradiction(c, options)), contradictions.length, { file: options.fileName, sheet: options.sheet ?? undefined }));
				if (options.dryRun) throw dryRun;
				if (replacing > 0 && !options.replace) {
					const conflicts = diff.changed.filter((c) => !c.settles).map(
						(c): ImportProblem => ({
							file: options.fileName,
							sheet: options.sheet ?? undefined,
							row: c.line,
							column: c.column ?? 'score',
							code: 'conflict',
							params: { figure: `${c.key.indexId} ${c.key.year} ${c.key.componentId}`, old: describe(c.old), new: describe(c.new) }
						})
					);
					throw new ImportError(capProblems(conflicts, replacing, { file: options.fileName, sheet: options.sheet ?? undefined }));
				}
				options.onProgress?.({ phase: 'commit', done: 0, total: prepared.rows });
				result.batchId = await writeBatch(connection, options, result, stored, prepared.staged.ids);
			});
		} catch (error) {
			if (error !== dryRun) throw error;
		}
		return result!;
	} finally {
		discardPrepared(prepared);
	}
}

function describe(figure: ChangedFigure['old']): string {
	const parts = [];
	if (figure.score !== null) parts.push(String(figure.score));
	if (figure.rank !== null) parts.push(`#${figure.rank}${figure.n !== null ? `/${figure.n}` : ''}`);
	if (figure.bound !== undefined) parts.push(figure.bound);
	return parts.join(' ') || '∅';
}

/** A bound and a figure for the same key that cannot both hold, as the problem that names both. */
function contradiction(c: ChangedFigure & { oldBatch: number }, options: CommitOptions): ImportProblem {
	const boundSide = c.new.bound !== undefined && c.new.score === null && c.new.rank === null ? c.new : c.old;
	const figureSide = boundSide === c.new ? c.old : c.new;
	return {
		file: options.fileName,
		sheet: options.sheet ?? undefined,
		row: c.line,
		column: c.column ?? (boundSide === c.new ? 'rank_min' : 'score'),
		code: 'bound_conflict',
		params: {
			figure: `${c.key.indexId} ${c.key.year} ${c.key.unitCode} ${c.key.componentId}`,
			bound: boundSide.bound ?? '',
			value: describe({ ...figureSide, bound: undefined }),
			batch: c.oldBatch
		}
	};
}

const PROGRESS_EVERY = 10_000;

/** Stages figures read and validated in JS (wide tables, xlsx, Parquet, Arrow) on a connection of their own. */
async function stageObservations(observations: SourcedObservation[], onProgress?: ProgressListener): Promise<Pick<PreparedImport, 'rows' | 'staged'>> {
	const connection = await openConnection();
	try {
		await connection.run(`CREATE OR REPLACE TEMP TABLE staging (${STAGING_COLUMNS})`);
		const appender = await connection.createAppender('staging', 'main', 'temp');
		const text = (v: string | null | undefined) => (v == null ? appender.appendNull() : appender.appendVarchar(v));
		const int = (v: number | null) => (v === null ? appender.appendNull() : appender.appendInteger(v));
		const double = (v: number | null) => (v === null ? appender.appendNull() : appender.appendDouble(v));
		for (const [i, o] of observations.entries()) {
			if (i % PROGRESS_EVERY === 0) onProgress?.({ phase: 'stage', done: i, total: observations.length });
			appender.appendInteger(o.line);
			appender.appendVarchar(o.indexId);
			appender.appendInteger(o.year);
			appender.appendVarchar(o.unitCode);
			appender.appendVarchar(o.componentId);
			double(o.score);
			int(o.publishedRank);
			int(o.publishedN);
			appender.appendVarchar(o.valueType);
			text(o.source);
			text(o.note);
			int(o.rankMin ?? null);
			int(o.rankMax ?? null);
			double(o.scoreMin ?? null);
			double(o.scoreMax ?? null);
			text(o.group);
			text(o.column);
			appender.appendInteger(0);
			appender.endRow();
		}
		appender.flushSync();
		appender.closeSync();
		return { rows: observations.length, staged: { connection } };
	} catch (error) {
		connection.closeSync();
		throw error;
	}
}

// A staged figure is unchanged when every value it states equals the stored
// one; an empty cell states nothing (a page that corroborates only a rank).
const DIFFERS = `(s.score IS NOT NULL AND s.score IS DISTINCT FROM o.score)
	OR (s.published_rank IS NOT NULL AND s.published_rank IS DISTINCT FROM o.published_rank)
	OR (s.published_n IS NOT NULL AND s.published_n IS DISTINCT FROM o.published_n)`;

/** Whether row `r` states a figure (a score or a rank); a row without one states a bound only. */
const FIGURE = (r: string) => `(${r}.score IS NOT NULL OR ${r}.published_rank IS NOT NULL)`;

/** Whether the figure of row `f` lies inside the bound of row `b` (as `figureFitsBound` in domain/bounds.ts). */
const FITS = (f: string, b: string) => `((${f}.published_rank IS NULL OR ((${b}.rank_min IS NULL OR ${f}.published_rank >= ${b}.rank_min)
	AND (${b}.rank_max IS NULL OR ${f}.published_rank <= ${b}.rank_max)))
	AND (${f}.score IS NULL OR ((${b}.score_min IS NULL OR ${f}.score >= ${b}.score_min)
	AND (${b}.score_max IS NULL OR ${f}.score <= ${b}.score_max))))`;

/**
 * What a staged row does to the stored one of its key (issue 13: the figure wins):
 * - `unchanged`: same figure; or a bound on a stored figure that it fits (the figure stays);
 * - `settles`: a figure on a stored bound that it fits (replaces it without `replace`);
 * - `changed`: another figure, or another bound on a stored bound (needs `replace`);
 * - `contradicts`: a bound and a figure that cannot both hold (always refused).
 */
const CHANGE_KIND = `CASE
	WHEN NOT ${FIGURE('s')} AND ${FIGURE('o')} THEN CASE WHEN ${FITS('o', 's')} THEN 'unchanged' ELSE 'contradicts' END
	WHEN ${FIGURE('s')} AND NOT ${FIGURE('o')} THEN CASE WHEN ${FITS('s', 'o')} THEN 'settles' ELSE 'contradicts' END
	WHEN ${FIGURE('s')} THEN CASE WHEN ${DIFFERS} THEN 'changed' ELSE 'unchanged' END
	WHEN s.rank_min IS DISTINCT FROM o.rank_min OR s.rank_max IS DISTINCT FROM o.rank_max OR s.score_min IS DISTINCT FROM o.score_min
	  OR s.score_max IS DISTINCT FROM o.score_max OR s.bound_group IS DISTINCT FROM o.bound_group
	  OR (s.published_n IS NOT NULL AND s.published_n IS DISTINCT FROM o.published_n) THEN 'changed'
	ELSE 'unchanged' END`;

/** The staged rows that replace a stored one (history kept, then deleted and inserted again). */
const REPLACES = `(${CHANGE_KIND}) IN ('changed', 'settles')`;

const boundNotationOf = (r: Record<string, unknown>, prefix: string, n: number | null): { bound?: string } => {
	const bound: Bound = {
		rankMin: r[`${prefix}rank_min`] as number | null, rankMax: r[`${prefix}rank_max`] as number | null,
		scoreMin: r[`${prefix}score_min`] as number | null, scoreMax: r[`${prefix}score_max`] as number | null,
		group: r[`${prefix}bound_group`] as string | null
	};
	const notation = boundNotation(bound, n);
	return notation === '' ? {} : { bound: notation };
};

/**
 * Counts new, unchanged and changed figures (set-based), and reads back the
 * first CHANGES_LISTED changed ones and every contradiction; `rows` is the
 * number of staged figures.
 */
async function diffStaged(connection: DuckDBConnection, rows: number) {
	// The file's (index, year) pairs, found once: the diff and the rank refresh both ask (a pass over millions of staged rows).
	await connection.run('CREATE OR REPLACE TEMP TABLE staged_years AS SELECT DISTINCT index_id, year FROM temp.staging');
	// Nothing stored for these indices and years (a first import): every staged figure is new, no join needed.
	const [{ stored }] = await rowsOn<{ stored: boolean }>(
		connection,
		`SELECT EXISTS (SELECT 1 FROM observations WHERE (index_id, year) IN (SELECT index_id, year FROM temp.staged_years)) AS stored`
	);
	if (!stored) return { stored, rowsNew: rows, rowsUnchanged: 0, rowsChanged: 0, replacing: 0, changed: [], contradictions: [] };
	const [counts] = await rowsOn<{ new_rows: number; unchanged: number; changed: number; settles: number; contradicts: number }>(
		connection,
		`SELECT count(*) FILTER (WHERE kind IS NULL)::INTEGER AS new_rows,
		        count(*) FILTER (WHERE kind = 'unchanged')::INTEGER AS unchanged,
		        count(*) FILTER (WHERE kind = 'changed')::INTEGER AS changed,
		        count(*) FILTER (WHERE kind = 'settles')::INTEGER AS settles,
		        count(*) FILTER (WHERE kind = 'contradicts')::INTEGER AS contradicts
		   FROM (SELECT CASE WHEN o.index_id IS NOT NULL THEN ${CHANGE_KIND} END AS kind
		           FROM temp.staging s LEFT JOIN observations o USING (index_id, year, unit_code, component_id))`
	);
	const listed = (kinds: string, limit: number) => rowsOn(
		connection,
		`SELECT s.line, s."column", s.index_id, s.year, s.unit_code, s.component_id, ${CHANGE_KIND} AS kind, o.batch_id AS old_batch,
		        o.score AS old_score, o.published_rank AS old_rank, o.published_n AS old_n, o.rank_min AS old_rank_min, o.rank_max AS old_rank_max,
		        o.score_min AS old_score_min, o.score_max AS old_score_max, o.bound_group AS old_bound_group,
		        s.score, s.published_rank, s.published_n, s.rank_min, s.rank_max, s.score_min, s.score_max, s.bound_group
		   FROM temp.staging s JOIN observations o USING (index_id, year, unit_code, component_id)
		  WHERE (${CHANGE_KIND}) IN (${kinds}) ORDER BY s.line, s.component_id LIMIT ${limit}`
	);
	const toChange = (c: Record<string, unknown>) => ({
		line: c.line as number,
		column: c.column as string | null,
		settles: c.kind === 'settles',
		oldBatch: c.old_batch as number,
		key: { indexId: c.index_id as string, year: c.year as number, unitCode: c.unit_code as string, componentId: c.component_id as string },
		old: { score: c.old_score as number | null, rank: c.old_rank as number | null, n: c.old_n as number | null, ...boundNotationOf(c, 'old_', c.old_n as number | null) },
		new: { score: c.score as number | null, rank: c.published_rank as number | null, n: c.published_n as number | null, ...boundNotationOf(c, '', c.published_n as number | null) }
	});
	const changes = counts.changed + counts.settles;
	return {
		stored,
		rowsNew: counts.new_rows,
		rowsUnchanged: counts.unchanged,
		rowsChanged: changes,
		replacing: counts.changed,
		changed: changes === 0 ? [] : (await listed("'changed', 'settles'", CHANGES_LISTED)).map(toChange),
		contradictions: counts.contradicts === 0 ? [] : (await listed("'contradicts'", MAX_PROBLEMS)).map(toChange)
	};
}

async function writeBatch(
	connection: DuckDBConnection,
	options: CommitOptions,
	result: ImportResult,
	/** Whether anything was stored for the file's (index, year) partitions before. */
	stored: boolean,
	/** The staged figures by integer ids, when the bulk path staged them. */
	stagedIds?: StagedIds
): Promise<number> {
	const [batch] = await rowsOn<{ id: number }>(
		connection,
		`INSERT INTO import_batches (file_name, sha256, sheet, mapping, rows_total, rows_new, rows_changed, rows_unchanged, source, imported_by)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		[
			options.fileName, options.sha256, options.sheet ?? null,
			options.mapping === undefined ? null : JSON.stringify(options.mapping),
			result.rows, result.rowsNew, result.rowsChanged, result.rowsUnchanged,
			options.source ?? null, options.importedBy
		]
	);
	// Nothing stored differs (the usual first import): no history to keep, nothing to delete.
	if (result.rowsChanged > 0) {
		const changedKeys = `FROM temp.staging s JOIN observations o USING (index_id, year, unit_code, component_id) WHERE ${REPLACES}`;
		await connection.run(
			`INSERT INTO observation_history (replaced_by_batch, ${OBSERVATION_COLUMNS})
			 SELECT $1, ${OBSERVATION_COLUMNS.replace(/(\w+)/g, 'o.$1')} ${changedKeys}`,
			[batch.id]
		);
		await connection.run(
			`DELETE FROM observations o USING temp.staging s
			  WHERE o.index_id = s.index_id AND o.year = s.year AND o.unit_code = s.unit_code
			    AND o.component_id = s.component_id AND (${REPLACES})`
		);
	}
	// Only keys not stored are inserted: with the changed ones deleted above, that
	// is every new and changed figure, and never a second row for a stored key.
	const staged = `SELECT s.index_id, s.year, s.unit_code, s.component_id, s.score, s.published_rank, s.published_n,
	        s.value_type, s.source, s.note, $1, s.rank_min, s.rank_max, s.score_min, s.score_max, s.bound_group FROM temp.staging s`;
	await connection.run(
		result.rowsNew === result.rows
			? `INSERT INTO observations (${OBSERVATION_COLUMNS}) ${staged}`
			: `INSERT INTO observations (${OBSERVATION_COLUMNS}) ${staged} ANTI JOIN observations o USING (index_id, year, unit_code, component_id)`,
		[batch.id]
	);
	await recordAudit(connection, {
		// An import that replaced stored figures is told apart: it is the one a reviewer looks for.
		kind: result.rowsChanged > 0 ? 'replace' : 'import',
		actor: { name: options.importedBy, address: options.address ?? null },
		target: batch.id,
		detail: {
			file: options.fileName, ...(options.sheet ? { sheet: options.sheet } : {}), sha256: options.sha256, rows: result.rows,
			new: result.rowsNew, changed: result.rowsChanged, unchanged: result.rowsUnchanged
		}
	});
	// The ranks of the years this file touched, in the same transaction: nobody reads new figures with old ranks.
	// Years nothing was stored for now hold this batch's figures alone, found by its id.
	await refreshRanks(connection, 'SELECT index_id, year FROM temp.staged_years', undefined, stored ? {} : { onlyBatch: batch.id, staged: 'temp.staging', stagedIds });
	return batch.id;
}
