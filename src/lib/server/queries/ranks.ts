/**
 * Rank SQL: the one place where a unit's rank in a year is decided.
 * The published rank where there is one; otherwise the standard competition
 * rank (1, 2, 2, 4) of the score inside the unit's cohort, higher better.
 */
import { listValue } from '@duckdb/node-api';
import { query, queryCamel } from '../db.ts';

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
 * Every observation with its rank, rank source, `n`, percentile, the
 * published/computed disagreement flag, and its rank change against the year
 * before (previous − rank: positive means the unit rose), as a SQL subquery.
 */
export const RANKED_OBSERVATIONS = `(
	WITH cohort_sizes AS (
		SELECT y.year, u.cohort, count(*) AS units
		  FROM (SELECT DISTINCT year FROM observations) y, units u
		 WHERE ${unitExistsInYear('u', 'y.year')}
		 GROUP BY ALL
	),
	scored AS (
		SELECT o.*, u.cohort,
		       CASE WHEN o.score IS NOT NULL THEN
		            rank() OVER (PARTITION BY o.index_id, o.year, o.component_id, u.cohort, o.score IS NULL ORDER BY o.score DESC)
		       END AS score_rank,
		       count(o.score) OVER (PARTITION BY o.index_id, o.year, o.component_id, u.cohort) AS scored_units,
		       max(o.published_n) OVER (PARTITION BY o.index_id, o.year, o.component_id, u.cohort) AS any_published_n
		  FROM observations o JOIN units u ON u.code = o.unit_code
	),
	ranked AS (
		SELECT s.*,
		       CASE WHEN s.scored_units >= ${MIN_COVERAGE_FOR_COMPUTED_RANK} * c.units THEN s.score_rank END AS computed_rank,
		       coalesce(s.published_n, CASE WHEN s.scored_units >= ${MIN_COVERAGE_FOR_COMPUTED_RANK} * c.units THEN s.scored_units END, s.any_published_n) AS n
		  FROM scored s JOIN cohort_sizes c ON c.year = s.year AND c.cohort = s.cohort
	),
	decided AS (
		SELECT index_id, year, unit_code, component_id, cohort, score, value_type, source, note, batch_id,
		       published_rank, computed_rank::INTEGER AS computed_rank,
		       coalesce(published_rank, computed_rank)::INTEGER AS rank,
		       CASE WHEN published_rank IS NOT NULL THEN 'published' WHEN computed_rank IS NOT NULL THEN 'computed' END AS rank_source,
		       n::INTEGER AS n,
		       (published_rank IS NOT NULL AND computed_rank IS NOT NULL AND published_rank <> computed_rank) AS rank_differs
		  FROM ranked
	)
	SELECT *,
	       CASE WHEN n > 1 AND rank IS NOT NULL THEN round((rank - 1) / (n - 1), 4) END AS percentile,
	       -- Only the year just before counts as "previous": a gap year gives no change.
	       CASE WHEN lag(year) OVER w = year - 1 THEN lag(rank) OVER w END AS previous_rank,
	       CASE WHEN lag(year) OVER w = year - 1 THEN lag(rank) OVER w - rank END AS rank_change
	  FROM decided
	WINDOW w AS (PARTITION BY index_id, unit_code, component_id ORDER BY year)
)`;

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
	rankChange: number | null;
	valueType: 'published' | 'derived';
	source: string | null;
	note: string | null;
	batchId: number;
}

const FIGURE_COLUMNS = `r.index_id, r.year, r.unit_code, r.component_id, r.score, r.rank, r.n, r.rank_source, r.rank_differs,
	r.percentile, r.previous_rank::INTEGER AS previous_rank, r.rank_change::INTEGER AS rank_change, r.value_type, r.source,
	r.note, r.batch_id`;

/** Ranked figures of some units (all components), oldest first. */
export async function unitsFigures(unitCodes: string[], indexId?: string): Promise<RankedFigure[]> {
	if (unitCodes.length === 0) return [];
	return queryCamel<RankedFigure>(
		`SELECT ${FIGURE_COLUMNS} FROM ${RANKED_OBSERVATIONS} r
		  WHERE list_contains($1::VARCHAR[], unit_code) AND ($2::VARCHAR IS NULL OR index_id = $2)
		  ORDER BY index_id, component_id, year, unit_code`,
		[listValue(unitCodes), indexId ?? null]
	);
}

