/**
 * The bulk path of the import: a canonical long CSV is read, validated and
 * staged inside DuckDB, never as millions of JS objects (issue #8).
 *
 * 1. One scan of the file (`read_csv`, every cell VARCHAR) collects the
 *    distinct values of each column (`GROUPING SETS`): a few index, year,
 *    component and type values, (unit, year) pairs, ranks, sources, notes.
 * 2. Those distinct values go through the very rules of the row validator
 *    (`domain/validate-rows.ts`: parseCell, resolveIndex, resolveUnit, …), and
 *    the answers are appended to small lookup tables.
 * 3. A second scan joins the rows to the lookups into `temp.staging`, with the
 *    number of problems of each row; the score (millions of distinct values)
 *    is checked in SQL with `DECIMAL_PATTERN` from numbers.ts and the
 *    component's `max_points`. Duplicated keys are found by GROUP BY.
 * 4. When a row has a problem, the first MAX_PROBLEMS of them are read again
 *    and put through `validateRow`, so the problems are exactly those of the row
 *    path (same codes, row, column, value); the rest are counted.
 *
 * Row numbers: DuckDB skips blank lines, which the row path counts. When a blank
 * line stands between rows, a scan of the bytes (quote-aware) gives how many
 * blank lines precede each row, and the line is ordinal + 2 + that count.
 * A file DuckDB cannot read strictly (ragged rows, stray quotes) is reported
 * as `CsvNotStrict`; the pipeline then reads it the lenient JS way when small.
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { CANONICAL_COLUMNS, type CanonicalColumn } from '../../domain/observation.ts';
import { DECIMAL_PATTERN } from '../../domain/numbers.ts';
import { capProblems, ImportError, MAX_PROBLEMS, type ImportProblem } from '../../domain/import-problems.ts';
import {
	duplicateFinding,
	maxYearOf,
	parseCell,
	problemAt,
	resolveComponent,
	resolveIndex,
	resolveUnit,
	checkYearRange,
	validateRow,
	type SourceRow,
	type ValidationContext
} from '../../domain/validate-rows.ts';
import type { ProgressListener } from './pipeline.ts';
import { rowsOn } from '../db.ts';

/** DuckDB could not read the file as strict CSV; the reason is its first line of error. */
export class CsvNotStrict extends Error {
	constructor(readonly reason: string) {
		super(reason);
		this.name = 'CsvNotStrict';
	}
}

