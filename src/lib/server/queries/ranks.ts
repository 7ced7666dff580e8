/**
 * Rank SQL: the one place where a unit's rank in a year is decided.
 * The published rank where there is one; otherwise the standard competition
 * rank (1, 2, 2, 4) of the score inside the unit's cohort, higher better.
 * The ranks are stored by rank-refresh.ts; this module reads them.
 */
import { listValue, type DuckDBValue } from '../duckdb.ts';
import { memoised, query, queryCamel } from '../db.ts';
import type { ScoreBin } from '../../domain/chart-data.ts';

/** Which figures a read wants; every field optional. */
export interface FigureFilter {
	indexId?: string;
	year?: number;
	/** Unit codes. */
	units?: string[];
	componentId?: string;
	/** Whether to work out the rank change (it reads the year before as well); default true. */
	change?: boolean;
}

/**
 * The ranked figures a filter selects, as a SQL subquery with positional
 * parameters (`params` gives their values): the stored rank and `n` with what
 * follows from them (rank source, percentile, published/computed disagreement)
 * and the rank change against the year before (previous − rank: positive means
 * the unit rose; only the year just before counts, a gap year gives none; when
 * N changed, against the previous rank's equivalent among the new N).
 * The filter reaches the small id tables, and DuckDB carries the ids it finds
 * into the scan of `ranked_figures` as a join filter, where zone maps prune.
 */
/**
 * The previous year's rank as its equivalent among this year's N when N
 * changed (the 2025 merger, a survey leaving provinces out), else NULL: the SQL
 * twin of `equivalentRank` in domain/plan.ts, `floor(1 + (r − 1)(N − 1)/(N′ − 1))`
 * in integer arithmetic. The rank change is taken against it, never across raw places.
 */
function equivalentSql(before: string, current: string): string {
	return `CASE WHEN ${before}.n <> ${current}.n AND ${before}.n > 1
		THEN greatest(1, 1 + ((${before}.rank - 1) * (${current}.n - 1)) // (${before}.n - 1))::INTEGER END`;
}

export function rankedObservations(filter: FigureFilter, firstParam = 1): { sql: string; params: DuckDBValue[] } {
	const params: DuckDBValue[] = [];
	const param = (value: DuckDBValue) => {
		params.push(value);
		return `$${firstParam + params.length - 1}`;
	};
	const indexId = filter.indexId === undefined ? null : param(filter.indexId);
	const year = filter.year === undefined ? null : param(filter.year);
	const componentId = filter.componentId === undefined ? null : param(filter.componentId);
	const units = filter.units === undefined ? null : param(listValue(filter.units));
	// Whole rankings of totals come from the copy sorted by partition, a unit's figures from the one sorted by unit.
	const figures = filter.componentId === 'total' && filter.units === undefined ? 'ranked_totals' : 'ranked_figures';
	const select = (yearExpr: string | null) => {
		const where = [
			indexId && `p.index_id = ${indexId}`,
			yearExpr && `p.year = ${yearExpr}`,
			componentId && `p.component_id = ${componentId}`
		].filter(Boolean);
		return `SELECT p.index_id, p.year, ru.code AS unit_code, p.component_id, p.cohort, f.*, t.value_type, t.source, t.note
		  FROM (SELECT * FROM ranking_partitions p ${where.length ? `WHERE ${where.join(' AND ')}` : ''}) p
		  JOIN ${figures} f ON f.pid = p.pid
		  JOIN ranked_texts t ON t.tid = f.tid
		  JOIN (SELECT * FROM ranked_units ru ${units ? `WHERE list_contains(${units}::VARCHAR[], ru.code)` : ''}) ru ON ru.uid = f.uid`;
	};
	const sql = `(
		WITH cur AS (${select(year)}),
		     before AS (${filter.change === false ? 'SELECT * FROM cur WHERE false' : year === null ? 'SELECT * FROM cur' : select(`${year} - 1`)})
		SELECT c.index_id, c.year, c.unit_code, c.component_id, c.cohort, c.score, c.value_type, c.source, c.note, c.batch_id,
		       c.published_rank, c.computed_rank, c.rank, c.n,
		       CASE WHEN c.published_rank IS NOT NULL THEN 'published' WHEN c.computed_rank IS NOT NULL THEN 'computed' END AS rank_source,
		       (c.published_rank IS NOT NULL AND c.computed_rank IS NOT NULL AND c.published_rank <> c.computed_rank) AS rank_differs,
		       CASE WHEN c.n > 1 AND c.rank IS NOT NULL THEN round((c.rank - 1) / (c.n - 1), 4) END AS percentile,
		       b.rank AS previous_rank, b.n AS previous_n, ${equivalentSql('b', 'c')} AS previous_equivalent,
		       (coalesce(${equivalentSql('b', 'c')}, b.rank) - c.rank)::INTEGER AS rank_change
		  FROM cur c LEFT JOIN before b
		    ON b.uid = c.uid AND b.index_id = c.index_id AND b.component_id = c.component_id AND b.year = c.year - 1
	)`;
	return { sql, params };
}

