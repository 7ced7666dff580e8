/**
 * The stored ranks' writer: the rank rule as SQL, run inside every writer's
 * transaction (imports, undo, migrations, set-up). It takes the writer's
 * connection and imports nothing from db.ts, so the migration runner can use
 * it without an import cycle (db.ts → migrations.ts → here). The readers of
 * what it stores are in ranks.ts.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

/**
 * A computed rank needs (nearly) the whole table: ranking the five provinces a
 * news article happens to name would be meaningless. PAPI leaves one or two
 * provinces out some years (2018, 2022, 2023), hence not 100 %.
 */
export const MIN_COVERAGE_FOR_COMPUTED_RANK = 0.9;

/**
 * SQL condition: unit `u` belongs to the ranking of year `year` (a SQL
 * expression), i.e. it exists on 31 December of that year, as
 * `unitValidInYear` says in TypeScript. The 2025 mergers hinge on it.
 */
export function unitExistsInYear(u: string, year: string): string {
	return `(${u}.valid_from IS NULL OR ${u}.valid_from <= make_date(${year}, 12, 31))
	    AND (${u}.valid_to IS NULL OR ${u}.valid_to >= make_date(${year}, 12, 31))`;
}

/**
 * The figures a refresh ranks: a FROM item aliased `o` with the columns of
 * `observations`, and a condition on it. Usually `observations` itself; for a
 * batch alone in its partitions, the caller's staged copy of it (see `refreshRanks`).
 */
interface Figures {
	from: string;
	scope: string;
	/**
	 * The same figures by integer ids, when the caller holds them so (see `StagedIds`): ranked without joining text keys.
	 * `totalsOnly`: only the totals' partitions (a rank is decided inside its partition, so theirs are the same).
	 */
	ids?: StagedIds & { batch: number; totalsOnly?: boolean };
}

/**
 * A bulk import's staged figures by integer ids (bulk-csv.ts), the relations
 * named: `rows` has `key_id`, `unit_id`, `text_id`, `score`, `published_rank`
 * and `published_n`; `keys` maps `kid` to (`index_id`, `year`,
 * `component_id`), `units` maps `uid` to `unit_code`, `texts` maps `id` to
 * (`value_type`, `source`, `note`). Each map holds a few hundred or thousand
 * rows, so the figures find their partition, unit and text ids through
 * integer joins on small tables instead of text joins on every figure
 * (issue 16: 5 M figures).
 */
export interface StagedIds {
	rows: string;
	keys: string;
	units: string;
	texts: string;
}

/**
 * The rank rule as SQL, materialised in three tables that every writer of
 * `observations` refreshes inside its own transaction (`refreshRanks`,
 * `refreshAllRanks`), so pages read ranks instead of recomputing them over
 * every figure (issue 8: 7.5 M figures for a commune survey):
 *
 * - `ranking_partitions`, one row per (index, year, component, cohort) with a
 *   small integer id: the cohort's size that year, how many units have a
 *   score, whether that is enough to rank them (`covered`: the one 90 % test,
 *   also used by medians and "points needed"), the published N, the median,
 *   minimum and maximum score, and the batches behind them;
 * - `ranked_units`, a small integer id per unit code;
 * - `ranked_figures`, every observation with its rank, computed rank and `n`,
 *   keyed by those two ids and sorted by unit: DuckDB has no B-tree for range
 *   filters, but its zone maps skip every row group a unit's figures are not
 *   in. Integer keys make the full refresh several times cheaper than copying
 *   three text keys per figure;
 * - `ranked_totals`, the totals of `ranked_figures` again, sorted by partition
 *   and rank, for whole rankings (a year's table, distribution, points needed);
 * - `ranked_texts`, a small integer id per (value type, source, note): the
 *   figures carry it through the refresh's two sorts instead of three texts
 *   (a third less work at 7.5 M figures). A partial refresh adds the new ones
 *   and leaves unused ones; a full refresh rebuilds it.
 *
 * Rank source, percentile, the disagreement flag and the rank change (previous
 * − rank, only the year just before) are derived from the stored ranks when
 * read, by `rankedObservations` below: a rank change needs two stored ranks,
 * so an import never has to rewrite the year after the one it touched.
 */