export interface BulkCsv {
	file: string;
	bytes: Buffer;
	delimiter: string;
	/** The header as read (trimmed, NFC), every name a canonical column. */
	header: string[];
	onProgress?: ProgressListener;
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Stages a canonical CSV into `temp.staging` on `connection` (columns of
 * pipeline's STAGING_COLUMNS plus `problems`). Returns the number of rows;
 * throws ImportError (at most MAX_PROBLEMS problems and a count of the rest),
 * or CsvNotStrict.
 */
export async function stageCanonicalCsv(connection: DuckDBConnection, csv: BulkCsv, ctx: ValidationContext): Promise<number> {
	const shifts = blankLineShifts(csv.bytes);
	if (shifts.length > 0) {
		await connection.run('CREATE OR REPLACE TEMP TABLE line_shifts (ordinal BIGINT, shift INTEGER)');
		await append(connection, 'line_shifts', shifts, (a, s) => (a.appendBigInt(BigInt(s.ordinal)), a.appendInteger(s.shift)));
	}
	const numbered = numberedRows(csv, shifts.length > 0);

	// 1. Distinct values, one scan. Every cell is coalesced to '' (DuckDB reads an
	// empty cell as NULL; the row path sees ''), so that NULL below means "not in this set".
	csv.onProgress?.({ phase: 'read', done: 0, total: 1 });
	const plainScore = `regexp_full_match(trim(score), ${sqlText(DECIMAL_PATTERN)})`;
	let groups;
	try {
		groups = await rowsOn(
			connection,
			`SELECT i, y, u, c, vt, rk, rn, src, nt, sc, count(*)::DOUBLE AS n,
			        GROUPING(i, y, u, c, vt, rk, rn, src, nt, sc)::INTEGER AS g
			   FROM (SELECT "index" AS i, year AS y, unit AS u, component AS c, value_type AS vt, rank AS rk, rank_of AS rn,
			                source AS src, note AS nt, CASE WHEN score <> '' AND NOT ${plainScore} THEN score END AS sc
			           FROM (${numbered}) WHERE NOT blank)
			  GROUP BY GROUPING SETS ((i), (y), (u, y), (i, c, y), (vt), (rk), (rn), (src), (nt), (sc), ())`
		);
	} catch (error) {
		throw new CsvNotStrict(error instanceof Error ? error.message.split('\n').slice(0, 2).join(' ') : String(error));
	}

	// 2. The rules, once per distinct value.
	csv.onProgress?.({ phase: 'validate', done: 0, total: Number(groups.find((r) => r.g === 0b1111111111)?.n ?? 0) });
	await buildLookups(connection, groups, ctx);

	// 3. Rows joined to the lookups, with their number of problems.
	const total = Number(groups.find((r) => r.g === 0b1111111111)?.n ?? 0);
	csv.onProgress?.({ phase: 'stage', done: 0, total });
	await connection.run(`CREATE OR REPLACE TEMP TABLE staging AS
		WITH j AS (
			SELECT r.line, ix.index_id, yr.year, un.unit_code, co.component_id, co.max_points,
			       CASE WHEN r.score = '' THEN NULL
			            WHEN ${plainScore.replace('score', 'r.score')} THEN replace(trim(r.score), ',', '.')::DOUBLE
			            ELSE sc.value END AS score,
			       coalesce(sc.bad, 0) AS score_bad,
			       rk.value AS published_rank, rk.bad AS rank_bad, rn.value AS published_n, vt.value AS value_type,
			       src.value AS source, nt.value AS note,
			       ix.bad + yr.bad + un.bad + co.bad + vt.bad + rk.bad + rn.bad AS lookup_bad
			  FROM (${numbered}) r
			  JOIN lk_index ix ON ix.raw = r."index"
			  JOIN lk_year yr ON yr.raw = r.year
			  JOIN lk_unit un ON un.raw = r.unit AND un.raw_year = r.year
			  JOIN lk_component co ON co.raw_index = r."index" AND co.raw = r.component AND co.raw_year = r.year
			  JOIN lk_value_type vt ON vt.raw = r.value_type
			  JOIN lk_rank rk ON rk.raw = r.rank
			  JOIN lk_rank_of rn ON rn.raw = r.rank_of
			  JOIN lk_source src ON src.raw = r.source
			  JOIN lk_note nt ON nt.raw = r.note
			  LEFT JOIN lk_score sc ON sc.raw = r.score
			 WHERE NOT r.blank)
		SELECT line::INTEGER AS line, index_id, year, unit_code, component_id, score, published_rank, published_n,
		       value_type, source, note, NULL::VARCHAR AS "column",
		       (lookup_bad + score_bad
		        + CASE WHEN score IS NULL AND score_bad = 0 AND published_rank IS NULL AND rank_bad = 0 THEN 1 ELSE 0 END
		        + CASE WHEN score < 0 OR score > max_points THEN 1 ELSE 0 END
		        + CASE WHEN published_rank > published_n THEN 1 ELSE 0 END)::INTEGER AS problems
		  FROM j`);
	csv.onProgress?.({ phase: 'stage', done: total, total });

	// Duplicated keys among rows without another problem (the row path checks
	// keys only on such rows): grouped by a hash first, checked exactly after.
	await connection.run(`CREATE OR REPLACE TEMP TABLE duplicates AS
		WITH suspects AS (
			SELECT hash(index_id, year, unit_code, component_id) AS h FROM staging WHERE problems = 0 GROUP BY h HAVING count(*) > 1)
		SELECT line, other FROM (
			SELECT line, first_value(line) OVER (PARTITION BY index_id, year, unit_code, component_id ORDER BY line) AS other
			  FROM staging WHERE problems = 0 AND hash(index_id, year, unit_code, component_id) IN (SELECT h FROM suspects))
		 WHERE line <> other`);

	const [counts] = await rowsOn<{ rows: number; problems: number; duplicates: number }>(
		connection,
		`SELECT count(*)::DOUBLE AS rows, coalesce(sum(problems), 0)::DOUBLE AS problems,
		        (SELECT count(*) FROM duplicates)::DOUBLE AS duplicates FROM staging`
	);
	const found = counts.problems + counts.duplicates;
	if (found > 0) throw new ImportError(capProblems(await firstProblems(connection, numbered, csv, ctx), found, ctx));
	return counts.rows;
}

/**
 * The file's rows with their line as a spreadsheet shows it. `row_number() OVER ()`
 * numbers the rows in file order: DuckDB keeps insertion order for a scan
 * (preserve_insertion_order, on by default).
 */
function numberedRows(csv: BulkCsv, shifted: boolean): string {
	const types = `{${csv.header.map((h) => `${sqlText(h)}: 'VARCHAR'`).join(', ')}}`;
	const cell = (c: CanonicalColumn) => (csv.header.includes(c) ? `coalesce(${ident(c)}, '')` : "''");
	const scan = `SELECT row_number() OVER () - 1 AS ordinal, * FROM read_csv(${sqlText(csv.file)}, header = true, auto_detect = false,
		delim = ${sqlText(csv.delimiter)}, quote = '"', escape = '"', columns = ${types})`;
	// A row of empty cells is skipped, as the row path does (it still counts as a line).
	const blank = CANONICAL_COLUMNS.map((c) => `trim(${cell(c)}) = ''`).join(' AND ');
	const line = shifted ? 'f.ordinal + 2 + coalesce(s.shift, 0)' : 'f.ordinal + 2';
	const from = shifted ? `(${scan}) f ASOF LEFT JOIN line_shifts s ON f.ordinal >= s.ordinal` : `(${scan}) f`;
	return `SELECT ${line} AS line, ${CANONICAL_COLUMNS.map((c) => `${cell(c)} AS ${ident(c)}`).join(', ')}, ${blank} AS blank FROM ${from}`;
}

type Group = Record<string, unknown>;

/** Appends rows to a table through DuckDB's appender. */
async function append<T>(connection: DuckDBConnection, table: string, rows: Iterable<T>, add: (a: DuckDBAppender, row: T) => void) {
	const appender = await connection.createAppender(table, 'main', 'temp');
	for (const row of rows) {
		add(appender, row);
		appender.endRow();
	}
	appender.flushSync();
	appender.closeSync();
}

/** Runs every distinct value through the row validator's rules and loads the answers into lookup tables. */
async function buildLookups(connection: DuckDBConnection, groups: Group[], ctx: ValidationContext) {
	// GROUPING(...) has bit 9 for i … bit 0 for sc; a column is in the set when its bit is 0.
	const bits = ['i', 'y', 'u', 'c', 'vt', 'rk', 'rn', 'src', 'nt', 'sc'];
	const setOf = (...columns: string[]) => {
		const mask = bits.reduce((m, b, k) => (columns.includes(b) ? m : m | (1 << (bits.length - 1 - k))), 0);
		return groups.filter((r) => r.g === mask);
	};
	const text = (v: unknown) => v as string;
	const maxYear = maxYearOf(ctx);
	const yearOf = (raw: string) => {
		const parsed = parseCell('year', raw);
		return parsed.ok ? parsed.value : undefined;
	};
	const indexOf = (raw: string) => {
		const parsed = parseCell('index', raw);
		if (!parsed.ok) return { bad: 1 };
		const resolved = resolveIndex(ctx.indices, parsed.value);
		return 'index' in resolved ? { index: resolved.index, bad: 0 } : { bad: 1 };
	};
	const bad = (ok: boolean) => (ok ? 0 : 1);
	const nullable = (a: DuckDBAppender, v: string | number | null | undefined, kind: 'text' | 'int' | 'double') => {
		if (v === null || v === undefined) a.appendNull();
		else if (kind === 'text') a.appendVarchar(String(v));
		else if (kind === 'int') a.appendInteger(Number(v));
		else a.appendDouble(Number(v));
	};

	await connection.run(`
		CREATE OR REPLACE TEMP TABLE lk_index (raw VARCHAR, index_id VARCHAR, bad INTEGER);
		CREATE OR REPLACE TEMP TABLE lk_year (raw VARCHAR, year INTEGER, bad INTEGER);
		CREATE OR REPLACE TEMP TABLE lk_unit (raw VARCHAR, raw_year VARCHAR, unit_code VARCHAR, bad INTEGER);
		CREATE OR REPLACE TEMP TABLE lk_component (raw_index VARCHAR, raw VARCHAR, raw_year VARCHAR, component_id VARCHAR, max_points DOUBLE, bad INTEGER);
		CREATE OR REPLACE TEMP TABLE lk_value_type (raw VARCHAR, value VARCHAR, bad INTEGER);
		CREATE OR REPLACE TEMP TABLE lk_rank (raw VARCHAR, value INTEGER, bad INTEGER);
		CREATE OR REPLACE TEMP TABLE lk_rank_of (raw VARCHAR, value INTEGER, bad INTEGER);
		CREATE OR REPLACE TEMP TABLE lk_source (raw VARCHAR, value VARCHAR);
		CREATE OR REPLACE TEMP TABLE lk_note (raw VARCHAR, value VARCHAR);
		CREATE OR REPLACE TEMP TABLE lk_score (raw VARCHAR, value DOUBLE, bad INTEGER);`);

	await append(connection, 'lk_index', setOf('i'), (a, r) => {
		const { index, bad: b } = indexOf(text(r.i));
		a.appendVarchar(text(r.i));
		nullable(a, index?.id, 'text');
		a.appendInteger(b);
	});
	await append(connection, 'lk_year', setOf('y'), (a, r) => {
		const parsed = parseCell('year', text(r.y));
		a.appendVarchar(text(r.y));
		nullable(a, parsed.ok ? parsed.value : null, 'int');
		a.appendInteger(bad(parsed.ok && checkYearRange(parsed.value, maxYear) === null));
	});
	await append(connection, 'lk_unit', setOf('u', 'y'), (a, r) => {
		const parsed = parseCell('unit', text(r.u));
		const resolved = parsed.ok ? resolveUnit(ctx.units, parsed.value, yearOf(text(r.y))) : null;
		a.appendVarchar(text(r.u));
		a.appendVarchar(text(r.y));
		nullable(a, resolved && 'unit' in resolved ? resolved.unit.code : null, 'text');
		a.appendInteger(bad(resolved !== null && 'unit' in resolved));
	});
	await append(connection, 'lk_component', setOf('i', 'c', 'y'), (a, r) => {
		const { index } = indexOf(text(r.i));
		const parsed = parseCell('component', text(r.c));
		const { component, finding } = index && parsed.ok ? resolveComponent(ctx.components, index, parsed.value, yearOf(text(r.y))) : {};
		a.appendVarchar(text(r.i));
		a.appendVarchar(text(r.c));
		a.appendVarchar(text(r.y));
		nullable(a, finding ? null : component?.id, 'text');
		nullable(a, component?.maxPoints, 'double');
		a.appendInteger(finding ? 1 : 0);
	});
	await append(connection, 'lk_value_type', setOf('vt'), (a, r) => {
		const parsed = parseCell('value_type', text(r.vt));
		a.appendVarchar(text(r.vt));
		nullable(a, parsed.ok ? parsed.value : null, 'text');
		a.appendInteger(bad(parsed.ok));
	});
	for (const [table, column, key] of [['lk_rank', 'rank', 'rk'], ['lk_rank_of', 'rank_of', 'rn']] as const) {
		await append(connection, table, setOf(key), (a, r) => {
			const parsed = parseCell(column, text(r[key]));
			a.appendVarchar(text(r[key]));
			nullable(a, parsed.ok ? parsed.value : null, 'int');
			a.appendInteger(bad(parsed.ok));
		});
	}
	for (const [table, column, key] of [['lk_source', 'source', 'src'], ['lk_note', 'note', 'nt']] as const) {
		await append(connection, table, setOf(key), (a, r) => {
			const parsed = parseCell(column, text(r[key]));
			a.appendVarchar(text(r[key]));
			nullable(a, parsed.ok ? parsed.value : null, 'text');
		});
	}
	// Scores that are not already a plain decimal once spaces are trimmed (rare:
	// other white space, or not a number): the row path's parser decides.
	await append(connection, 'lk_score', setOf('sc').filter((r) => r.sc !== null), (a, r) => {
		const parsed = parseCell('score', text(r.sc));
		a.appendVarchar(text(r.sc));
		nullable(a, parsed.ok ? parsed.value : null, 'double');
		a.appendInteger(bad(parsed.ok));
	});
}

/** The first MAX_PROBLEMS problems, found again by the row validator on the rows SQL flagged. */
async function firstProblems(connection: DuckDBConnection, numbered: string, csv: BulkCsv, ctx: ValidationContext): Promise<ImportProblem[]> {
	const flagged = await rowsOn(
		connection,
		`WITH bad AS (
			SELECT line, NULL::INTEGER AS other FROM staging WHERE problems > 0
			UNION ALL SELECT line, other FROM duplicates
			ORDER BY line LIMIT ${MAX_PROBLEMS})
		SELECT r.*, bad.other FROM (${numbered}) r JOIN bad USING (line) ORDER BY line`
	);
	const problems: ImportProblem[] = [];
	for (const f of flagged) {
		const cells: SourceRow['cells'] = {};
		for (const c of csv.header) cells[c] = f[c] as string;
		const row: SourceRow = { line: Number(f.line), cells };
		const { findings } = validateRow(row, ctx);
		if (f.other !== null) findings.push(duplicateFinding(Number(f.other)));
		problems.push(...findings.map((finding) => problemAt(ctx, row, finding)));
		if (problems.length >= MAX_PROBLEMS) break;
	}
	return problems;
}

/**
 * Where blank lines stand between rows: for each first row after some, its
 * 0-based ordinal among the rows DuckDB reads and how many blank lines precede
 * it. Empty when there are none (the usual case: the bytes are searched natively
 * and only scanned one by one, tracking quotes, when a blank line is inside).
 */
export function blankLineShifts(bytes: Buffer): { ordinal: number; shift: number }[] {
	let end = bytes.length;
	while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
	const first = Math.min(...['\n\n', '\n\r\n'].map((s) => bytes.indexOf(s)).map((i) => (i < 0 ? Infinity : i)));
	if (first >= end) return [];

	const shifts: { ordinal: number; shift: number }[] = [];
	let inQuotes = false;
	let lineStart = 0;
	let record = -1; // the header
	let blanks = 0;
	let pushed = 0;
	const endLine = (lineEnd: number) => {
		const contentEnd = lineEnd > lineStart && bytes[lineEnd - 1] === 0x0d ? lineEnd - 1 : lineEnd;
		if (contentEnd === lineStart) {
			if (record >= 0) blanks++;
			return;
		}
		if (record >= 0 && blanks !== pushed) {
			shifts.push({ ordinal: record, shift: blanks });
			pushed = blanks;
		}
		record++;
	};
	for (let i = 0; i < end; i++) {
		const b = bytes[i];
		if (b === 0x22) inQuotes = !inQuotes;
		else if (b === 0x0a && !inQuotes) {
			endLine(i);
			lineStart = i + 1;
		}
	}
	if (lineStart < end) endLine(end);
	return shifts;
}
