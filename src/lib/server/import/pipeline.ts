/**
 * The import pipeline shared by the CLI, the first start and the web form:
 * read (CSV, xlsx, Parquet, Arrow) → detect (canonical long or wide table:
 * sheet, orientation, columns) → validate → stage in DuckDB → diff against
 * what is stored (the preview) → commit in one transaction, or nothing.
 * Free of CLI and HTTP concerns: the web form calls `prepareImport` and
 * `commitObservations` (or `importFile`) with the same options.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { CANONICAL_COLUMNS, REQUIRED_COLUMNS, type SourcedObservation } from '../../domain/observation.ts';
import { ImportError, type ImportProblem } from '../../domain/import-problems.ts';
import { findIndex, TOTAL } from '../../domain/catalogue.ts';
import type { Mapping } from '../../domain/import-mapping.ts';
import { validateCanonicalRows, type SourceRow, type ValidationContext } from '../../domain/validate-rows.ts';
import { readWideTable, type Cell, type WideContext, type WideLayout, type WideResult } from '../../domain/wide-table.ts';
import { gridToRows } from './read-csv.ts';
import { readSheets, type SheetGrid, type TableFormat } from './read-table.ts';
import { rowsOn, query, transaction } from '../db.ts';
import { loadCatalogue, loadComponentAliases, loadUnitMatcher } from '../reference.ts';
import { refreshRanks } from '../queries/ranks.ts';

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
	onProgress?: ProgressListener;
}

export interface ImportOptions extends ReadOptions {
	/** Citation of the publication the file comes from. */
	source?: string | null;
	importedBy: string;
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
	shape: 'canonical' | 'wide';
	/** How a wide table was read; null for a canonical file. */
	layout: WideLayout | null;
	/** The complete mapping that reads this file again (saved as a preset, stored with the batch). */
	mapping: Mapping | null;
	observations: SourcedObservation[];
}

export interface ChangedFigure {
	key: { indexId: string; year: number; unitCode: string; componentId: string };
	old: { score: number | null; rank: number | null; n: number | null };
	new: { score: number | null; rank: number | null; n: number | null };
	line: number;
}

export interface ImportResult {
	status: 'committed' | 'dry_run' | 'already_imported';
	batchId: number | null;
	sha256: string;
	rows: number;
	rowsNew: number;
	rowsUnchanged: number;
	changed: ChangedFigure[];
}

const STAGING_COLUMNS = `line INTEGER, index_id VARCHAR, year INTEGER, unit_code VARCHAR, component_id VARCHAR,
	score DOUBLE, published_rank INTEGER, published_n INTEGER, value_type VARCHAR, source VARCHAR, note VARCHAR`;

/** Reads, checks and (unless dry-run) commits one file: canonical long, or a wide published table. */
export async function importFile(options: ImportOptions): Promise<ImportResult & { prepared: PreparedImport }> {
	const prepared = await prepareImport(options);
	const result = await commitObservations(prepared.observations, {
		...options,
		fileName: prepared.fileName,
		sha256: prepared.sha256,
		sheet: prepared.sheet,
		mapping: prepared.mapping ?? undefined
	});
	return { ...result, prepared };
}

/** Read → detect (sheet, orientation, columns) → validate. Writes nothing; throws ImportError listing every problem. */
export async function prepareImport(options: ReadOptions): Promise<PreparedImport> {
	const fileName = options.fileName ?? path.basename(options.file);
	options.onProgress?.({ phase: 'read', done: 0, total: 1 });
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
	const reference = { ...(await loadCatalogue()), units: await loadUnitMatcher() };
	const common = { fileName, sha256, format, sheetNames: sheets.flatMap((s) => (s.name === null ? [] : [s.name])) };

	const first = candidates[0];
	const canonical = REQUIRED_COLUMNS.every((c) => gridToRows(first.rows.slice(0, 1)).header.includes(c));
	if (canonical || (options.indexId === undefined && options.year === undefined)) {
		const rows = readCanonicalRows(first.rows, fileName, first.name ?? undefined);
		const observations = validate(rows, { file: fileName, sheet: first.name ?? undefined, ...reference }, options.onProgress);
		return { ...common, sheet: first.name, shape: 'canonical', layout: null, mapping: null, observations };
	}
	if (options.indexId === undefined || options.year === undefined) {
		throw new ImportError([{ file: fileName, row: 1, code: 'needs_index_year' }]);
	}
	const index = findIndex(reference.indices, options.indexId);
	if (!index) {
		const known = reference.indices.map((i) => i.id).join(', ');
		throw new ImportError([{ file: fileName, column: '--index', value: options.indexId, code: 'unknown_index', params: { known } }]);
	}
	const context = { file: fileName, index, year: options.year, ...reference, aliases: await loadComponentAliases(), mapping: options.mapping };
	const { sheet, layout, rows } = readBestSheet(candidates, context);
	const observations = validate(rows, { file: fileName, sheet: sheet ?? undefined, ...reference }, options.onProgress);
	return { ...common, sheet, shape: 'wide', layout, mapping: mappingOf(layout, sheet), observations };
}