function partitionsSql(figures: Figures, firstId: string, onlyBatch?: number): string {
	const { from, scope } = figures;
	// One batch alone in scope: its id is the list, without a distinct list built over every figure.
	// `list_sort` of a plain DISTINCT list, not an ordered aggregate: the same list, a fifth less CPU at 7.5 M figures.
	const batchIds = onlyBatch === undefined ? 'list_sort(list(DISTINCT o.batch_id))' : `[${Math.trunc(onlyBatch)}]::INTEGER[]`;
	const years = figures.ids ? `SELECT DISTINCT year FROM ${figures.ids.keys}` : `SELECT DISTINCT o.year FROM ${from} WHERE ${scope}`;
	return `WITH cohort_sizes AS (
		SELECT y.year, u.cohort, count(*) AS units
		  FROM (${years}) y, units u
		 WHERE ${unitExistsInYear('u', 'y.year')}
		 GROUP BY ALL
	),
	${figures.ids ? groupedByIds(figures.ids, batchIds) : `grouped AS (
		SELECT o.index_id, o.year, o.component_id, u.cohort, count(o.score) AS scored, max(o.published_n) AS published_n,
		       median(o.score) AS median, min(o.score) AS min, max(o.score) AS max, ${batchIds} AS batch_ids
		  FROM ${from} JOIN units u ON u.code = o.unit_code
		 WHERE ${scope}
		 GROUP BY o.index_id, o.year, o.component_id, u.cohort
	)`},
	partitions AS (
		SELECT g.index_id, g.year, g.component_id, g.cohort,
		       c.units::INTEGER AS cohort_units,
		       g.scored::INTEGER AS scored_units,
		       g.scored >= ${MIN_COVERAGE_FOR_COMPUTED_RANK} * c.units AS covered,
		       g.published_n::INTEGER AS published_n,
		       g.median, g.min, g.max, g.batch_ids
		  -- The cohort's size joined to the few groups, not to every figure before grouping.
		  FROM grouped g JOIN cohort_sizes c ON c.year = g.year AND c.cohort = g.cohort
	)
	SELECT (${firstId} + row_number() OVER (ORDER BY index_id, component_id, year, cohort))::INTEGER AS pid, *
	  FROM partitions`;
}

/**
 * `grouped` of `partitionsSql` for figures held by integer ids: grouped by
 * key id and cohort (each unit id's cohort from a map of the units), the key's
 * texts joined to the few groups afterwards, not to every figure.
 */
function groupedByIds({ rows, keys, units }: NonNullable<Figures['ids']>, batchIds: string): string {
	return `grouped_ids AS (
		SELECT o.key_id, u.cohort, count(o.score) AS scored, max(o.published_n) AS published_n,
		       median(o.score) AS median, min(o.score) AS min, max(o.score) AS max
		  FROM ${rows} o JOIN (SELECT su.uid, u.cohort FROM ${units} su JOIN units u ON u.code = su.unit_code) u ON u.uid = o.unit_id
		 GROUP BY o.key_id, u.cohort
	),
	grouped AS (
		SELECT k.index_id, k.year, k.component_id, g.cohort, g.scored, g.published_n, g.median, g.min, g.max, ${batchIds} AS batch_ids
		  FROM grouped_ids g JOIN ${keys} k ON k.kid = g.key_id
	)`;
}

/**
 * Each observation in scope with its rank, once `ranking_partitions` holds its
 * partition: the published rank where there is one, else the standard
 * competition rank (1, 2, 2, 4) of the score inside the partition, when the
 * partition is covered. `n` is the published N, else the number of units with
 * a score (when covered), else any N published for the partition.
 */
function figuresSql({ from, scope, ids }: Figures, order = FIGURES_ORDER): string {
	// Only the columns kept travel through the window and the sort: every
	// byte moved counts at 7.5 M figures. So the partition's coverage and
	// counts are joined after the rank window, by pid from a table of a few
	// hundred rows (about a tenth less CPU at 7.5 M figures, issue 16); the
	// path by ids takes them from its small key map (measured no faster so).
	const scored = ids ? scoredByIds(ids) : `WITH unit_ids AS (SELECT u.code, u.cohort, ru.uid FROM units u JOIN ranked_units ru USING (code)),
	windowed AS (
		SELECT ui.uid, p.pid, o.score, o.published_rank, o.published_n, t.tid, o.batch_id,
		       ${SCORE_RANK('p.pid', 'o.score')} AS score_rank
		  FROM ${from} JOIN unit_ids ui ON ui.code = o.unit_code
		  JOIN ranking_partitions p ON p.index_id = o.index_id AND p.year = o.year AND p.component_id = o.component_id AND p.cohort = ui.cohort
		  JOIN ranked_texts t ON t.value_type = o.value_type AND t.source IS NOT DISTINCT FROM o.source AND t.note IS NOT DISTINCT FROM o.note
		 WHERE ${scope} AND ${IS_FIGURE('o')}
	),
	scored AS (
		SELECT w.*, p.covered, p.scored_units, p.published_n AS any_published_n
		  FROM windowed w JOIN ranking_partitions p ON p.pid = w.pid
	)`;
	return `${scored}
	SELECT uid, pid, score, published_rank,
	       CASE WHEN covered THEN score_rank END::INTEGER AS computed_rank,
	       coalesce(published_rank, CASE WHEN covered THEN score_rank END)::INTEGER AS rank,
	       coalesce(published_n, CASE WHEN covered THEN scored_units END, any_published_n)::INTEGER AS n,
	       tid, batch_id
	  FROM scored
	 ORDER BY ${order}`;
}

