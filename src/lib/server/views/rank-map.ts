/**
 * The rank map's squares for one index and year (issue 18): the shipped
 * tile-grid layout of the year's cohort (63 before July 2025, 34 after), each
 * square with the unit's figure and, when asked, its status against its own
 * target. Shared by the index pages, the overview and the briefing.
 */
import { layoutFor } from '../../domain/tile-grid.ts';
import { t, type Locale } from '../../i18n/index.ts';
import '../../i18n/areas/dashboard.ts';
import type { IndexDef } from '../../domain/catalogue.ts';
import type { Highlight, MapColour, MapTile } from '../../domain/chart-data.ts';
import { boundText, sourceLine } from '../../ui/captions.ts';
import { loadTileGrids, loadUnits } from '../reference.ts';
import { targetsFor } from '../targets.ts';
import { rankingTable, scoreSummary } from '../queries/ranks.ts';
import { yearBounds } from '../queries/bounds.ts';
import { figureBatches } from '../queries/dashboard.ts';

/** A unit's figure of the year, as the ranking table has it (a bound in words instead of a rank). */
export interface MapFigure {
	code: string;
	name: string;
	rank: number | null;
	n: number | null;
	score: number | null;
	bound?: string | null;
}

/**
 * The squares of the map for a year's figures, or null when no layout holds
 * the year's units (ministries, communes, a year without figures). Units
 * without a figure that year keep their square, empty; `focus` and `peers`
 * are outlined.
 * With `colour = 'status'`, every unit's target report is read (the default
 * rule covers units without a plan of their own), so a page asks for it only
 * when the reader chose it.
 */
export async function rankMapTiles(options: {
	figures: MapFigure[];
	indexId: string;
	year: number | null;
	focus: string | null;
	peers?: string[];
	colour?: MapColour;
}): Promise<MapTile[] | null> {
	const { figures, indexId, year, focus, peers = [], colour = 'rank' } = options;
	if (year === null) return null;
	const layout = layoutFor(await loadTileGrids(), figures.map((f) => f.code));
	if (!layout) return null;
	const byCode = new Map(figures.map((f) => [f.code, f]));
	const names = new Map((await loadUnits()).map((u) => [u.code, u.nameVi]));
	const statuses =
		colour === 'status'
			? new Map(
					await Promise.all(
						layout.tiles.map(async (t) => {
							const planned = (await targetsFor(t.code, indexId))[0]?.years.find((y) => y.year === year) ?? null;
							return [t.code, planned] as const;
						})
					)
				)
			: null;
	const role = (code: string): Highlight => (code === focus ? 'focus' : peers.includes(code) ? 'peer' : 'other');
	return layout.tiles.map((t) => {
		const f = byCode.get(t.code);
		const planned = statuses?.get(t.code) ?? null;
		return {
			code: t.code,
			name: f?.name ?? names.get(t.code) ?? t.code,
			col: t.col,
			row: t.row,
			rank: f?.rank ?? null,
			n: f?.n ?? null,
			score: f?.score ?? null,
			bound: f?.bound ?? null,
			role: role(t.code),
			status: planned?.status ?? null,
			targetRank: planned?.targetRank ?? null
		};
	});
}

/** The notes every rank map carries: where the islands belong, and what the squares' places come from. */
export function mapNotes(locale: Locale): string[] {
	return [t(locale, 'map.islands'), t(locale, 'map.layout')];
}

/** A year's rank map of an index with its source line, for pages that have not read the year's table (overview, briefing). */
export interface YearMap {
	year: number;
	tiles: MapTile[];
	source: string;
	notes: string[];
}

/**
 * The rank map of `index` in `year` with `focus` outlined: the year's whole
 * table and its bounds; null when no tile grid holds the year's units.
 */
export async function yearMap(locale: Locale, index: IndexDef, year: number, focus: string): Promise<YearMap | null> {
	if (!(await mayHaveLayout(index.id, year))) return null;
	const [ranking, bounds] = await Promise.all([rankingTable(index.id, year), yearBounds(index.id, year)]);
	const tiles = await rankMapTiles({
		figures: [
			...ranking.map((r) => ({ code: r.unitCode, name: r.unitName, rank: r.rank, n: r.n, score: r.score })),
			...bounds
				.filter((b) => !ranking.some((r) => r.unitCode === b.unitCode))
				.map((b) => ({ code: b.unitCode, name: b.unitName, rank: null, n: b.n, score: null, bound: boundText(locale, b, b.n) }))
		],
		indexId: index.id,
		year,
		focus
	});
	if (!tiles) return null;
	const publisher = locale === 'vi' ? index.publisherVi : index.publisherEn;
	const source = sourceLine(locale, [publisher], await figureBatches({ indexId: index.id, year, componentId: 'total' }));
	return { year, tiles, source, notes: mapNotes(locale) };
}

/**
 * False when no tile grid can hold the year's table: it has more units with a
 * score (kept per import by the rank refresh) than the largest grid has
 * squares, or there is no grid at all. Then the table is not read: at commune
 * scale it is 10,000 rows per index, read for an overview that shows none of
 * them (issue 16: most of a commune page's time and memory).
 */
async function mayHaveLayout(indexId: string, year: number): Promise<boolean> {
	const [grids, summary] = await Promise.all([loadTileGrids(), scoreSummary(indexId)]);
	const squares = Math.max(0, ...grids.map((g) => g.tiles.length));
	return (summary.find((s) => s.year === year)?.units ?? 0) <= squares;
}
