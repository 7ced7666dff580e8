/**
 * The bulk path of the import: a canonical long CSV is read, validated and
 * staged inside DuckDB, never as millions of JS objects (issue #8).
 *
 * 1. One scan of the file (`read_csv`, every cell VARCHAR) collects the
 *    distinct values of each column (`GROUPING SETS`): a few index, year,
 *    component and type values, (unit, year) pairs, ranks, sources, notes.
 * 2. Those distinct values go through the very rules of the row validator
 *    (`domain/validate-rows.ts`: parseCell, resolveIndex, resolveUnit, …), and
 *    the answers are appended to small lookup tables. A unit written as its
 *    code, in a year it existed, is resolved in SQL instead: what
 *    `UnitMatcher.match` answers for it, without 10,000 units loaded into JS
 *    and 150,000 (unit, year) pairs sent there and back (issue 16).
 * 3. A second scan joins the rows to the lookups into `temp.staged` (the
 *    lookups' integer ids; the view `temp.staging` joins their values back), with the
 *    number of problems of each row; the score (millions of distinct values)
 *    is checked in SQL with `DECIMAL_PATTERN` from numbers.ts and the
 *    component's `max_points`. Duplicated keys are found by GROUP BY on the
 *    integer ids of the resolved key and unit.
 * 4. When a row has a problem, the first MAX_PROBLEMS of them are read again
 *    and put through `validateRow`, so the problems are exactly those of the row
 *    path (same codes, row, column, value); the rest are counted.
 *
 * Row numbers: DuckDB skips blank lines, which the row path counts. When a blank
 * line stands between rows, a scan of the bytes (quote-aware) gives how many
 * blank lines precede each row, and the line is ordinal + 2 + that count.
 * A file DuckDB cannot read strictly (ragged rows, stray quotes) is reported
 * as `CsvNotStrict`; the pipeline then reads it the lenient JS way when small.
 * A file with bound columns (`rank_min` …, issue 13) never comes here: bounds
 * are a few statements a year, read by the row path (see `canonicalCsvHead`).
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { FIGURE_COLUMNS, type CanonicalColumn } from '../../domain/observation.ts';
import { DECIMAL_PATTERN } from '../../domain/numbers.ts';
import { capProblems, ImportError, MAX_PROBLEMS, type ImportProblem } from '../../domain/import-problems.ts';
import type { UnitMatcher } from '../../domain/unit-names.ts';
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
import { unitExistsInYear, type StagedIds } from '../queries/rank-refresh.ts';

/** Where `stageCanonicalCsv` leaves the figures by integer ids, for the rank refresh of the commit. */
export const STAGED_IDS: StagedIds = { rows: 'temp.staged', keys: 'temp.staged_keys', units: 'temp.staged_units', texts: 'temp.lk_text' };

/** DuckDB could not read the file as strict CSV; the reason is its first line of error. */
export class CsvNotStrict extends Error {
	constructor(readonly reason: string) {
		super(reason);
		this.name = 'CsvNotStrict';
	}
}

export interface BulkCsv {
	file: string;
	/**
	 * Where blank lines stand between rows (`blankLineShifts` of the file's
	 * bytes), awaited once DuckDB has read the file: the caller checks the bytes
	 * meanwhile, and rejects it to give the file up.
	 */
	shifts: Promise<{ ordinal: number; shift: number }[]>;
	delimiter: string;
	/** The header as read (trimmed, NFC), every name a canonical column. */
	header: string[];
	onProgress?: ProgressListener;
}

/**
 * What the bulk path validates against: the row validator's context, with the
 * unit matcher loaded only when a unit is not written as its code (or a row
 * has a problem to word).
 */