// One unit's figures lie together in `ranked_figures`, so that the zone maps of
// a unit filter skip every other row group: a unit's page reads a few thousand rows.
const FIGURES_ORDER = 'uid, pid';
/** `ranked_totals` is read a whole ranking at a time, in ranking order. */
const TOTALS_ORDER = 'pid, rank NULLS LAST, score DESC NULLS LAST';

/** The standard competition rank (1, 2, 2, 4) of a score inside its partition; none without a score. */
const SCORE_RANK = (pid: string, score: string) => `CASE WHEN ${score} IS NOT NULL THEN rank() OVER (PARTITION BY ${pid} ORDER BY ${score} DESC NULLS LAST) END`;

// A bound alone (no score, no rank: migration 10) is no figure: it gets no
// rank and takes no place in anyone else's (queries/bounds.ts reads it).
const IS_FIGURE = (o: string) => `(${o}.score IS NOT NULL OR ${o}.published_rank IS NOT NULL)`;

/**
 * `scored` of `figuresSql` for figures held by integer ids: the same columns,
 * each figure's unit, partition and text id found through maps of the few
 * distinct ids (the cohort as a small integer too), so that the joins over
 * every figure compare integers only.
 */
function scoredByIds({ rows, keys, units, texts, batch, totalsOnly }: NonNullable<Figures['ids']>): string {
	return `WITH cohorts AS (SELECT cohort, row_number() OVER (ORDER BY cohort)::INTEGER AS cid FROM (SELECT DISTINCT cohort FROM units)),
	unit_map AS (
		SELECT su.uid AS unit_id, ru.uid, c.cid
		  FROM ${units} su JOIN units u ON u.code = su.unit_code JOIN ranked_units ru ON ru.code = su.unit_code JOIN cohorts c ON c.cohort = u.cohort),
	key_map AS (
		SELECT k.kid AS key_id, c.cid, p.pid, p.covered, p.scored_units, p.published_n
		  FROM ${keys} k JOIN ranking_partitions p ON p.index_id = k.index_id AND p.year = k.year AND p.component_id = k.component_id
		  JOIN cohorts c ON c.cohort = p.cohort${totalsOnly ? " WHERE k.component_id = 'total'" : ''}),
	text_map AS (
		SELECT l.id AS text_id, t.tid
		  FROM ${texts} l JOIN ranked_texts t ON t.value_type = l.value_type AND t.source IS NOT DISTINCT FROM l.source AND t.note IS NOT DISTINCT FROM l.note),
	scored AS (
		SELECT um.uid, km.pid, o.score, o.published_rank, o.published_n, tm.tid, ${Math.trunc(batch)}::INTEGER AS batch_id,
		       km.covered, km.scored_units, km.published_n AS any_published_n,
		       ${SCORE_RANK('km.pid', 'o.score')} AS score_rank
		  FROM ${rows} o JOIN unit_map um ON um.unit_id = o.unit_id
		  JOIN key_map km ON km.key_id = o.key_id AND km.cid = um.cid
		  JOIN text_map tm ON tm.text_id = o.text_id
		 WHERE ${IS_FIGURE('o')}
	)`;
}

/** Copies the totals of the partitions `scope` (a condition on `p`) into `ranked_totals`, in ranking order. */
function totalsSql(scope: string): string {
	return `SELECT f.* FROM ranked_figures f
	 WHERE f.pid IN (SELECT pid FROM ranking_partitions p WHERE p.component_id = 'total' AND ${scope})
	 ORDER BY ${TOTALS_ORDER}`;
}

/**
 * Gives every (value type, source, note) of the figures in scope (a condition
 * on `o`) without one its integer id in `ranked_texts`: figures carry the id
 * through the refresh's sorts instead of three texts.
 */
function addTextIds({ from, scope }: Figures): string {
	return `INSERT INTO ranked_texts
	SELECT (coalesce((SELECT max(tid) FROM ranked_texts), 0) + row_number() OVER (ORDER BY value_type, source, note))::INTEGER, *
	  FROM (SELECT DISTINCT o.value_type, o.source, o.note FROM ${from} WHERE ${scope}) o
	 WHERE NOT EXISTS (SELECT 1 FROM ranked_texts t
	                    WHERE t.value_type = o.value_type AND t.source IS NOT DISTINCT FROM o.source AND t.note IS NOT DISTINCT FROM o.note)`;
}

