/**
 * Loading the reference data shipped as CSV in data/reference/ (units, aliases,
 * the index catalogue, plans) into the database, on the caller's connection
 * and transaction: set-up and migrations. It imports nothing from db.ts, so
 * the migration runner can use it without an import cycle; reading the
 * reference back is reference.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parseCsv } from './import/read-csv.ts';
import { UnitMatcher } from '../domain/unit-names.ts';
import { parseAggregationRules } from '../domain/aggregation.ts';

/** Who the shipped plans are recorded as entered by (migration 9 writes the same words). */
export const SHIPPED_PLANS_BY = 'chiso (data/reference/plans.csv)';

/** The folder of shipped data: `CHISO_DATA`, else `data/` under the working directory. */
export function dataDir(): string {
	return path.resolve(process.env.CHISO_DATA ?? 'data');
}

/** The rows of the data/reference/ file `name`, as text cells by column name. */
export function readReference(name: string): Record<string, string | undefined>[] {
	const text = fs.readFileSync(path.join(dataDir(), 'reference', name), 'utf8');
	return parseCsv(text).rows.map((r) => r.cells);
}

const orNull = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());
const numOrNull = (v: string | undefined) => (orNull(v) === null ? null : Number(v));

/**
 * Appends rows of text to a TEMP table of VARCHAR columns (DuckDB's appender),
 * for an `INSERT … SELECT` with casts: one statement instead of one per row,
 * so a nationwide list of 10,000 communes loads in a moment (issue #8).
 */
async function tempTextTable(connection: DuckDBConnection, name: string, rows: (string | null)[][], columns: string[]) {
	await connection.run(`CREATE OR REPLACE TEMP TABLE ${name} (${columns.map((c) => `${c} VARCHAR`).join(', ')})`);
	const appender = await connection.createAppender(name, 'main', 'temp');
	for (const row of rows) {
		for (const v of row) {
			if (v === null) appender.appendNull();
			else appender.appendVarchar(v);
		}
		appender.endRow();
	}
	appender.flushSync();
	appender.closeSync();
}

const UNIT_COLUMNS = [
	'code', 'name_vi', 'name_ascii', 'cohort', 'region_vi', 'region_en', 'valid_from', 'valid_to', 'successor_code', 'source',
	'kind', 'seat_code', 'region_basis'
];

/** data/reference/units.csv and unit-aliases.csv as TEMP tables of text (`units_csv`, `unit_aliases_csv`). */
async function stageUnitReference(connection: DuckDBConnection): Promise<void> {
	await tempTextTable(
		connection,
		'units_csv',
		readReference('units.csv').map((u) => UNIT_COLUMNS.map((c) => (c === 'code' || c === 'name_vi' || c === 'cohort' ? u[c]! : orNull(u[c])))),
		UNIT_COLUMNS
	);
	await tempTextTable(
		connection,
		'unit_aliases_csv',
		readReference('unit-aliases.csv').map((a) => [a.alias!, a.unit_code!, orNull(a.source)]),
		['alias', 'unit_code', 'source']
	);
}

/**
 * Brings a database made before migration 11 up to data/reference (issue 12):
 * each unit's kind, the predecessor holding a 2025 unit's seat, regions of the
 * 2025 units and how they were decided, Huế's name as a city, and the aliases
 * it lacks. Figures are untouched; a database without units is left to
 * `loadReferenceData`.
 */
export async function refreshUnitReference(connection: DuckDBConnection): Promise<void> {
	const reader = await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM units');
	if (Number(reader.getRowObjectsJS()[0].n) === 0) return;
	await stageUnitReference(connection);
	await connection.run(
		`UPDATE units SET name_vi = c.name_vi, name_ascii = c.name_ascii, region_vi = c.region_vi, region_en = c.region_en,
		        source = c.source, kind = c.kind, seat_code = c.seat_code, region_basis = c.region_basis
		   FROM temp.units_csv c WHERE c.code = units.code`
	);
	await connection.run(
		`INSERT INTO unit_aliases
		 SELECT alias, unit_code, first(source ORDER BY rowid) FROM temp.unit_aliases_csv a
		  WHERE NOT EXISTS (SELECT 1 FROM unit_aliases x WHERE x.alias = a.alias AND x.unit_code = a.unit_code)
		  GROUP BY alias, unit_code ORDER BY min(rowid)`
	);
	await connection.run('DROP TABLE temp.units_csv; DROP TABLE temp.unit_aliases_csv');
}