/** Validates canonical rows; throws ImportError with every problem. */
function validate(rows: SourceRow[], context: ValidationContext, onProgress?: ProgressListener) {
	onProgress?.({ phase: 'validate', done: 0, total: rows.length });
	const { observations, problems } = validateCanonicalRows(rows, context);
	if (problems.length > 0) throw new ImportError(problems);
	return observations;
}

/**
 * Reads each candidate sheet as a wide table and keeps the one where the most
 * components were found (a workbook's summary sheet rather than its notes or
 * one-component detail sheets). When none can be read, the first one's problems.
 */
function readBestSheet(sheets: SheetGrid[], context: Omit<WideContext, 'sheet'>) {
	const read = sheets.map((sheet) => ({ sheet: sheet.name, result: readWideTable(sheet.rows, { ...context, sheet: sheet.name ?? undefined }) }));
	const found = (r: WideResult) => (r.ok ? r.layout.placements.filter((p) => p.role !== 'skip').length + (r.layout.deriveTotal ? 1 : 0) : -1);
	const best = read.reduce((a, b) => (found(b.result) > found(a.result) ? b : a));
	if (!best.result.ok) throw new ImportError(best.result.problems);
	return { sheet: best.sheet, layout: best.result.layout, rows: best.result.rows };
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
		columns: Object.fromEntries(layout.placements.map((p) => [p.header, target(p)]))
	};
}

/** Checks the header of a canonical long table and returns its numbered rows. */
function readCanonicalRows(grid: Cell[][], fileName: string, sheet: string | undefined): SourceRow[] {
	const fail = (problem: Omit<ImportProblem, 'file'>) => {
		throw new ImportError([{ file: fileName, sheet, ...problem }]);
	};
	const table = gridToRows(grid);
	if (table.header.length === 0 || table.header.every((h) => h === '')) fail({ row: 1, code: 'empty_file' });

	const expected = CANONICAL_COLUMNS.join(',');
	const missing = REQUIRED_COLUMNS.filter((c) => !table.header.includes(c));
	const unknown = table.header.filter((h) => !(CANONICAL_COLUMNS as readonly string[]).includes(h));
	if (missing.length > 0) fail({ row: 1, code: 'missing_columns', params: { columns: missing.join(', '), expected } });
	if (unknown.length > 0) fail({ row: 1, code: 'unknown_columns', params: { columns: unknown.join(', '), expected } });
	if (table.rows.length === 0) fail({ row: 2, code: 'empty_file' });
	return table.rows;
}

/** What `commitObservations` needs besides the observations. */
export type CommitOptions = Omit<ImportOptions, 'file' | 'sheet' | 'mapping'> & { fileName: string; sha256: string; sheet?: string | null; mapping?: unknown };

/**
 * Stages observations, diffs them against the stored ones and commits them as
 * one batch in one transaction. A file already committed (same SHA-256) is a no-op.
 */
export async function commitObservations(
	observations: SourcedObservation[],
	options: CommitOptions
): Promise<ImportResult> {
	const previous = await query<{ id: number }>(
		"SELECT id FROM import_batches WHERE sha256 = $1 AND status = 'committed' ORDER BY id LIMIT 1",
		[options.sha256]
	);
	const base = { sha256: options.sha256, rows: observations.length };
	if (previous.length > 0 && !options.dryRun) {
		return { ...base, status: 'already_imported', batchId: previous[0].id, rowsNew: 0, rowsUnchanged: observations.length, changed: [] };
	}

	const dryRun = Symbol('dry run');
	let result: ImportResult | null = null;
	try {
		await transaction(async (connection) => {
			await stage(connection, observations, options.onProgress);
			const diff = await diffStaged(connection);
			result = { ...base, status: options.dryRun ? 'dry_run' : 'committed', batchId: null, ...diff };
			if (options.dryRun) throw dryRun;
			if (diff.changed.length > 0 && !options.replace) {
				const columnOf = new Map(observations.map((o) => [`${o.line}|${o.componentId}`, o.column ?? 'score']));
				throw new ImportError(
					diff.changed.map((c) => ({
						file: options.fileName,
						sheet: options.sheet ?? undefined,
						row: c.line,
						column: columnOf.get(`${c.line}|${c.key.componentId}`),
						code: 'conflict',
						params: { figure: `${c.key.indexId} ${c.key.year} ${c.key.componentId}`, old: describe(c.old), new: describe(c.new) }
					}))
				);
			}
			options.onProgress?.({ phase: 'commit', done: 0, total: observations.length });
			result.batchId = await writeBatch(connection, options, result);
		});
	} catch (error) {
		if (error !== dryRun) throw error;
	}
	return result!;
}

function describe(figure: ChangedFigure['old']): string {
	const parts = [];
	if (figure.score !== null) parts.push(String(figure.score));
	if (figure.rank !== null) parts.push(`#${figure.rank}${figure.n !== null ? `/${figure.n}` : ''}`);
	return parts.join(' ') || '∅';
}

const PROGRESS_EVERY = 10_000;

