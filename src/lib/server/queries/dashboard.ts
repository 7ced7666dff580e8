/**
 * Look-ups the dashboard pages need beyond ranks and targets: which units and
 * years have figures, the import batches behind a chart, a unit's region
 * peers. No rank is decided here (that is `ranks.ts`).
 */
import { listValue } from '../duckdb.ts';
import { memoised, query } from '../db.ts';
import { nameKey, unitValidInYear } from '../../domain/unit-names.ts';
import { rankedObservations, searchKey } from './ranks.ts';

export interface UnitOption {
	code: string;
	name: string;
	/** Set where another unit has the same name (Bắc Ninh to 2025 and from 7/2025): its validity tells them apart. */
	namesake?: { validFrom: string | null; validTo: string | null };
}

/**
 * Marks the options whose name another unit shares (the 2025 mergers kept old
 * names for new units), with the dates that tell them apart (issue 12).
 */
async function withNamesakes(options: UnitOption[]): Promise<UnitOption[]> {
	const all = [...(await unitRows()).values()];
	const count = new Map<string, number>();
	for (const u of all) count.set(nameKey(u.name), (count.get(nameKey(u.name)) ?? 0) + 1);
	const units = await unitRows();
	return options.map((o) => {
		const u = units.get(o.code);
		return u && (count.get(nameKey(u.name)) ?? 0) > 1 ? { ...o, namesake: { validFrom: u.validFrom, validTo: u.validTo } } : o;
	});
}

/**
 * Beyond this many units, the unit picker is a search field rather than a
 * list: a 10,000-option list would weigh on every page (issue 8).
 */
export const UNIT_LIST_LIMIT = 500;

/**
 * The choices of the unit picker, by Vietnamese name: units that have at least
 * one figure, and every unit that exists today; null when there are more units
 * than `UNIT_LIST_LIMIT` (then the picker searches with `searchUnits`).
 */
export function unitChoices(): Promise<UnitOption[] | null> {
	return memoised('unit-choices', readUnitChoices);
}

async function readUnitChoices(): Promise<UnitOption[] | null> {
	const [{ units }] = await query<{ units: number }>('SELECT count(*)::INTEGER AS units FROM units');
	if (units > UNIT_LIST_LIMIT) return null;
	const rows = await query<{ code: string; name: string }>(
		// Units with figures, and every unit that exists today: a 2025 successor is chosen before its first table arrives.
		`SELECT u.code, u.name_vi AS name FROM units u
		  WHERE u.valid_to IS NULL OR u.code IN (SELECT DISTINCT r.code FROM ranked_units r JOIN ranked_figures f USING (uid))`
	);
	return withNamesakes(rows.sort((a, b) => a.name.localeCompare(b.name, 'vi')));
}

/** Units whose name contains `text` (accents and case aside) or whose code is `text`, at most `limit`, by name. */
export async function searchUnits(text: string, limit = 20): Promise<UnitOption[]> {
	const key = searchKey(text);
	if (key === '') return [];
	const rows = await query<{ code: string; name: string }>(
		`SELECT u.code, u.name_vi AS name FROM units u
		  WHERE contains(strip_accents(replace(lower(u.name_vi), 'đ', 'd')), $1) OR lower(u.code) = $1
		  ORDER BY length(u.name_vi), u.name_vi LIMIT $2`,
		[key, limit]
	);
	return withNamesakes(rows);
}

/** The last year any figure is stored for; null on an empty database. */
export function latestFigureYear(): Promise<number | null> {
	return memoised('latest-figure-year', async () => {
		const [row] = await query<{ year: number | null }>('SELECT max(year)::INTEGER AS year FROM ranking_partitions');
		return row?.year ?? null;
	});
}

/** Years in which an index has at least one total figure, oldest first. */
export async function indexYears(indexId: string): Promise<number[]> {
	return (await indexYearsByIndex()).get(indexId) ?? [];
}

/** Every index's years with a total figure, read once per import (see `memoised`). */
function indexYearsByIndex(): Promise<Map<string, number[]>> {
	return memoised('index-years', async () => {
		const rows = await query<{ index_id: string; years: number[] }>(
			"SELECT index_id, list(DISTINCT year ORDER BY year) AS years FROM ranking_partitions WHERE component_id = 'total' GROUP BY index_id"
		);
		return new Map(rows.map((r) => [r.index_id, r.years]));
	});
}

export interface BatchLabel {
	id: number;
	fileName: string;
}

export interface BatchInfo extends BatchLabel {
	/** Day of the import, ISO `YYYY-MM-DD`. */
	importedOn: string;
}

/** Every import batch's file name and day by id, read once per import (see `memoised`). */
function batchRows(): Promise<Map<number, BatchInfo>> {
	return memoised('batch-rows', async () => {
		const rows = await query<BatchInfo & Record<string, unknown>>(
			`SELECT id, file_name AS "fileName", strftime(imported_at, '%Y-%m-%d') AS "importedOn" FROM import_batches`
		);
		return new Map(rows.map((r) => [r.id, r]));
	});
}