export type BulkContext = Omit<ValidationContext, 'units'> & { units: () => Promise<UnitMatcher> };

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Stages a canonical CSV into `temp.staging` on `connection` (a view with the
 * columns of pipeline's STAGING_COLUMNS, `problems` among them). Returns the number of rows;
 * throws ImportError (at most MAX_PROBLEMS problems and a count of the rest),
 * or CsvNotStrict.
 */
export async function stageCanonicalCsv(connection: DuckDBConnection, csv: BulkCsv, ctx: BulkContext): Promise<number> {
	// 1. The file as it stands, every cell text ('' for empty: DuckDB reads an
	// empty cell as NULL, the row path as ''). Its rowid is the row's ordinal:
	// a scan keeps the file's order (preserve_insertion_order, on by default).
	csv.onProgress?.({ phase: 'read', done: 0, total: 1 });
	const types = `{${csv.header.map((h) => `${sqlText(h)}: 'VARCHAR'`).join(', ')}}`;
	const cell = (c: CanonicalColumn) => (csv.header.includes(c) ? `coalesce(${ident(c)}, '')` : "''");
	const readRaw = () =>
		connection.run(`CREATE OR REPLACE TEMP TABLE raw AS
			SELECT ${FIGURE_COLUMNS.map((c) => `${cell(c)} AS ${ident(c)}`).join(', ')}
			  FROM read_csv(${sqlText(csv.file)}, header = true, auto_detect = false, delim = ${sqlText(csv.delimiter)},
			                quote = '"', escape = '"', columns = ${types})`);
	try {
		await readRaw();
	} catch (error) {
		throw new CsvNotStrict(error instanceof Error ? error.message.split('\n').slice(0, 2).join(' ') : String(error));
	}
	const shifts = await csv.shifts;
	if (shifts.length > 0) {
		await connection.run('CREATE OR REPLACE TEMP TABLE line_shifts (ordinal BIGINT, shift INTEGER)');
		await append(connection, 'line_shifts', shifts, (a, s) => (a.appendBigInt(BigInt(s.ordinal)), a.appendInteger(s.shift)));
	}
	const numbered = numberedRows(shifts.length > 0);

	// 2. Distinct values, in one pass over the rows, through the row validator's
	// rules. Blank rows are not filtered here (a test of ten cells on every row
	// costs as much as the read): their '' values are harmless extra entries.
	const plainScore = (score: string) => `regexp_full_match(${score}, ${sqlText(DECIMAL_PATTERN)})`;
	await connection.run(`CREATE OR REPLACE TEMP TABLE value_groups AS
		SELECT "index" AS i, year AS y, unit AS u, component AS c, value_type AS vt, rank AS rk, rank_of AS rn,
		        source AS src, note AS nt, sc,
		        GROUPING("index", year, unit, component, value_type, rank, rank_of, source, note, sc)::INTEGER AS g
		   FROM (SELECT *, CASE WHEN score <> '' AND NOT ${plainScore('score')} THEN score END AS sc FROM raw)
		  GROUP BY GROUPING SETS (("index", component, year), (unit, year), (rank, rank_of), (value_type, source, note), (sc))`);
	const [{ total }] = await rowsOn<{ total: number }>(connection, 'SELECT count(*)::DOUBLE AS total FROM raw');
	csv.onProgress?.({ phase: 'validate', done: 0, total });
	await buildLookups(connection, ctx);

	// 3. Rows joined to the lookups, with their number of problems. The score,
	// millions of distinct values, is read in SQL when it matches DECIMAL_PATTERN
	// as it stands (what parseDecimal reads the same way); any other score went
	// through parseDecimal itself (lk_score). So a score found in lk_score is
	// the parser's, and one not found (nor empty) matched the pattern: the join
	// says it, without the pattern tested again on every row. A blank row has an
	// empty index, so only rows whose index is wrong are tested for blankness.
	// The rows keep the lookups' integer ids, not their text (index, unit,
	// component, value type, source, note): 36 bytes a row instead of about 140,
	// so 5 M staged figures fit beside the commit's sorts under the memory cap
	// instead of spilling. `temp.staging` is the view that joins the text back.
	// Every row finds its entry in each lookup (they hold every value the file
	// has), so the LEFT JOINs are inner joins that DuckDB keeps in this order:
	// as inner joins it joined the lookups to one another first, through the
	// year they share (lk_unit × lk_key: 5 M combinations for a 5 M-row file),
	// and probed that with every row on nine text columns (issue 16: 1.1 of
	// 1.4 s at 1 M rows).
	csv.onProgress?.({ phase: 'stage', done: 0, total });
	await connection.run(`CREATE OR REPLACE TEMP TABLE staged AS
		WITH j AS (
			SELECT r.line, k.kid AS key_id, un.uid AS unit_id, t.id AS text_id, k.max_points,
			       CASE WHEN r.score = '' THEN NULL
			            WHEN sc.raw IS NULL THEN replace(r.score, ',', '.')::DOUBLE
			            ELSE sc.value END AS score,
			       coalesce(sc.bad, 0) AS score_bad,
			       rk.rank AS published_rank, rk.rank_bad, rk.rank_of AS published_n,
			       k.bad + un.bad + rk.rank_bad + rk.rank_of_bad + t.bad AS lookup_bad,
			       CASE WHEN k.bad > 0 THEN ${BLANK.replace(/"(\w+)"/g, 'r."$1"')} ELSE false END AS blank
			  FROM (${numbered}) r
			  LEFT JOIN lk_key k ON k.raw_index = r."index" AND k.raw_component = r.component AND k.raw_year = r.year
			  LEFT JOIN lk_unit un ON un.raw = r.unit AND un.raw_year = r.year
			  ${await lookupJoin(connection, 'lk_rank rk', 'rk.raw = r.rank AND rk.raw_of = r.rank_of')}
			  ${await lookupJoin(connection, 'lk_text t', 't.raw_value_type = r.value_type AND t.raw_source = r.source AND t.raw_note = r.note')}
			  ${await lookupJoin(connection, 'lk_score sc', 'sc.raw = r.score', false)})
		SELECT line::INTEGER AS line, key_id, unit_id, text_id, score, published_rank, published_n,
		       (lookup_bad + score_bad
		        + CASE WHEN score IS NULL AND score_bad = 0 AND published_rank IS NULL AND rank_bad = 0 THEN 1 ELSE 0 END
		        + CASE WHEN score < 0 OR score > max_points THEN 1 ELSE 0 END
		        + CASE WHEN published_rank > published_n THEN 1 ELSE 0 END)::INTEGER AS problems
		  FROM j WHERE NOT blank`);
	// A row with a problem has no resolved key or unit: the view shows the rows that have both (the only ones ever committed).
	await connection.run(`CREATE OR REPLACE TEMP VIEW staging AS
		SELECT s.line, k.index_id, k.year, un.unit_code, k.component_id, s.score, s.published_rank, s.published_n,
		       t.value_type, t.source, t.note, NULL::INTEGER AS rank_min, NULL::INTEGER AS rank_max, NULL::DOUBLE AS score_min,
		       NULL::DOUBLE AS score_max, NULL::VARCHAR AS bound_group, NULL::VARCHAR AS "column", s.problems
		  FROM staged s JOIN staged_keys k ON k.kid = s.key_id JOIN staged_units un ON un.uid = s.unit_id JOIN lk_text t ON t.id = s.text_id`);
	csv.onProgress?.({ phase: 'stage', done: total, total });

	const [counts] = await rowsOn<{ rows: number; problems: number; pairs: number; units: number }>(
		connection,
		`SELECT count(*)::DOUBLE AS rows, coalesce(sum(problems), 0)::DOUBLE AS problems,
		        (SELECT count(*) FROM staged_keys) * (SELECT count(*) FROM staged_units)::DOUBLE AS pairs,
		        (SELECT count(*) FROM staged_units)::DOUBLE AS units FROM staged`
	);
	// Without a problem so far, the raw text (600 MB of a 5 M-row file) is freed
	// before the duplicate check and the commit; it is read again in the rare
	// case that duplicates are found and must be worded.
	if (counts.problems === 0) await connection.run('DROP TABLE temp.raw');
	await connection.run('DROP TABLE temp.value_groups');

	// Duplicated keys among rows without another problem (the row path checks
	// keys only on such rows): one id a resolved (index, year, component) and
	// one a unit, however the file spelled them, so two integers tell. Usually
	// there are none, which a bitmap of the (key, unit) pairs the file can hold
	// shows in one pass (5 M rows: a bit each, instead of a hash table of 5 M
	// groups); the rows are looked for only when it holds fewer pairs than rows.
	const suspected =
		counts.pairs > DUPLICATE_BITMAP_MAX ||
		(
			await rowsOn<{ rows: number; pairs: number }>(
				connection,
				`SELECT count(*)::DOUBLE AS rows,
				        coalesce(bit_count(bitstring_agg((key_id - 1)::BIGINT * ${counts.units} + unit_id - 1, 0, ${Math.max(counts.pairs - 1, 0)})), 0)::DOUBLE AS pairs
				   FROM staged WHERE problems = 0`
			)
		).some((r) => r.pairs < r.rows);
	await connection.run(
		suspected
			? `CREATE OR REPLACE TEMP TABLE duplicates AS
				WITH suspects AS (
					SELECT key_id, unit_id FROM staged WHERE problems = 0 GROUP BY key_id, unit_id HAVING count(*) > 1)
				SELECT line, other FROM (
					SELECT line, first_value(line) OVER (PARTITION BY key_id, unit_id ORDER BY line) AS other
					  FROM staged WHERE problems = 0 AND (key_id, unit_id) IN (SELECT (key_id, unit_id) FROM suspects))
				 WHERE line <> other`
			: 'CREATE OR REPLACE TEMP TABLE duplicates (line INTEGER, other INTEGER)'
	);
	const [{ duplicates }] = await rowsOn<{ duplicates: number }>(connection, 'SELECT count(*)::DOUBLE AS duplicates FROM duplicates');
	const found = counts.problems + duplicates;
	if (found > 0) {
		if (counts.problems === 0) await readRaw();
		throw new ImportError(capProblems(await firstProblems(connection, numbered, csv, { ...ctx, units: await ctx.units() }), found, ctx));
	}
	await connection.run('DROP TABLE IF EXISTS temp.raw');
	return counts.rows;
}

/**
 * The join of the rows to a lookup (`table alias`) on `on`. A `complete`
 * lookup holds every value the file has, so one of one entry holds the value
 * (or combination) that every row has, and every row gets it without a
 * comparison. One of none (lk_score, which holds only the scores that are not
 * plain decimals) gives every row NULLs. Columns a file leaves uniform (rank,
 * source, note, value type) are the usual case (issue 16: each join compared
 * up to three texts on every row).
 */
async function lookupJoin(connection: DuckDBConnection, table: string, on: string, complete = true): Promise<string> {
	const [{ entries }] = await rowsOn<{ entries: number }>(connection, `SELECT count(*)::INTEGER AS entries FROM (SELECT 1 FROM ${table.split(' ')[0]} LIMIT 2)`);
	if (complete && entries === 1) return `CROSS JOIN ${table}`;
	return `LEFT JOIN ${table} ON ${entries === 0 ? 'false' : on}`;
}

/** The most (key, unit) pairs a file's duplicate bitmap covers (16 MB); beyond it the rows are grouped. */
const DUPLICATE_BITMAP_MAX = 2 ** 27;

/** A row of empty cells, skipped as the row path skips it (it still counts as a line). */
const BLANK = FIGURE_COLUMNS.map((c) => `trim(${ident(c)}) = ''`).join(' AND ');

/** The raw rows with their line as a spreadsheet shows it (header = 1, blank lines counted). */
function numberedRows(shifted: boolean): string {
	const line = shifted ? 'f.rowid + 2 + coalesce(s.shift, 0)' : 'f.rowid + 2';
	const from = shifted ? 'raw f ASOF LEFT JOIN line_shifts s ON f.rowid >= s.ordinal' : 'raw f';
	return `SELECT ${line} AS line, ${FIGURE_COLUMNS.map((c) => `f.${ident(c)}`).join(', ')} FROM ${from}`;
}

/** Appends rows to a table through DuckDB's appender; `add` gets each row's 0-based position, its id where the table has one. */
async function append<T>(connection: DuckDBConnection, table: string, rows: Iterable<T>, add: (a: DuckDBAppender, row: T, position: number) => void) {
	const appender = await connection.createAppender(table, 'main', 'temp');
	let position = 0;
	for (const row of rows) {
		add(appender, row, position++);
		appender.endRow();
	}
	appender.flushSync();
	appender.closeSync();
}

/**
 * Runs the distinct values (and combinations the rules need together) through
 * the row validator's rules and loads the answers into lookup tables; `bad` is
 * the number of problems a value brings to its row. Then gives each resolved
 * (index, year, component) and each unit one integer id (`staged_keys`,
 * `staged_units`), however many spellings the file used for it.
 */
async function buildLookups(connection: DuckDBConnection, ctx: BulkContext): Promise<void> {
	// GROUPING(...) has one bit a column, the first the highest; 0 when the column is in the set.
	const bits = ['i', 'y', 'u', 'c', 'vt', 'rk', 'rn', 'src', 'nt', 'sc'];
	const maskOf = (...columns: string[]) => bits.reduce((m, b, k) => (columns.includes(b) ? m : m | (1 << (bits.length - 1 - k))), 0);
	const text = (v: unknown) => v as string;
	const maxYear = maxYearOf(ctx);
	const yearOf = (raw: string) => {
		const parsed = parseCell('year', raw);
		return parsed.ok ? parsed.value : undefined;
	};
	const ok = (b: boolean) => (b ? 0 : 1);
	const nullable = (a: DuckDBAppender, v: string | number | null | undefined, kind: 'text' | 'int' | 'double') => {
		if (v === null || v === undefined) a.appendNull();
		else if (kind === 'text') a.appendVarchar(String(v));
		else if (kind === 'int') a.appendInteger(Number(v));
		else a.appendDouble(Number(v));
	};

	await connection.run(`
		CREATE OR REPLACE TEMP TABLE lk_key (id INTEGER, raw_index VARCHAR, raw_component VARCHAR, raw_year VARCHAR,
			index_id VARCHAR, year INTEGER, component_id VARCHAR, max_points DOUBLE, bad INTEGER);
		CREATE OR REPLACE TEMP TABLE lk_unit (id INTEGER, raw VARCHAR, raw_year VARCHAR, unit_code VARCHAR, bad INTEGER);
		CREATE OR REPLACE TEMP TABLE lk_rank (raw VARCHAR, raw_of VARCHAR, rank INTEGER, rank_bad INTEGER, rank_of INTEGER, rank_of_bad INTEGER);
		CREATE OR REPLACE TEMP TABLE lk_text (id INTEGER, raw_value_type VARCHAR, raw_source VARCHAR, raw_note VARCHAR,
			value_type VARCHAR, source VARCHAR, note VARCHAR, bad INTEGER);
		CREATE OR REPLACE TEMP TABLE lk_score (raw VARCHAR, value DOUBLE, bad INTEGER);`);

	// A unit cell that is a unit's code as it stands (printable ASCII, so trim and
	// NFC leave it alone) with a plain four-digit year the unit existed in: what
	// UnitMatcher.match answers (the code first, then the year's validity, as
	// unitValidInYear compares ISO dates), decided in SQL. Every other pair,
	// names above all, goes through the matcher below.
	const unitMask = maskOf('u', 'y');
	await connection.run(`INSERT INTO lk_unit
		SELECT (row_number() OVER () - 1)::INTEGER, g.u, g.y, u.code, 0
		  FROM value_groups g JOIN units u ON u.code = g.u
		 WHERE g.g = ${unitMask} AND regexp_full_match(g.u, '[!-~]+') AND regexp_full_match(g.y, '[1-9][0-9]{3}')
		   AND ${unitExistsInYear('u', 'g.y::INTEGER')}`);
	const groups = await rowsOn(
		connection,
		`SELECT g.* FROM value_groups g
		  WHERE g.g <> ${unitMask} OR NOT EXISTS (SELECT 1 FROM lk_unit l WHERE l.raw = g.u AND l.raw_year = g.y)`
	);
	const setOf = (...columns: string[]) => groups.filter((r) => r.g === maskOf(...columns));

	// index, component and year: the component is looked up in the index, and checked against the year.
	await append(connection, 'lk_key', setOf('i', 'c', 'y'), (a, r, id) => {
		const indexCell = parseCell('index', text(r.i));
		const resolved = indexCell.ok ? resolveIndex(ctx.indices, indexCell.value) : null;
		const index = resolved && 'index' in resolved ? resolved.index : undefined;
		const yearCell = parseCell('year', text(r.y));
		const yearBad = ok(yearCell.ok && checkYearRange(yearCell.value, maxYear) === null);
		const componentCell = parseCell('component', text(r.c));
		const { component, finding } = index && componentCell.ok ? resolveComponent(ctx.components, index, componentCell.value, yearOf(text(r.y))) : {};
		a.appendInteger(id);
		a.appendVarchar(text(r.i));
		a.appendVarchar(text(r.c));
		a.appendVarchar(text(r.y));
		nullable(a, index?.id, 'text');
		nullable(a, yearCell.ok ? yearCell.value : null, 'int');
		nullable(a, finding ? null : component?.id, 'text');
		nullable(a, component?.maxPoints, 'double');
		a.appendInteger(ok(index !== undefined) + yearBad + (finding ? 1 : 0) + ok(componentCell.ok));
	});
	const namedUnits = setOf('u', 'y');
	if (namedUnits.length > 0) {
		const matcher = await ctx.units();
		const [{ first }] = await rowsOn<{ first: number }>(connection, 'SELECT count(*)::INTEGER AS first FROM lk_unit');
		await append(connection, 'lk_unit', namedUnits, (a, r, position) => {
			const parsed = parseCell('unit', text(r.u));
			const resolved = parsed.ok ? resolveUnit(matcher, parsed.value, yearOf(text(r.y))) : null;
			a.appendInteger(first + position);
			a.appendVarchar(text(r.u));
			a.appendVarchar(text(r.y));
			nullable(a, resolved && 'unit' in resolved ? resolved.unit.code : null, 'text');
			a.appendInteger(ok(resolved !== null && 'unit' in resolved));
		});
	}
	await append(connection, 'lk_rank', setOf('rk', 'rn'), (a, r) => {
		const rank = parseCell('rank', text(r.rk));
		const rankOf = parseCell('rank_of', text(r.rn));
		a.appendVarchar(text(r.rk));
		a.appendVarchar(text(r.rn));
		nullable(a, rank.ok ? rank.value : null, 'int');
		a.appendInteger(ok(rank.ok));
		nullable(a, rankOf.ok ? rankOf.value : null, 'int');
		a.appendInteger(ok(rankOf.ok));
	});
	await append(connection, 'lk_text', setOf('vt', 'src', 'nt'), (a, r, id) => {
		const valueType = parseCell('value_type', text(r.vt));
		const source = parseCell('source', text(r.src));
		const note = parseCell('note', text(r.nt));
		a.appendInteger(id);
		a.appendVarchar(text(r.vt));
		a.appendVarchar(text(r.src));
		a.appendVarchar(text(r.nt));
		nullable(a, valueType.ok ? valueType.value : null, 'text');
		nullable(a, source.ok ? source.value : null, 'text');
		nullable(a, note.ok ? note.value : null, 'text');
		a.appendInteger(ok(valueType.ok) + ok(source.ok) + ok(note.ok));
	});
	// Scores that are not a plain decimal as they stand (rare: white space around,
	// or not a number): the row path's parser decides.
	await append(connection, 'lk_score', setOf('sc').filter((r) => r.sc !== null), (a, r) => {
		const parsed = parseCell('score', text(r.sc));
		a.appendVarchar(text(r.sc));
		nullable(a, parsed.ok ? parsed.value : null, 'double');
		a.appendInteger(ok(parsed.ok));
	});

	// One id a resolved key and one a unit (NULL where the value has a problem). The
	// condition on `bad` stays out of the joins: there it makes DuckDB compare every pair.
	for (const sql of [
		`CREATE OR REPLACE TEMP TABLE staged_keys AS
			SELECT row_number() OVER (ORDER BY index_id, year, component_id)::INTEGER AS kid, index_id, year, component_id
			  FROM (SELECT DISTINCT index_id, year, component_id FROM lk_key WHERE bad = 0)`,
		`CREATE OR REPLACE TEMP TABLE lk_key AS
			SELECT k.*, CASE WHEN k.bad = 0 THEN sk.kid END AS kid FROM lk_key k
			  LEFT JOIN staged_keys sk ON sk.index_id = k.index_id AND sk.year = k.year AND sk.component_id = k.component_id`,
		`CREATE OR REPLACE TEMP TABLE staged_units AS
			SELECT row_number() OVER (ORDER BY unit_code)::INTEGER AS uid, unit_code
			  FROM (SELECT DISTINCT unit_code FROM lk_unit WHERE bad = 0)`,
		`CREATE OR REPLACE TEMP TABLE lk_unit AS
			SELECT l.*, CASE WHEN l.bad = 0 THEN su.uid END AS uid FROM lk_unit l LEFT JOIN staged_units su ON su.unit_code = l.unit_code`
	]) {
		await connection.run(sql);
	}
}

/** The first MAX_PROBLEMS problems, found again by the row validator on the rows SQL flagged. */
async function firstProblems(connection: DuckDBConnection, numbered: string, csv: BulkCsv, ctx: ValidationContext): Promise<ImportProblem[]> {
	const flagged = await rowsOn(
		connection,
		`WITH bad AS (
			SELECT line, NULL::INTEGER AS other FROM staged WHERE problems > 0
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