export interface RankedFigure {
	indexId: string;
	year: number;
	unitCode: string;
	componentId: string;
	score: number | null;
	rank: number | null;
	n: number | null;
	rankSource: 'published' | 'computed' | null;
	/** True where a published rank disagrees with the rank computed from the scores. */
	rankDiffers: boolean;
	percentile: number | null;
	previousRank: number | null;
	previousN: number | null;
	/** The previous rank among this year's N when N changed ("45/63 ≈ 24/34"); else null. */
	previousEquivalent: number | null;
	/** Previous (or its equivalent) − rank: positive means the unit rose. */
	rankChange: number | null;
	valueType: 'published' | 'derived';
	source: string | null;
	note: string | null;
	batchId: number;
}

const FIGURE_COLUMNS = `r.index_id, r.year, r.unit_code, r.component_id, r.score, r.rank, r.n, r.rank_source, r.rank_differs,
	r.percentile, r.previous_rank, r.previous_n, r.previous_equivalent, r.rank_change, r.value_type, r.source, r.note, r.batch_id`;

/** Ranked figures of some units (all components, or one), oldest first. */
export async function unitsFigures(unitCodes: string[], indexId?: string, componentId?: string): Promise<RankedFigure[]> {
	if (unitCodes.length === 0) return [];
	const ranked = rankedObservations({ units: unitCodes, indexId, componentId });
	return queryCamel<RankedFigure>(
		`SELECT ${FIGURE_COLUMNS} FROM ${ranked.sql} r ORDER BY index_id, component_id, year, unit_code`,
		ranked.params
	);
}

/** A unit's total figures in every index and year, oldest first. */
export async function unitTotals(unitCode: string): Promise<RankedFigure[]> {
	const ranked = rankedObservations({ units: [unitCode], componentId: 'total' });
	return queryCamel<RankedFigure>(`SELECT ${FIGURE_COLUMNS} FROM ${ranked.sql} r ORDER BY index_id, year`, ranked.params);
}

/** Every component's figures of one unit in one index, by component then year. */
export function unitSeries(unitCode: string, indexId: string): Promise<RankedFigure[]> {
	return unitsFigures([unitCode], indexId);
}

export interface RankingRow extends RankedFigure {
	unitName: string;
	region: string | null;
}

/** The order of a ranking table: best first, units without a rank last. */
const RANKING_ORDER = 'rank NULLS LAST, score DESC NULLS LAST, unit_name, unit_code';

/** The full ranking of an index (or one component) in a year, best first, units without a rank last. */
export async function rankingTable(indexId: string, year: number, componentId = 'total'): Promise<RankingRow[]> {
	const ranked = rankedObservations({ indexId, year, componentId });
	return queryCamel<RankingRow>(
		`SELECT ${FIGURE_COLUMNS}, u.name_vi AS unit_name, u.region_vi AS region
		   FROM ${ranked.sql} r JOIN units u ON u.code = r.unit_code
		  ORDER BY ${RANKING_ORDER}`,
		ranked.params
	);
}

