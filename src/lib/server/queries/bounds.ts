/**
 * Bounds as stored (migration 10): keys with a bound and no figure, i.e. what
 * a source says of a rank or score without giving it. The rank refresh leaves
 * them out (`queries/ranks.ts`), so they are read here, beside the ranks:
 * by the target engine (a rank interval to judge), the overview and index
 * pages (a bound in words and on the chart) and the ranking tables (units
 * listed after the ranked ones, never with a rank).
 */
import { listValue } from '../duckdb.ts';
import type { BoundFact } from '../../domain/bounds.ts';
import { queryCamel } from '../db.ts';

const COLUMNS = `o.index_id, o.year, o.unit_code, o.component_id, o.rank_min, o.rank_max, o.score_min, o.score_max,
	o.bound_group AS "group", o.published_n AS n, o.value_type, o.source, o.note, o.batch_id`;
const BOUND_ONLY = 'o.score IS NULL AND o.published_rank IS NULL';

/** The bounds of some units (all indices or one; one component or all), by index, component, year. */
export function unitsBounds(unitCodes: string[], indexId?: string, componentId?: string): Promise<BoundFact[]> {
	if (unitCodes.length === 0) return Promise.resolve([]);
	return queryCamel<BoundFact>(
		`SELECT ${COLUMNS} FROM observations o
		  WHERE ${BOUND_ONLY} AND list_contains($1::VARCHAR[], o.unit_code)
		    AND ($2::VARCHAR IS NULL OR o.index_id = $2) AND ($3::VARCHAR IS NULL OR o.component_id = $3)
		  ORDER BY o.index_id, o.component_id, o.year, o.unit_code`,
		[listValue(unitCodes), indexId ?? null, componentId ?? null]
	);
}

/** The bounds of one index, year and component (the units a ranking table lists after the ranked ones), best bound first. */
export function yearBounds(indexId: string, year: number, componentId = 'total'): Promise<(BoundFact & { unitName: string })[]> {
	return queryCamel(
		`SELECT ${COLUMNS}, u.name_vi AS unit_name FROM observations o JOIN units u ON u.code = o.unit_code
		  WHERE ${BOUND_ONLY} AND o.index_id = $1 AND o.year = $2 AND o.component_id = $3
		  ORDER BY o.rank_min NULLS LAST, o.score_min DESC NULLS LAST, u.name_vi`,
		[indexId, year, componentId]
	);
}
