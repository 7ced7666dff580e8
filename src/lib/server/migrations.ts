/**
 * Versioned schema migrations, applied in order at open. A migration never
 * changes once shipped: add a new one. Foreign keys are left out on purpose:
 * DuckDB checks them eagerly and would block `undo` and re-imports.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { refreshAllRanks } from './queries/rank-refresh.ts';
import { loadAggregationRules, refreshComponentNames, refreshUnitReference } from './reference-load.ts';

interface Migration {
	version: number;
	name: string;
	/** Schema changes; none for a migration that only brings reference rows up to data/reference. */
	sql?: string;
	/** Work after the SQL, in the same transaction (filling a new table from existing data). */
	then?: (connection: DuckDBConnection) => Promise<void>;
}

/** A figure's columns as migration 1 created them; migration 6 rebuilt the table with the same ones, in the same order.
 * Shipped migrations read these texts: never edit them (a new column is a new migration). */
const OBSERVATION_COLUMNS = `	index_id VARCHAR NOT NULL,
	year INTEGER NOT NULL,
	unit_code VARCHAR NOT NULL,
	component_id VARCHAR NOT NULL,
	score DOUBLE,
	published_rank INTEGER,
	published_n INTEGER,
	value_type VARCHAR NOT NULL,
	source VARCHAR,
	note VARCHAR,
	batch_id INTEGER NOT NULL`;

/** The leading columns of ranked_figures, the same in migration 7 and in migration 8's rebuild. */
const RANKED_FIGURE_COLUMNS = `	uid INTEGER NOT NULL,
	pid INTEGER NOT NULL,
	score DOUBLE,
	published_rank INTEGER,
	computed_rank INTEGER,
	rank INTEGER,
	n INTEGER,`;

/** Migration 10's bound columns, added alike to a table of figures and to its history. */
const addBoundColumns = (table: string) =>
	[['rank_min', 'INTEGER'], ['rank_max', 'INTEGER'], ['score_min', 'DOUBLE'], ['score_max', 'DOUBLE'], ['bound_group', 'VARCHAR']]
		.map(([column, type]) => `ALTER TABLE ${table} ADD COLUMN ${column} ${type};`)
		.join('\n');