/** The batches of some ids (figures already read name theirs), by id. */
export async function batchesOf(ids: number[]): Promise<BatchInfo[]> {
	const rows = await batchRows();
	return [...new Set(ids)].sort((a, b) => a - b).flatMap((id) => {
		const b = rows.get(id);
		return b ? [{ ...b }] : [];
	});
}

export interface UnitInfo {
	code: string;
	name: string;
	region: string | null;
	regionEn: string | null;
	/** Last day of the unit (2025 mergers), ISO; null while it exists. */
	validTo: string | null;
	successorName: string | null;
}

interface UnitRow extends UnitInfo {
	cohort: string;
	validFrom: string | null;
}

/** Every unit's name, region, cohort and validity by code, read once per import (see `memoised`). */
function unitRows(): Promise<Map<string, UnitRow>> {
	return memoised('unit-rows', async () => {
		const rows = await query<UnitRow & Record<string, unknown>>(
			`SELECT u.code, u.name_vi AS name, u.region_vi AS region, u.region_en AS "regionEn", u.cohort,
			        strftime(u.valid_from, '%Y-%m-%d') AS "validFrom", strftime(u.valid_to, '%Y-%m-%d') AS "validTo",
			        s.name_vi AS "successorName"
			   FROM units u LEFT JOIN units s ON s.code = u.successor_code`
		);
		return new Map(rows.map((r) => [r.code, r]));
	});
}

/** Name, region and successor of some units, in the order asked. */
export async function unitInfo(codes: string[]): Promise<UnitInfo[]> {
	if (codes.length === 0) return [];
	const units = await unitRows();
	return codes.flatMap((c) => {
		const u = units.get(c);
		return u ? [{ code: u.code, name: u.name, region: u.region, regionEn: u.regionEn, validTo: u.validTo, successorName: u.successorName }] : [];
	});
}

/** The predecessor holding each unit's seat (`seat_code`; null for a unit not made by a merger), in the order asked. */
export async function unitSeats(codes: string[]): Promise<(string | null)[]> {
	const rows = await query<{ code: string; seat: string | null }>('SELECT code, seat_code AS seat FROM units WHERE list_contains($1::VARCHAR[], code)', [
		listValue(codes)
	]);
	return codes.map((c) => rows.find((r) => r.code === c)?.seat ?? null);
}

/** The units of a unit's region that existed in `year` (itself included), by name. */
export async function regionPeers(unitCode: string, year: number): Promise<string[]> {
	const units = await unitRows();
	const focus = units.get(unitCode);
	if (!focus) return [];
	return [...units.values()]
		.filter((u) => u.region === focus.region && u.cohort === focus.cohort && unitValidInYear(u, year))
		.sort((a, b) => a.name.localeCompare(b.name, 'vi'))
		.map((u) => u.code);
}

/** How many units of a cohort existed on 31 December of `year` (63 provinces before 2025, 34 after). */
export async function cohortSize(cohort: string, year: number): Promise<number> {
	let n = 0;
	for (const u of (await unitRows()).values()) if (u.cohort === cohort && unitValidInYear(u, year)) n++;
	return n;
}

/**
 * The import batches behind the figures of an index, optionally of one year,
 * some units and one component: the source line of a chart names them.
 */
export async function figureBatches(filter: { indexId: string; year?: number; unitCodes?: string[]; componentId?: string }): Promise<BatchLabel[]> {
	if (filter.unitCodes === undefined) {
		// Whole tables: the batches are listed per partition, no figure need be read; kept until the next import.
		return memoised(`table-batches:${filter.indexId}:${filter.year ?? ''}:${filter.componentId ?? ''}`, () =>
			query<BatchLabel & Record<string, unknown>>(
				`SELECT id, file_name AS "fileName" FROM import_batches WHERE id IN (
				   SELECT DISTINCT unnest(batch_ids) FROM ranking_partitions
				    WHERE index_id = $1 AND ($2::INTEGER IS NULL OR year = $2) AND ($3::VARCHAR IS NULL OR component_id = $3))
				 ORDER BY id`,
				[filter.indexId, filter.year ?? null, filter.componentId ?? null]
			)
		);
	}
	const ranked = rankedObservations({ indexId: filter.indexId, year: filter.year, units: filter.unitCodes, componentId: filter.componentId, change: false });
	return query<BatchLabel & Record<string, unknown>>(
		`SELECT id, file_name AS "fileName" FROM import_batches WHERE id IN (SELECT DISTINCT batch_id FROM ${ranked.sql} r)
		 ORDER BY id`,
		ranked.params
	);
}

/**
 * Per year, whether an index component has a score for (nearly) the whole
 * cohort: the 90 % rule of computed ranks, as the rank refresh stored it. A
 * median or range over the five provinces a news article named would say
 * nothing about the country.
 */
export async function coveredYears(indexId: string, componentId: string, cohort: string): Promise<Map<number, boolean>> {
	const rows = await query<{ year: number; covered: boolean }>(
		'SELECT year, covered FROM ranking_partitions WHERE index_id = $1 AND component_id = $2 AND cohort = $3',
		[indexId, componentId, cohort]
	);
	return new Map(rows.map((r) => [r.year, r.covered]));
}
