/**
 * Observation rows for the API: ranked figures filtered by index, year, unit
 * and component, as JSON rows or as an Arrow IPC stream built from typed
 * columns (`@duckdb/node-api` has no Arrow output of its own).
 */
import { Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { queryCamel } from './db.ts';
import { rankedObservations } from './queries/ranks.ts';

export interface ObservationFilter {
	indexId?: string;
	year?: number;
	unitCode?: string;
	componentId?: string;
}

export interface ObservationRow {
	index: string;
	year: number;
	unitCode: string;
	unitName: string;
	component: string;
	score: number | null;
	rank: number | null;
	n: number | null;
	rankSource: string | null;
	publishedRank: number | null;
	/** The year before: rank, N, and the rank's equivalent among this year's N when N changed (issue 12). */
	previousRank: number | null;
	previousN: number | null;
	previousEquivalent: number | null;
	/** Previous (or its equivalent) − rank: positive means the unit rose. */
	rankChange: number | null;
	valueType: string;
	source: string | null;
	note: string | null;
	batchId: number;
}

/** Ranked observations matching the filter, sorted by index, year, component, rank. */
export async function observationRows(filter: ObservationFilter): Promise<ObservationRow[]> {
	const ranked = rankedObservations({
		indexId: filter.indexId,
		year: filter.year,
		units: filter.unitCode === undefined ? undefined : [filter.unitCode],
		componentId: filter.componentId
	});
	return queryCamel<ObservationRow>(
		`SELECT r.index_id AS index, r.year, r.unit_code, u.name_vi AS unit_name, r.component_id AS component, r.score,
		        r.rank, r.n, r.rank_source, r.published_rank, r.previous_rank, r.previous_n, r.previous_equivalent, r.rank_change, r.value_type, r.source, r.note, r.batch_id
		   FROM ${ranked.sql} r JOIN units u ON u.code = r.unit_code
		  ORDER BY r.index_id, r.year, r.component_id, r.rank NULLS LAST, r.unit_code`,
		ranked.params
	);
}

const ARROW_TYPES = {
	index: new Utf8(), year: new Int32(), unitCode: new Utf8(), unitName: new Utf8(), component: new Utf8(),
	score: new Float64(), rank: new Int32(), n: new Int32(), rankSource: new Utf8(), publishedRank: new Int32(),
	previousRank: new Int32(), previousN: new Int32(), previousEquivalent: new Int32(), rankChange: new Int32(),
	valueType: new Utf8(), source: new Utf8(), note: new Utf8(), batchId: new Int32()
} as const;

/** The rows as an Arrow IPC stream, one typed column per field (nulls kept). */
export function observationsToArrow(rows: ObservationRow[]): Uint8Array {
	const columns = Object.fromEntries(
		Object.entries(ARROW_TYPES).map(([name, type]) => [
			name,
			vectorFromArray(rows.map((r) => r[name as keyof ObservationRow]), type as never)
		])
	);
	return tableToIPC(new Table(columns), 'stream');
}
