/**
 * Rank SQL: the one place where a unit's rank in a year is decided.
 * The published rank where there is one; otherwise the standard competition
 * rank (1, 2, 2, 4) of the score inside the unit's cohort, higher better.
 */
import { query } from '../db.ts';

/**
 * A computed rank needs (nearly) the whole table: ranking the five provinces a
 * news article happens to name would be meaningless. PAPI leaves one or two
 * provinces out some years (2018, 2022, 2023), hence not 100 %.
 */
export const MIN_COVERAGE_FOR_COMPUTED_RANK = 0.9;

/**
 * Every observation with its rank, rank source, `n`, percentile and the
 * published/computed disagreement flag, as a SQL subquery to select from.
 */
export const RANKED_OBSERVATIONS = `(
	WITH cohort_sizes AS (
		SELECT y.year, u.cohort, count(*) AS units
		  FROM (SELECT DISTINCT year FROM observations) y, units u
		 WHERE (u.valid_from IS NULL OR u.valid_from <= make_date(y.year, 12, 31))
		   AND (u.valid_to IS NULL OR u.valid_to >= make_date(y.year, 12, 31))
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
	)
	SELECT index_id, year, unit_code, component_id, cohort, score, value_type, source, note, batch_id,
	       published_rank, computed_rank::INTEGER AS computed_rank,
	       coalesce(published_rank, computed_rank)::INTEGER AS rank,
	       CASE WHEN published_rank IS NOT NULL THEN 'published' WHEN computed_rank IS NOT NULL THEN 'computed' END AS rank_source,
	       n::INTEGER AS n,
	       CASE WHEN n > 1 AND coalesce(published_rank, computed_rank) IS NOT NULL
	            THEN round((coalesce(published_rank, computed_rank) - 1) / (n - 1), 4) END AS percentile,
	       (published_rank IS NOT NULL AND computed_rank IS NOT NULL AND published_rank <> computed_rank) AS rank_differs
	  FROM ranked
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
	valueType: 'published' | 'derived';
	source: string | null;
	note: string | null;
	batchId: number;
}

/** A unit's total figures in every index and year, oldest first. */
export async function unitTotals(unitCode: string): Promise<RankedFigure[]> {
	const rows = await query(
		`SELECT index_id, year, unit_code, component_id, score, rank, n, rank_source, value_type, source, note, batch_id
		   FROM ${RANKED_OBSERVATIONS} r
		  WHERE unit_code = $1 AND component_id = 'total'
		  ORDER BY index_id, year`,
		[unitCode]
	);
	return rows.map((r) => ({
		indexId: r.index_id as string,
		year: r.year as number,
		unitCode: r.unit_code as string,
		componentId: r.component_id as string,
		score: r.score as number | null,
		rank: r.rank as number | null,
		n: r.n as number | null,
		rankSource: r.rank_source as RankedFigure['rankSource'],
		valueType: r.value_type as RankedFigure['valueType'],
		source: r.source as string | null,
		note: r.note as string | null,
		batchId: r.batch_id as number
	}));
}