async function stage(connection: DuckDBConnection, observations: SourcedObservation[], onProgress?: ProgressListener) {
	await connection.run(`CREATE OR REPLACE TEMP TABLE staging (${STAGING_COLUMNS})`);
	const appender = await connection.createAppender('staging', 'main', 'temp');
	const text = (v: string | null) => (v === null ? appender.appendNull() : appender.appendVarchar(v));
	const int = (v: number | null) => (v === null ? appender.appendNull() : appender.appendInteger(v));
	for (const [i, o] of observations.entries()) {
		if (i % PROGRESS_EVERY === 0) onProgress?.({ phase: 'stage', done: i, total: observations.length });
		appender.appendInteger(o.line);
		appender.appendVarchar(o.indexId);
		appender.appendInteger(o.year);
		appender.appendVarchar(o.unitCode);
		appender.appendVarchar(o.componentId);
		if (o.score === null) appender.appendNull();
		else appender.appendDouble(o.score);
		int(o.publishedRank);
		int(o.publishedN);
		appender.appendVarchar(o.valueType);
		text(o.source);
		text(o.note);
		appender.endRow();
	}
	appender.flushSync();
	appender.closeSync();
}

// A staged figure is unchanged when every value it states equals the stored
// one; an empty cell states nothing (a page that corroborates only a rank).
const DIFFERS = `(s.score IS NOT NULL AND s.score IS DISTINCT FROM o.score)
	OR (s.published_rank IS NOT NULL AND s.published_rank IS DISTINCT FROM o.published_rank)
	OR (s.published_n IS NOT NULL AND s.published_n IS DISTINCT FROM o.published_n)`;

async function diffStaged(connection: DuckDBConnection) {
	const counts = await rowsOn<{ new_rows: number; unchanged: number }>(
		connection,
		`SELECT count(*) FILTER (WHERE o.index_id IS NULL)::INTEGER AS new_rows,
		        count(*) FILTER (WHERE o.index_id IS NOT NULL AND NOT (${DIFFERS}))::INTEGER AS unchanged
		   FROM temp.staging s LEFT JOIN observations o USING (index_id, year, unit_code, component_id)`
	);
	const changed = await rowsOn(
		connection,
		`SELECT s.line, s.index_id, s.year, s.unit_code, s.component_id,
		        o.score AS old_score, o.published_rank AS old_rank, o.published_n AS old_n,
		        s.score, s.published_rank, s.published_n
		   FROM temp.staging s JOIN observations o USING (index_id, year, unit_code, component_id)
		  WHERE ${DIFFERS} ORDER BY s.line`
	);
	return {
		rowsNew: counts[0].new_rows,
		rowsUnchanged: counts[0].unchanged,
		changed: changed.map(
			(c): ChangedFigure => ({
				line: c.line as number,
				key: { indexId: c.index_id as string, year: c.year as number, unitCode: c.unit_code as string, componentId: c.component_id as string },
				old: { score: c.old_score as number | null, rank: c.old_rank as number | null, n: c.old_n as number | null },
				new: { score: c.score as number | null, rank: c.published_rank as number | null, n: c.published_n as number | null }
			})
		)
	};
}

async function writeBatch(
	connection: DuckDBConnection,
	options: CommitOptions,
	result: ImportResult
): Promise<number> {
	const [batch] = await rowsOn<{ id: number }>(
		connection,
		`INSERT INTO import_batches (file_name, sha256, sheet, mapping, rows_total, rows_new, rows_changed, rows_unchanged, source, imported_by)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		[
			options.fileName, options.sha256, options.sheet ?? null,
			options.mapping === undefined ? null : JSON.stringify(options.mapping),
			result.rows, result.rowsNew, result.changed.length, result.rowsUnchanged,
			options.source ?? null, options.importedBy
		]
	);
	const changedKeys = `FROM temp.staging s JOIN observations o USING (index_id, year, unit_code, component_id) WHERE ${DIFFERS}`;
	await connection.run(
		`INSERT INTO observation_history
		 SELECT $1, o.index_id, o.year, o.unit_code, o.component_id, o.score, o.published_rank, o.published_n,
		        o.value_type, o.source, o.note, o.batch_id ${changedKeys}`,
		[batch.id]
	);
	await connection.run(
		`DELETE FROM observations o USING temp.staging s
		  WHERE o.index_id = s.index_id AND o.year = s.year AND o.unit_code = s.unit_code
		    AND o.component_id = s.component_id AND (${DIFFERS})`
	);
	await connection.run(
		`INSERT INTO observations
		 SELECT s.index_id, s.year, s.unit_code, s.component_id, s.score, s.published_rank, s.published_n,
		        s.value_type, s.source, s.note, $1
		   FROM temp.staging s ANTI JOIN observations o USING (index_id, year, unit_code, component_id)`,
		[batch.id]
	);
	// The ranks of the years this file touched, in the same transaction: nobody reads new figures with old ranks.
	await refreshRanks(connection, 'SELECT DISTINCT index_id, year FROM temp.staging');
	return batch.id;
}