/** A unit's total figures in every index and year, oldest first. */
export async function unitTotals(unitCode: string): Promise<RankedFigure[]> {
	return (await unitsFigures([unitCode])).filter((f) => f.componentId === 'total');
}

/** Every component's figures of one unit in one index, by component then year. */
export function unitSeries(unitCode: string, indexId: string): Promise<RankedFigure[]> {
	return unitsFigures([unitCode], indexId);
}

export interface RankingRow extends RankedFigure {
	unitName: string;
	region: string | null;
}

/** The full ranking of an index (or one component) in a year, best first, units without a rank last. */
export async function rankingTable(indexId: string, year: number, componentId = 'total'): Promise<RankingRow[]> {
	return queryCamel<RankingRow>(
		`SELECT ${FIGURE_COLUMNS}, u.name_vi AS unit_name, u.region_vi AS region
		   FROM ${RANKED_OBSERVATIONS} r JOIN units u ON u.code = r.unit_code
		  WHERE index_id = $1 AND year = $2 AND component_id = $3
		  ORDER BY rank NULLS LAST, score DESC NULLS LAST, unit_name`,
		[indexId, year, componentId]
	);
}

export interface ScoreSummary {
	year: number;
	median: number | null;
	min: number | null;
	max: number | null;
	/** Units with a score that year. */
	units: number;
}

/** Per year: the national median, minimum and maximum score of an index component, and how many units have one. */
export async function scoreSummary(indexId: string, componentId = 'total'): Promise<ScoreSummary[]> {
	return query<ScoreSummary & Record<string, unknown>>(
		`SELECT year, median(score) AS median, min(score) AS min, max(score) AS max, count(score)::INTEGER AS units
		   FROM observations WHERE index_id = $1 AND component_id = $2
		  GROUP BY year ORDER BY year`,
		[indexId, componentId]
	);
}

export interface ComponentChange {
	componentId: string;
	nameVi: string;
	nameEn: string;
	score: number | null;
	/** National median of the component that year. */
	median: number | null;
	rank: number | null;
	n: number | null;
	/** Places gained since the year before (positive = rose). */
	changePrevious: number | null;
	/** Places gained since the baseline year (positive = rose). */
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
	return queryCamel<ComponentChange>(
		`WITH r AS (SELECT * FROM ${RANKED_OBSERVATIONS} x WHERE index_id = $2 AND year IN ($3, $4)),
		      medians AS (SELECT component_id, median(score) AS median FROM observations
		                   WHERE index_id = $2 AND year = $3 GROUP BY component_id)
		 SELECT c.id AS component_id, c.name_vi, c.name_en, cur.score, m.median, cur.rank, cur.n,
		        cur.rank_change::INTEGER AS change_previous, (base.rank - cur.rank)::INTEGER AS change_baseline
		   FROM components c
		   JOIN r cur ON cur.component_id = c.id AND cur.unit_code = $1 AND cur.year = $3
		   LEFT JOIN r base ON base.component_id = c.id AND base.unit_code = $1 AND base.year = $4
		   LEFT JOIN medians m ON m.component_id = c.id
		  WHERE c.index_id = $2 AND c.id <> 'total'
		  ORDER BY coalesce(cur.rank_change, change_baseline) NULLS LAST, c.sort_order`,
		[unitCode, indexId, year, baselineYear]
	);
}

/**
 * The scores of every other unit of the cohort in a year, or null when the
 * table is too incomplete to say what a rank would take (same coverage rule
 * as computed ranks).
 */
export async function otherScores(indexId: string, year: number, unitCode: string): Promise<number[] | null> {
	const rows = await query<{ scores: number[] | null; complete: boolean }>(
		`WITH cohort AS (SELECT cohort FROM units WHERE code = $3),
		      members AS (SELECT u.code FROM units u, cohort c WHERE u.cohort = c.cohort AND ${unitExistsInYear('u', '$2')})
		 SELECT list(o.score) FILTER (WHERE o.unit_code <> $3) AS scores,
		        count(o.score) >= ${MIN_COVERAGE_FOR_COMPUTED_RANK} * (SELECT count(*) FROM members) AS complete
		   FROM observations o JOIN members m ON m.code = o.unit_code
		  WHERE o.index_id = $1 AND o.year = $2 AND o.component_id = 'total' AND o.score IS NOT NULL`,
		[indexId, year, unitCode]
	);
	const [row] = rows;
	return row && row.complete ? (row.scores ?? []) : null;
}