/** Gives every unit without one its integer id (new units get the next ones). */
const ADD_UNIT_IDS = `INSERT INTO ranked_units
	SELECT (coalesce((SELECT max(uid) FROM ranked_units), 0) + row_number() OVER (ORDER BY code))::INTEGER, code
	  FROM units WHERE code NOT IN (SELECT code FROM ranked_units)`;

/**
 * Recomputes the ranks of some (index, year) partitions, on the caller's
 * transaction: every writer of `observations` calls it before committing, so
 * readers never see figures and ranks that disagree. `partitions` is a SELECT
 * of `index_id, year` pairs (it may read the caller's temp tables). The year
 * after needs nothing: its rank change is read from the two years' ranks.
 *
 * `onlyBatch`: the caller knows that every figure now stored in those
 * partitions comes from this one batch (an import into years nothing was
 * stored for: the usual first import). The figures are then found by their
 * batch id, an integer compared in the scan, whose zone maps skip the other
 * batches' row groups, instead of a join on (index, year) text keys over
 * every stored figure (issue #8: 5 M figures). With `staged` as well, a
 * relation holding exactly that batch's figures with the columns of
 * `observations` but `batch_id` (the import's own staging, already in memory),
 * they are read from there instead of from what the transaction just wrote
 * (issue 16); with `stagedIds` too, the same figures by integer ids, their
 * ranks are found through integer joins (`StagedIds`).
 */
export async function refreshRanks(
	connection: DuckDBConnection,
	partitions: string,
	params?: DuckDBValue[],
	options: { onlyBatch?: number; staged?: string; stagedIds?: StagedIds } = {}
): Promise<void> {
	await connection.run(`CREATE OR REPLACE TEMP TABLE rank_scope AS SELECT DISTINCT index_id, year FROM (${partitions}) t`, params);
	const scoped = (alias: string) => `EXISTS (SELECT 1 FROM rank_scope s WHERE s.index_id = ${alias}.index_id AND s.year = ${alias}.year)`;
	const batch = options.onlyBatch === undefined ? null : Math.trunc(options.onlyBatch);
	const figures: Figures =
		batch === null ? { from: 'observations o', scope: scoped('o') }
		: options.staged === undefined ? { from: 'observations o', scope: `o.batch_id = ${batch}` }
		: {
				from: `(SELECT *, ${batch}::INTEGER AS batch_id FROM ${options.staged}) o`,
				scope: 'true',
				...(options.stagedIds && { ids: { ...options.stagedIds, batch } })
			};
	await connection.run(ADD_UNIT_IDS);
	for (const table of ['ranked_figures', 'ranked_totals']) {
		await connection.run(`DELETE FROM ${table} WHERE pid IN (SELECT pid FROM ranking_partitions p WHERE ${scoped('p')})`);
	}
	await connection.run(`DELETE FROM ranking_partitions p WHERE ${scoped('p')}`);
	await connection.run(`INSERT INTO ranking_partitions ${partitionsSql(figures, '(SELECT coalesce(max(pid), 0) FROM ranking_partitions)', options.onlyBatch)}`);
	await connection.run(addTextIds(figures));
	await connection.run(`INSERT INTO ranked_figures ${figuresSql(figures)}`);
	// Figures held by ids rank their totals again (a tenth of them) rather than read back what was just written.
	await connection.run(
		`INSERT INTO ranked_totals ${figures.ids ? figuresSql({ ...figures, ids: { ...figures.ids, totalsOnly: true } }, TOTALS_ORDER) : totalsSql(scoped('p'))}`
	);
	await connection.run('DROP TABLE temp.rank_scope');
}

/**
 * Recomputes every rank from scratch, on the caller's transaction, sorted by
 * unit again: after the reference data changed (a unit's validity changes the
 * cohort sizes), to fill the tables of a database built before they existed
 * (migration 7), and whenever a caller wants the layout compact again.
 */
export async function refreshAllRanks(connection: DuckDBConnection): Promise<void> {
	await connection.run('DELETE FROM ranked_figures');
	await connection.run('DELETE FROM ranked_totals');
	await connection.run('DELETE FROM ranking_partitions');
	await connection.run('DELETE FROM ranked_units');
	await connection.run('DELETE FROM ranked_texts');
	await connection.run(ADD_UNIT_IDS);
	const figures: Figures = { from: 'observations o', scope: 'true' };
	await connection.run(`INSERT INTO ranking_partitions ${partitionsSql(figures, '0')}`);
	await connection.run(addTextIds(figures));
	await connection.run(`INSERT INTO ranked_figures ${figuresSql(figures)}`);
	await connection.run(`INSERT INTO ranked_totals ${totalsSql('true')}`);
}
