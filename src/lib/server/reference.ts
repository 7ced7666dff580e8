/**
 * Reads the reference data back (units, aliases, the index catalogue) as the
 * typed objects the domain code works with, kept between requests. Loading it
 * from data/reference/ into the database is reference-load.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { memoised, query, queryCamel } from './db.ts';
import { dataDir, readReference } from './reference-load.ts';
import type { ColumnRole, ComponentAlias, ComponentDef, IndexDef, TotalRule } from '../domain/catalogue.ts';
import { UnitMatcher, type UnitAlias, type UnitRecord } from '../domain/unit-names.ts';
import type { AggregationKind, AggregationRule } from '../domain/aggregation.ts';
import type { Tile } from '../domain/tile-grid.ts';

/** The aggregation rules as stored (kept between requests: see `memoised`). */
export function loadAggregation(): Promise<AggregationRule[]> {
	return memoised('aggregation', async () => {
		const rows = await query(
			`SELECT index_id, year_from, year_to, rule, scale, list_filter(components, c -> c <> '') AS components, checked_vi, checked_en, source, note
			   FROM aggregation_rules ORDER BY index_id, year_from`
		);
		return rows.map((r) => ({
			indexId: r.index_id as string, yearFrom: r.year_from as number, yearTo: r.year_to as number | null, kind: r.rule as AggregationKind,
			scale: r.scale as number | null, componentIds: (r.components as string[]) ?? [], checkedVi: (r.checked_vi as string) ?? '', checkedEn: (r.checked_en as string) ?? '',
			source: r.source as string, note: (r.note as string) ?? ''
		}));
	});
}

/** The column-header aliases of published tables. */
export async function loadComponentAliases(): Promise<ComponentAlias[]> {
	const rows = await query('SELECT index_id, alias, component_id, role FROM component_aliases ORDER BY index_id, alias');
	return rows.map((a) => ({
		indexId: a.index_id as string,
		alias: a.alias as string,
		componentId: a.component_id as string | null,
		role: a.role as ColumnRole
	}));
}

/** The index catalogue as stored (kept between requests: see `memoised`; callers do not change it). */
export function loadCatalogue(): Promise<{ indices: IndexDef[]; components: ComponentDef[] }> {
	return memoised('catalogue', readCatalogue);
}

async function readCatalogue(): Promise<{ indices: IndexDef[]; components: ComponentDef[] }> {
	const indices = await query(
		`SELECT id, slug, short_vi, short_en, name_vi, name_en, publisher_vi, publisher_en, cohort, publishes_ranks,
		        max_total, first_year, source, total_rule FROM indices ORDER BY id`
	);
	const components = await query(
		`SELECT index_id, id, sort_order, name_vi, name_en, max_points, weight_pct, year_from, year_to, source, note
		   FROM components ORDER BY index_id, sort_order`
	);
	return {
		indices: indices.map((i) => ({
			id: i.id as string, slug: i.slug as string, shortVi: i.short_vi as string, shortEn: i.short_en as string,
			nameVi: i.name_vi as string, nameEn: i.name_en as string, publisherVi: (i.publisher_vi as string) ?? '',
			publisherEn: (i.publisher_en as string) ?? '', cohort: i.cohort as string, publishesRanks: i.publishes_ranks as boolean,
			maxTotal: i.max_total as number | null, firstYear: i.first_year as number | null, source: (i.source as string) ?? '',
			totalRule: (i.total_rule as TotalRule | null) ?? null
		})),
		components: components.map((c) => ({
			indexId: c.index_id as string, id: c.id as string, sortOrder: c.sort_order as number, nameVi: c.name_vi as string,
			nameEn: c.name_en as string, maxPoints: c.max_points as number | null, weightPct: c.weight_pct as number | null,
			yearFrom: c.year_from as number | null, yearTo: c.year_to as number | null, source: (c.source as string) ?? '',
			note: (c.note as string) ?? ''
		}))
	};
}

/** Every unit with its validity dates and aliases, as a matcher. */
export function loadUnitMatcher(): Promise<UnitMatcher> {
	return memoised('unit-matcher', async () => {
		const [units, aliases] = await Promise.all([loadUnits(), queryCamel<UnitAlias>('SELECT alias, unit_code FROM unit_aliases')]);
		return new UnitMatcher(units, aliases);
	});
}

/** Every unit with its validity dates and, after a merger, its successor (kept between requests: see `memoised`). */
export function loadUnits(): Promise<(UnitRecord & { successorCode: string | null })[]> {
	return memoised('units', () =>
		queryCamel(
			`SELECT code, name_vi, name_ascii, cohort, kind, successor_code, strftime(valid_from, '%Y-%m-%d') AS valid_from,
			        strftime(valid_to, '%Y-%m-%d') AS valid_to FROM units`
		)
	);
}

/** A tile-grid layout of the map (issue 18): one file of data/reference/. */
export interface TileGrid {
	/** The layout's file name, e.g. `tile-grid-63.csv`. */
	file: string;
	tiles: Tile[];
}

/**
 * The shipped tile-grid layouts (scripts/tile-grid.ts writes them), read once:
 * they are files, not database rows. A data folder without them (the
 * synthetic ones of the benchmarks) simply has no map.
 */
export function loadTileGrids(): Promise<TileGrid[]> {
	tileGrids ??= Promise.resolve(
		TILE_GRID_FILES.filter((file) => fs.existsSync(path.join(dataDir(), 'reference', file))).map((file) => ({
			file,
			tiles: readReference(file).map((r) => ({ code: r.code!, col: Number(r.col), row: Number(r.row) }))
		}))
	);
	return tileGrids;
}
const TILE_GRID_FILES = ['tile-grid-63.csv', 'tile-grid-34.csv'];
let tileGrids: Promise<TileGrid[]> | undefined;