/** Loads data/reference into the (empty) reference tables, on the caller's transaction. */
export async function loadReferenceData(connection: DuckDBConnection): Promise<void> {
	await stageUnitReference(connection);
	await connection.run(
		`INSERT INTO units (${UNIT_COLUMNS.join(', ')})
		 SELECT code, name_vi, name_ascii, cohort, region_vi, region_en, valid_from::DATE, valid_to::DATE,
		        successor_code, source, kind, seat_code, region_basis FROM temp.units_csv`
	);
	// INSERT OR IGNORE kept the first of two identical (alias, unit) lines.
	await connection.run(
		`INSERT INTO unit_aliases SELECT alias, unit_code, first(source ORDER BY rowid) FROM temp.unit_aliases_csv GROUP BY alias, unit_code ORDER BY min(rowid)`
	);
	await connection.run('DROP TABLE temp.units_csv; DROP TABLE temp.unit_aliases_csv');
	for (const i of readReference('indices.csv')) {
		await connection.run(
			`INSERT INTO indices (id, slug, short_vi, short_en, name_vi, name_en, publisher_vi, publisher_en, cohort,
			                      publishes_ranks, max_total, first_year, source)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`, [
			i.id!, i.slug!, i.short_vi!, i.short_en!, i.name_vi!, i.name_en!, orNull(i.publisher_vi), orNull(i.publisher_en),
			i.cohort!, i.publishes_ranks === 'true', numOrNull(i.max_total), numOrNull(i.first_year), orNull(i.source)
		]);
	}
	for (const c of readReference('components.csv')) {
		await connection.run(
			'INSERT INTO components VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, $10, $11)',
			[c.index!, c.id!, Number(c.sort_order), c.name_vi!, c.name_en!, numOrNull(c.max_points), numOrNull(c.weight_pct),
				numOrNull(c.year_from), numOrNull(c.year_to), orNull(c.source), orNull(c.note)]
		);
	}
	const matcher = new UnitMatcher(
		readReference('units.csv').map((u) => ({
			code: u.code!, nameVi: u.name_vi!, nameAscii: orNull(u.name_ascii), cohort: u.cohort!,
			validFrom: orNull(u.valid_from), validTo: orNull(u.valid_to)
		})),
		readReference('unit-aliases.csv').map((a) => ({ alias: a.alias!, unitCode: a.unit_code! }))
	);
	for (const p of readReference('plans.csv')) {
		const match = matcher.match(p.unit!, Number(p.baseline_year));
		if (!match.ok) throw new Error(`plans.csv: unknown unit ${p.unit}`);
		await connection.run(
			`INSERT INTO plans (id, version, action, unit_code, indices, kind, baseline_year, first_step, yearly_step, horizon,
			                    target_rank, issued_by, document, issued_on, source, default_rule, entered_by)
			 VALUES ($1, 1, 'added', $2, string_split($3, '|'), $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
			[
				p.plan_id!, match.unit.code, p.indices!, p.kind!, Number(p.baseline_year), numOrNull(p.first_step),
				numOrNull(p.yearly_step), Number(p.horizon), numOrNull(p.target_rank), orNull(p.issued_by), orNull(p.document),
				orNull(p.date), orNull(p.source), p.default_rule === 'yes', SHIPPED_PLANS_BY
			]
		);
	}
}

/**
 * Loads what the import needs beyond migration 1's reference data: the total
 * rules of data/reference/indices.csv and data/reference/component-aliases.csv.
 * Run on the caller's transaction when the alias table is empty, which is also
 * the case of a database built before migration 2.
 */
export async function loadImportReference(connection: DuckDBConnection): Promise<void> {
	for (const i of readReference('indices.csv')) {
		await connection.run('UPDATE indices SET total_rule = $1 WHERE id = $2', [orNull(i.total_rule), i.id!]);
	}
	for (const a of readReference('component-aliases.csv')) {
		await connection.run('INSERT INTO component_aliases VALUES ($1, $2, $3, $4, $5)', [
			a.index!, a.alias!.normalize('NFC'), orNull(a.component), a.role!, orNull(a.source)
		]);
	}
}

/**
 * Loads data/reference/aggregation.csv into `aggregation_rules` (migration 15),
 * on the caller's transaction. A data folder without the file (the synthetic
 * ones of the load tests and benchmarks) has no rules: its what-if pages offer
 * the total alone.
 */
export async function loadAggregationRules(connection: DuckDBConnection): Promise<void> {
	await connection.run('DELETE FROM aggregation_rules');
	if (!fs.existsSync(path.join(dataDir(), 'reference', 'aggregation.csv'))) return;
	const rules = parseAggregationRules(readReference('aggregation.csv'));
	for (const r of rules) {
		await connection.run(
			`INSERT INTO aggregation_rules VALUES ($1, $2, $3, $4, $5, string_split($6, '|'), $7, $8, $9, $10)`,
			[r.indexId, r.yearFrom, r.yearTo, r.kind, r.scale, r.componentIds.join('|'), r.checkedVi, r.checkedEn, r.source, r.note]
		);
	}
}

/** Brings the names of the stored components up to data/reference/components.csv (figures untouched). */
export async function refreshComponentNames(connection: DuckDBConnection): Promise<void> {
	for (const c of readReference('components.csv')) {
		await connection.run('UPDATE components SET name_vi = $1, name_en = $2 WHERE index_id = $3 AND id = $4', [c.name_vi!, c.name_en!, c.index!, c.id!]);
	}
}