export const MIGRATIONS: Migration[] = [
	{
		version: 1,
		name: 'initial schema',
		sql: `
CREATE TABLE units (
	code VARCHAR PRIMARY KEY,
	name_vi VARCHAR NOT NULL,
	name_ascii VARCHAR,
	cohort VARCHAR NOT NULL,
	region_vi VARCHAR,
	region_en VARCHAR,
	valid_from DATE,
	valid_to DATE,
	successor_code VARCHAR,
	source VARCHAR
);
CREATE TABLE unit_aliases (
	alias VARCHAR NOT NULL,
	unit_code VARCHAR NOT NULL,
	source VARCHAR,
	PRIMARY KEY (alias, unit_code)
);
CREATE TABLE indices (
	id VARCHAR PRIMARY KEY,
	slug VARCHAR NOT NULL UNIQUE,
	short_vi VARCHAR NOT NULL,
	short_en VARCHAR NOT NULL,
	name_vi VARCHAR NOT NULL,
	name_en VARCHAR NOT NULL,
	publisher_vi VARCHAR,
	publisher_en VARCHAR,
	cohort VARCHAR NOT NULL,
	publishes_ranks BOOLEAN NOT NULL,
	max_total DOUBLE,
	first_year INTEGER,
	source VARCHAR
);
CREATE TABLE components (
	index_id VARCHAR NOT NULL,
	id VARCHAR NOT NULL,
	sort_order INTEGER NOT NULL,
	name_vi VARCHAR NOT NULL,
	name_en VARCHAR NOT NULL,
	max_points DOUBLE,
	weight_pct DOUBLE,
	year_from INTEGER,
	year_to INTEGER,
	higher_is_better BOOLEAN NOT NULL DEFAULT true,
	source VARCHAR,
	note VARCHAR,
	PRIMARY KEY (index_id, id)
);
CREATE SEQUENCE batch_ids START 1;
CREATE TABLE import_batches (
	id INTEGER PRIMARY KEY DEFAULT nextval('batch_ids'),
	file_name VARCHAR NOT NULL,
	sha256 VARCHAR NOT NULL,
	sheet VARCHAR,
	mapping JSON,
	rows_total INTEGER NOT NULL,
	rows_new INTEGER NOT NULL,
	rows_changed INTEGER NOT NULL,
	rows_unchanged INTEGER NOT NULL,
	source VARCHAR,
	imported_by VARCHAR NOT NULL,
	imported_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	status VARCHAR NOT NULL DEFAULT 'committed'
);
CREATE TABLE observations (
${OBSERVATION_COLUMNS},
	PRIMARY KEY (index_id, year, unit_code, component_id)
);
-- What an import replaced, so that undo can put it back.
CREATE TABLE observation_history (
	replaced_by_batch INTEGER NOT NULL,
${OBSERVATION_COLUMNS}
);
CREATE TABLE plans (
	id VARCHAR NOT NULL,
	index_id VARCHAR NOT NULL,
	unit_code VARCHAR NOT NULL,
	kind VARCHAR NOT NULL,
	baseline_year INTEGER,
	first_step INTEGER,
	yearly_step INTEGER,
	horizon INTEGER NOT NULL,
	target_rank INTEGER,
	issued_by VARCHAR,
	document VARCHAR,
	issued_on VARCHAR,
	source VARCHAR,
	PRIMARY KEY (id, index_id)
);`
	},
	{
		version: 2,
		name: 'import: total rules, component aliases, mapping presets',
		sql: `
-- How an index's total follows from its components when a file has none (data/reference/indices.csv).
ALTER TABLE indices ADD COLUMN total_rule VARCHAR;
-- Column headers of published tables and the component they hold (data/reference/component-aliases.csv).
CREATE TABLE component_aliases (
	index_id VARCHAR NOT NULL,
	alias VARCHAR NOT NULL,
	component_id VARCHAR,
	role VARCHAR NOT NULL,
	source VARCHAR,
	PRIMARY KEY (index_id, alias)
);
-- Mappings of wide tables saved by name, reused for next year's file.
CREATE TABLE mapping_presets (
	name VARCHAR PRIMARY KEY,
	index_id VARCHAR,
	mapping JSON NOT NULL,
	saved_by VARCHAR NOT NULL,
	saved_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);`
	},
	{
		version: 3,
		name: 'accounts, sessions and sign-in attempts',
		sql: `
CREATE TABLE users (
	name VARCHAR PRIMARY KEY,
	role VARCHAR NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
	-- scrypt$N$r$p$salt$hash (base64): the parameters travel with the hash, so they can be raised later.
	password_hash VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL
);
-- Only the SHA-256 of a session token is stored: a copy of the database signs nobody in.
CREATE TABLE sessions (
	token_hash VARCHAR PRIMARY KEY,
	user_name VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL,
	last_seen_at TIMESTAMP NOT NULL,
	expires_at TIMESTAMP NOT NULL,
	revoked_at TIMESTAMP
);
CREATE TABLE signin_attempts (
	user_name VARCHAR NOT NULL,
	ip VARCHAR NOT NULL,
	attempted_at TIMESTAMP NOT NULL,
	ok BOOLEAN NOT NULL
);`
	},
	{
		version: 4,
		name: 'default plan rule',
		// The rule any unit without a plan of its own is judged by (the directive's B, S, H).
		sql: `
ALTER TABLE plans ADD COLUMN default_rule BOOLEAN DEFAULT false;
UPDATE plans SET default_rule = true WHERE id = 'kontum-2023-2030';`
	},
	{
		version: 5,
		name: 'settings',
		// `shipped_data`: pending (import the shipped figures), loaded, or declined (`init --empty`).
		sql: `CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);`
	},
	{
		version: 6,
		name: 'observations without a primary key',
		// The PRIMARY KEY's ART index cost five times the read of a large import (issue #8).
		// Keys stay unique because the import pipeline is the only writer: it refuses
		// duplicated keys in a file, replaces a changed figure by DELETE then INSERT, and
		// inserts only keys not stored (ANTI JOIN); undo restores what a batch replaced.
		// DuckDB cannot drop a constraint, so the table is rebuilt, columns in the same
		// order (\`INSERT INTO observations SELECT …\` relies on it).
		sql: `
CREATE TABLE observations_v6 (
${OBSERVATION_COLUMNS}
);
INSERT INTO observations_v6 SELECT * FROM observations;
DROP TABLE observations;
ALTER TABLE observations_v6 RENAME TO observations;`
	},
	{
		version: 7,
		name: 'materialised ranks',
		// What queries/ranks.ts decides, stored so that pages read ranks instead of
		// recomputing them over every figure (issue 8: 7.5 M figures for communes).
		// No keys: the tables are rewritten by partition, never updated by key.
		sql: `
CREATE TABLE ranking_partitions (
	pid INTEGER NOT NULL,
	index_id VARCHAR NOT NULL,
	year INTEGER NOT NULL,
	component_id VARCHAR NOT NULL,
	cohort VARCHAR NOT NULL,
	cohort_units INTEGER NOT NULL,
	scored_units INTEGER NOT NULL,
	covered BOOLEAN NOT NULL,
	published_n INTEGER,
	median DOUBLE,
	min DOUBLE,
	max DOUBLE,
	batch_ids INTEGER[] NOT NULL
);
CREATE TABLE ranked_units (uid INTEGER NOT NULL, code VARCHAR NOT NULL);
CREATE TABLE ranked_figures (
${RANKED_FIGURE_COLUMNS}
	value_type VARCHAR NOT NULL,
	source VARCHAR,
	note VARCHAR,
	batch_id INTEGER NOT NULL
);
-- The totals again, in ranking order: a year's ranking is read without a pass over every figure.
CREATE TABLE ranked_totals AS SELECT * FROM ranked_figures WITH NO DATA;`
		// Filled by migration 8, which rebuilds these tables in today's shape.
	},
	{
		version: 8,
		name: 'ranked figures without text',
		// A figure's value type, source and note (the same few combinations for
		// thousands of figures) move to a small dictionary: the rank refresh sorts
		// 7.5 M rows twice, and every byte carried through those sorts counts (issue #8).
		sql: `
CREATE TABLE ranked_texts (tid INTEGER NOT NULL, value_type VARCHAR NOT NULL, source VARCHAR, note VARCHAR);
DROP TABLE ranked_figures;
DROP TABLE ranked_totals;
CREATE TABLE ranked_figures (
${RANKED_FIGURE_COLUMNS}
	tid INTEGER NOT NULL,
	batch_id INTEGER NOT NULL
);
CREATE TABLE ranked_totals AS SELECT * FROM ranked_figures WITH NO DATA;`,
		then: refreshAllRanks
	},
	{
		version: 9,
		name: 'plans in versions',
		// Plans that leaders enter and change (issue 12): a change or a retirement
		// adds a version and never rewrites one, so the history of a plan is its
		// rows in version order and the plan in force is its latest version unless
		// that one retires it. A version holds all of the plan's indices, as the
		// document names them together. Rebuilt because DuckDB cannot change a
		// primary key.
		sql: `
CREATE TABLE plans_v9 (
	id VARCHAR NOT NULL,
	version INTEGER NOT NULL,
	action VARCHAR NOT NULL CHECK (action IN ('added', 'changed', 'retired')),
	unit_code VARCHAR NOT NULL,
	indices VARCHAR[] NOT NULL,
	kind VARCHAR NOT NULL CHECK (kind IN ('rise', 'absolute')),
	baseline_year INTEGER NOT NULL,
	first_step INTEGER,
	yearly_step INTEGER,
	horizon INTEGER NOT NULL,
	target_rank INTEGER,
	issued_by VARCHAR,
	document VARCHAR,
	issued_on VARCHAR,
	source VARCHAR,
	default_rule BOOLEAN NOT NULL DEFAULT false,
	entered_by VARCHAR NOT NULL,
	entered_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	PRIMARY KEY (id, version)
);
INSERT INTO plans_v9
SELECT id, 1, 'added', unit_code, list(index_id ORDER BY index_id), kind, baseline_year, first_step, yearly_step, horizon,
       target_rank, issued_by, document, issued_on, source, coalesce(bool_or(default_rule), false),
       'chiso (data/reference/plans.csv)', current_timestamp
  FROM plans
 GROUP BY id, unit_code, kind, baseline_year, first_step, yearly_step, horizon, target_rank, issued_by, document, issued_on, source;
DROP TABLE plans;
ALTER TABLE plans_v9 RENAME TO plans;`
	},
	{
		version: 10,
		name: 'bounds on observations',
		// A rank or score a source bounds without giving it ("outside the top 30",
		// "above 39.67", "in the lowest group"): stored on the figure's key, so that
		// batches, history and undo carry it as they carry figures (issue 13).
		// A row with neither score nor rank is a bound only; the rank refresh
		// leaves such rows out, so no rank is ever computed from them.
		sql: ['observations', 'observation_history'].map(addBoundColumns).join('\n')
	},
	{
		version: 11,
		name: 'unit kind, seat and region basis',
		// Issue 12: tỉnh or thành phố trực thuộc trung ương as data (findings.ts had a
		// list of codes), the predecessor holding a 2025 unit's seat, and whether a
		// region is GSO's, shared by all predecessors, or the seat's.
		sql: `
ALTER TABLE units ADD COLUMN kind VARCHAR;
ALTER TABLE units ADD COLUMN seat_code VARCHAR;
ALTER TABLE units ADD COLUMN region_basis VARCHAR;`,
		then: refreshUnitReference
	},
	{
		version: 12,
		name: 'audit trail',
		// Issue 17: every write, with who, when (UTC), from which address (NULL:
		// the command line) and what, inserted in the transaction of the change.
		// Only src/lib/server/audit.ts names this table, and only to insert or read.
		sql: `
CREATE SEQUENCE audit_ids START 1;
CREATE TABLE audit_log (
	id BIGINT NOT NULL DEFAULT nextval('audit_ids'),
	happened_at TIMESTAMP NOT NULL,
	actor VARCHAR NOT NULL,
	address VARCHAR,
	kind VARCHAR NOT NULL,
	target VARCHAR,
	detail JSON NOT NULL
);`
	},
	{
		version: 15,
		name: 'aggregation rules',
		// Issue 15: how each index's total follows from its components, per year
		// range (data/reference/aggregation.csv), for the what-if simulator. Filled
		// here, so a database of any age gets the rules the release ships.
		sql: `
CREATE TABLE aggregation_rules (
	index_id VARCHAR NOT NULL,
	year_from INTEGER NOT NULL,
	year_to INTEGER,
	rule VARCHAR NOT NULL CHECK (rule IN ('weighted_sum', 'sum', 'not_reproducible')),
	scale DOUBLE,
	-- Empty: every component of the index valid in the year.
	components VARCHAR[] NOT NULL,
	checked_vi VARCHAR,
	checked_en VARCHAR,
	source VARCHAR NOT NULL,
	note VARCHAR,
	PRIMARY KEY (index_id, year_from)
);`,
		then: loadAggregationRules
	},
	{
		version: 16,
		name: 'component names',
		// The Vietnamese name of PCI's sub-index 8 carried an English note ("(2021 label)"):
		// databases made before take the names of data/reference/components.csv.
		then: refreshComponentNames
	}
];

/** Applies every migration the database has not had yet, in version order, each in its own transaction. */
export async function migrate(connection: DuckDBConnection): Promise<void> {
	await connection.run(
		'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)'
	);
	// Every migration not yet applied, not only those above the highest applied:
	// branches developed side by side may land their migrations out of order.
	const reader = await connection.runAndReadAll('SELECT version FROM schema_migrations');
	const applied = new Set(reader.getRowObjectsJS().map((r) => Number(r.version)));
	const pending = MIGRATIONS.filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version);
	for (const migration of pending) {
		await connection.run('BEGIN TRANSACTION');
		try {
			if (migration.sql) await connection.run(migration.sql);
			await migration.then?.(connection);
			await connection.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
				migration.version,
				migration.name
			]);
			await connection.run('COMMIT');
		} catch (error) {
			await connection.run('ROLLBACK');
			throw error;
		}
	}
}