/** Accent- and case-free text for searching unit names ("Đắk Lắk" → "dak lak"). */
export function searchKey(text: string): string {
	return text.toLowerCase().replace(/đ/g, 'd').normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim();
}

/** The SQL twin of `searchKey` for a unit's Vietnamese name. */
const NAME_KEY = "strip_accents(replace(lower(u.name_vi), 'đ', 'd'))";

export interface RankingSlice {
	rows: (RankingRow & { position: number })[];
	/** Rows matching the search (all rows without one). */
	total: number;
	/** First position shown (1-based) and how many per page. */
	offset: number;
	pageSize: number;
	/** Position of the focus unit in the whole table, when it is in it. */
	focusPosition: number | null;
}

/**
 * One page of a ranking, for tables too long to send whole (10,000 communes):
 * the rows of the page that holds `focus` (or page `page`, 1-based), or of the
 * rows whose name contains `search`, in ranking order, each with its position.
 */
export async function rankingSlice(
	indexId: string,
	year: number,
	options: { focus?: string; search?: string; page?: number; pageSize: number; componentId?: string }
): Promise<RankingSlice> {
	const componentId = options.componentId ?? 'total';
	// Order the whole table without rank changes, then read the page's rows with theirs.
	const order = rankedObservations({ indexId, year, componentId, change: false });
	const ranked = rankedObservations({ indexId, year, componentId }, order.params.length + 5);
	const search = options.search ? searchKey(options.search) : '';
	const n = order.params.length;
	const hit = search ? `contains(${NAME_KEY}, $${n + 1})` : `$${n + 1} = ''`;
	const rows = await queryCamel<RankingRow & { position: number; matches: number; focusPosition: number | null; first: number }>(
		`WITH ordered AS (
		   SELECT r.unit_code, ${hit} AS hit,
		          row_number() OVER (ORDER BY r.rank NULLS LAST, r.score DESC NULLS LAST, u.name_vi, r.unit_code)::INTEGER AS position
		     FROM ${order.sql} r JOIN units u ON u.code = r.unit_code),
		 hits AS (SELECT *, (row_number() OVER (ORDER BY position) - 1)::INTEGER AS hit_index FROM ordered WHERE hit),
		 focus AS (SELECT max(hit_index) FILTER (WHERE unit_code = $${n + 2}) AS at, count(*) AS hits,
		                  (SELECT position FROM ordered WHERE unit_code = $${n + 2}) AS position FROM hits),
		 start AS (SELECT CASE WHEN $${n + 3}::INTEGER IS NOT NULL THEN ($${n + 3} - 1) * $${n + 4}
		                       WHEN f.at IS NOT NULL THEN f.at // $${n + 4} * $${n + 4} ELSE 0 END AS first FROM focus f),
		 page AS (SELECT h.unit_code, h.position FROM hits h, start s WHERE h.hit_index >= s.first AND h.hit_index < s.first + $${n + 4})
		 SELECT ${FIGURE_COLUMNS}, u.name_vi AS unit_name, u.region_vi AS region, p.position,
		        f.hits::INTEGER AS matches, f.position::INTEGER AS focus_position, s.first::INTEGER AS first
		   FROM page p JOIN ${ranked.sql} r USING (unit_code) JOIN units u ON u.code = r.unit_code, focus f, start s
		  ORDER BY p.position`,
		[...order.params, search, options.focus ?? null, options.page ?? null, options.pageSize, ...ranked.params]
	);
	if (rows.length === 0) {
		// An empty page still says how many rows there are.
		const [count] = await query<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM ${order.sql} r JOIN units u ON u.code = r.unit_code WHERE ${hit}`,
			[...order.params, search]
		);
		return { rows: [], total: count.n, offset: ((options.page ?? 1) - 1) * options.pageSize, pageSize: options.pageSize, focusPosition: null };
	}
	const first = rows[0].first;
	return {
		rows: rows.map(({ matches: _m, focusPosition: _f, first: _s, ...row }) => row),
		total: rows[0].matches,
		offset: first,
		pageSize: options.pageSize,
		focusPosition: rows[0].focusPosition
	};
}

export type { ScoreBin };

/**
 * The scores of an index component in a year as `bins` equal-width bins from
 * the minimum to the maximum: the distribution of a table too large to draw
 * one mark a unit.
 */
export function scoreBins(indexId: string, year: number, bins: number, componentId = 'total'): Promise<ScoreBin[]> {
	// The same for every unit's page of the year: kept until the next import (see `memoised`), not read per commune.
	return memoised(`score-bins:${indexId}:${year}:${bins}:${componentId}`, () => readScoreBins(indexId, year, bins, componentId));
}

async function readScoreBins(indexId: string, year: number, bins: number, componentId: string): Promise<ScoreBin[]> {
	const ranked = rankedObservations({ indexId, year, componentId, change: false });
	const n = ranked.params.length;
	const rows = await query<{ bin: number; units: number; lo: number; hi: number }>(
		`WITH s AS (SELECT score FROM ${ranked.sql} r WHERE score IS NOT NULL),
		      e AS (SELECT min(score) AS lo, max(score) AS hi FROM s)
		 SELECT least(floor((s.score - e.lo) / greatest(e.hi - e.lo, 1e-9) * $${n + 1}), $${n + 1} - 1)::INTEGER AS bin,
		        count(*)::INTEGER AS units, any_value(e.lo) AS lo, any_value(e.hi) AS hi
		   FROM s, e GROUP BY bin ORDER BY bin`,
		[...ranked.params, bins]
	);
	if (rows.length === 0) return [];
	const { lo, hi } = rows[0];
	const width = (hi - lo) / bins;
	const counts = new Map(rows.map((r) => [r.bin, r.units]));
	return Array.from({ length: bins }, (_, i) => ({ from: lo + i * width, to: i === bins - 1 ? hi : lo + (i + 1) * width, units: counts.get(i) ?? 0 }));
}

export interface ScoreSummary {
	year: number;
	median: number | null;
	min: number | null;
	max: number | null;
	/** Units with a score that year. */
	units: number;
	/** Whether (nearly) the whole cohort has a score: the 90 % rule of computed ranks. */
	covered: boolean;
}

/**
 * Per year: the median, minimum and maximum score of an index component over
 * the index's cohort, how many units have one, and whether that covers the
 * cohort. Read from `ranking_partitions`, where the refresh put them.
 */
export function scoreSummary(indexId: string, componentId = 'total'): Promise<ScoreSummary[]> {
	// Kept until the next import (see `memoised`): it changes only with the stored ranks.
	return memoised(`score-summary:${indexId}:${componentId}`, () =>
		query<ScoreSummary & Record<string, unknown>>(
			`SELECT p.year, p.median, p.min, p.max, p.scored_units AS units, p.covered
			   FROM ranking_partitions p JOIN indices i ON i.id = p.index_id AND i.cohort = p.cohort
			  WHERE p.index_id = $1 AND p.component_id = $2 ORDER BY p.year`,
			[indexId, componentId]
		)
	);
}

export interface ComponentChange {
	componentId: string;
	nameVi: string;
	nameEn: string;
	score: number | null;
	/** National median of the component that year, where (nearly) the whole cohort has a score; else null. */
	median: number | null;
	rank: number | null;
	n: number | null;
	/** Places gained since the year before (positive = rose). */
	changePrevious: number | null;
	/** Places gained since the baseline year (positive = rose), against its rank's equivalent when N changed. */
	changeBaseline: number | null;
}

/**
 * Each component of a unit in a year: score against the national median, rank,
 * and rank change since the previous year and since the baseline, so analysts
 * see what pulled the total down. Sorted worst change first.
 */
export async function componentChanges(
	unitCode: string,
	indexId: string,
	year: number,
	baselineYear: number
): Promise<ComponentChange[]> {
	const ranked = rankedObservations({ units: [unitCode], indexId }, 3);
	return queryCamel<ComponentChange>(
		`WITH r AS (SELECT * FROM ${ranked.sql} x WHERE year IN ($1, $2))
		 SELECT c.id AS component_id, c.name_vi, c.name_en, cur.score, CASE WHEN p.covered THEN p.median END AS median,
		        cur.rank, cur.n, cur.rank_change::INTEGER AS change_previous, (coalesce(${equivalentSql('base', 'cur')}, base.rank) - cur.rank)::INTEGER AS change_baseline
		   FROM components c
		   JOIN r cur ON cur.component_id = c.id AND cur.year = $1
		   LEFT JOIN r base ON base.component_id = c.id AND base.year = $2
		   LEFT JOIN ranking_partitions p ON p.index_id = c.index_id AND p.year = $1 AND p.component_id = c.id AND p.cohort = cur.cohort
		  WHERE c.index_id = $3 AND c.id <> 'total'
		  ORDER BY coalesce(cur.rank_change, change_baseline) NULLS LAST, c.sort_order`,
		[year, baselineYear, ...ranked.params]
	);
}

/** A question for `scoresAtRanks`: what score took rank `targetRank` among the other units in a year. */
export interface RankQuestion {
	indexId: string;
	year: number;
	unitCode: string;
	targetRank: number;
}

/**
 * The score that took rank `targetRank` among the other units of the cohort
 * in a year (the target-th best of theirs), or null when the table is too
 * incomplete to say what a rank would take (the partition is not covered) or
 * has too few scores.
 */
export async function scoreAtRank(indexId: string, year: number, unitCode: string, targetRank: number): Promise<number | null> {
	return (await scoresAtRanks([{ indexId, year, unitCode, targetRank }]))[0];
}

/** `scoreAtRank` for several questions in one query (a unit's plans in every index), answers in the order asked. */
export async function scoresAtRanks(questions: RankQuestion[]): Promise<(number | null)[]> {
	const asked = questions.map((q, i) => ({ ...q, i })).filter((q) => q.targetRank >= 1);
	if (asked.length === 0) return questions.map(() => null);
	const params: DuckDBValue[] = [];
	const values = asked.map((q) => {
		const n = params.length;
		params.push(q.i, q.indexId, q.year, q.unitCode, Math.trunc(q.targetRank));
		return `($${n + 1}::INTEGER, $${n + 2}::VARCHAR, $${n + 3}::INTEGER, $${n + 4}::VARCHAR, $${n + 5}::INTEGER)`;
	});
	// Each question reads one partition of `ranked_totals` (sorted by partition, so
	// its zone maps skip the others) and numbers the other units' scores, best first.
	const rows = await query<{ i: number; score: number | null }>(
		`WITH q(i, index_id, year, unit_code, k) AS (VALUES ${values.join(', ')}),
		 asked AS (
		   SELECT q.i, q.k, p.pid, ru.uid
		     FROM q JOIN units u ON u.code = q.unit_code
		     JOIN ranking_partitions p ON p.index_id = q.index_id AND p.year = q.year AND p.component_id = 'total' AND p.cohort = u.cohort
		     LEFT JOIN ranked_units ru ON ru.code = q.unit_code
		    WHERE p.covered)
		 SELECT a.i, f.score
		   FROM asked a JOIN ranked_totals f ON f.pid = a.pid AND f.uid IS DISTINCT FROM a.uid AND f.score IS NOT NULL
		 QUALIFY row_number() OVER (PARTITION BY a.i ORDER BY f.score DESC) = a.k`,
		params
	);
	const answers = new Map(rows.map((r) => [r.i, r.score]));
	return questions.map((_, i) => answers.get(i) ?? null);
}
