/**
 * The data of an index page (`/pci`, `/papi`, `/par-index`) for one focus
 * unit and year: the six parts of issue 5 as plain chart figures, each with
 * its source line and methodology notes. Called by `src/routes/[index]`;
 * ranks come from `queries/ranks.ts` and verdicts from `targets.ts` only.
 */
import { acrossOf, type Across } from '../../domain/rank-change.ts';
import { t, type Locale } from '../../i18n/index.ts';
import '../../i18n/areas/dashboard.ts';
import type { IndexDef } from '../../domain/catalogue.ts';
import type { UnitRecord } from '../../domain/unit-names.ts';
import type { ComponentRow, DistributionDot, MapColour, MapTile, PeerSeries, TrajectoryPoint, TrendPoint } from '../../domain/chart-data.ts';
import { pullDownFirst } from '../../domain/component-order.ts';
import { boundNote, boundText, cohortBreakNotes, methodNotes, planText, sourceLine } from '../../ui/captions.ts';
import { memoisedPage } from '../db.ts';
import { yearBounds } from '../queries/bounds.ts';
import { loadCatalogue, loadUnitMatcher } from '../reference.ts';
import { componentChanges, rankingSlice, rankingTable, scoreBins, scoreSummary, unitsFigures, type RankedFigure, type RankingRow, type ScoreBin } from '../queries/ranks.ts';
import { batchesOf, figureBatches, indexYears, regionPeers, unitInfo, type BatchLabel } from '../queries/dashboard.ts';
import { targetsFor, type TargetReport } from '../targets.ts';
import { mapNotes, rankMapTiles } from './rank-map.ts';

/** A row of the full ranking table. */
export interface RankingEntry {
	code: string;
	name: string;
	region: string | null;
	score: number | null;
	rank: number | null;
	/** A unit known only by a bound that year: the bound in words (listed after the ranked units, never given a rank). */
	bound?: string | null;
	n: number | null;
	computed: boolean;
	percentile: number | null;
	change: number | null;
	/** The year before carried to this year's N when N changed: the change is against its equivalent. */
	across: Across | null;
}

/**
 * Up to this many ranked units, a year's table is sent whole (sorted and
 * searched in the browser) and the distribution draws a dot a unit; beyond it
 * (10,000 communes), the table comes a page at a time from the server and the
 * distribution is a histogram with the focus unit and its peers on it.
 */
export const WHOLE_TABLE_LIMIT = 500;
export const RANKING_PAGE_SIZE = 50;
const HISTOGRAM_BINS = 40;
/** A region's peers beyond this many: the ones closest in rank to the focus unit. */
export const MAX_PEERS = 12;

/** A page of a ranking too long to send whole. */
export interface RankingPaging {
	/** Rows matching the search (all ranked rows without one). */
	total: number;
	/** Position (0-based) of the first row shown among the matches. */
	offset: number;
	pageSize: number;
	/** The focus unit's place in the whole table, when it has one. */
	focusPosition: number | null;
	search: string;
}

/** What the URL asks of the ranking table: a search (`rq`) and a page (`rpage`, 1-based). */
export interface RankingQuery {
	search: string;
	page: number | null;
}

interface Captioned {
	source: string;
	notes: string[];
}

export interface IndexView {
	index: { id: string; slug: string; short: string; name: string; maxTotal: number | null };
	unit: { code: string; name: string };
	years: number[];
	year: number | null;
	peersParam: string;
	trajectory: Captioned & { points: TrajectoryPoint[]; plan: string | null };
	trend: Captioned & { points: TrendPoint[]; breaks: number[] };
	/** `bins`: a histogram of every score, when there are too many units for a dot each (then `dots` holds the highlighted ones). */
	distribution: Captioned & { dots: DistributionDot[]; bins: ScoreBin[] | null; units: number };
	breakdown: Captioned & { rows: ComponentRow[]; baselineYear: number | null };
	peers: Captioned & { series: PeerSeries[]; group: string };
	/** The map of ranks (issue 18); `tiles` null when no tile grid holds the year's units. */
	map: Captioned & { tiles: MapTile[] | null; colour: MapColour };
	/** `paging`: null when every row is sent. `position` of each row is its place in the whole table. */
	ranking: Captioned & { rows: (RankingEntry & { position: number })[]; paging: RankingPaging | null };
}

/** Years in which the method of an index changed, as a chart draws a line before them. */
function methodBreaks(index: IndexDef, years: number[]): number[] {
	// PAPI went from 6 dimensions (max 60) to 8 (max 80) with the 2018 survey.
	return index.id === 'PAPI' && years.includes(2018) && years.some((y) => y < 2018) ? [2018] : [];
}

/**
 * The peers to compare with: those named in `param` (names or codes,
 * comma-separated, at most `MAX_PEERS`), else the unit's region; a region
 * larger than that gives the units closest in rank to the focus unit in
 * `year` (`nearest`: true), so the bump chart stays readable.
 */
async function peerCodes(
	unit: UnitRecord,
	param: string,
	year: number,
	ranks: Map<string, number | null>
): Promise<{ codes: string[]; chosen: boolean; nearest: boolean }> {
	const names = param.split(',').map((s) => s.trim()).filter(Boolean);
	if (names.length > 0) {
		const matcher = await loadUnitMatcher();
		const codes = names
			.map((name) => matcher.match(name, year))
			.flatMap((m) => (m.ok ? [m.unit.code] : []))
			.filter((c) => c !== unit.code);
		if (codes.length > 0) return { codes: [unit.code, ...new Set(codes)].slice(0, MAX_PEERS), chosen: true, nearest: false };
	}
	const region = await regionPeers(unit.code, year);
	if (region.length <= MAX_PEERS) return { codes: region, chosen: false, nearest: false };
	const own = ranks.get(unit.code) ?? null;
	const distance = (code: string) => {
		const rank = ranks.get(code) ?? null;
		return code === unit.code ? -1 : rank === null || own === null ? Infinity : Math.abs(rank - own);
	};
	const nearest = [...region].sort((a, b) => distance(a) - distance(b) || a.localeCompare(b)).slice(0, MAX_PEERS);
	return { codes: region.filter((c) => nearest.includes(c)), chosen: false, nearest: true };
}

/**
 * A unit's rank trajectory: its history, then the plan's years up to `until`
 * (default: the horizon), each plan year with its target and verdict. Shared
 * with the briefing.
 */
export function trajectoryPoints(history: RankedFigure[], report: TargetReport | null | undefined, until = Infinity): TrajectoryPoint[] {
	const planYears = new Map((report?.years ?? []).filter((y) => y.year <= until).map((y) => [y.year, y]));
	const trajectoryYears = [...new Set([...history.map((f) => f.year), ...planYears.keys()])].sort((a, b) => a - b);
	return trajectoryYears.map((y) => {
		const planned = planYears.get(y);
		const figure = history.find((f) => f.year === y);
		return planned
			? {
					year: y, rank: planned.rank, n: planned.n, targetRank: planned.targetRank, targetN: planned.targetN, across: acrossOf(planned),
					status: planned.status, comparable: planned.comparable, reason: planned.reason,
					...(planned.rankMin !== null && { rankMin: planned.rankMin, rankMax: planned.rankMax }),
					...(planned.targetRankMin !== null && { targetRankMin: planned.targetRankMin, targetRankMax: planned.targetRankMax })
				}
			: {
					year: y, rank: figure?.rank ?? null, n: figure?.n ?? null, targetRank: null, targetN: null, across: figure ? acrossOf(figure) : null,
					status: null, comparable: true, reason: null
				};
	});
}

/**
 * Each component of a unit's index in `year`, what pulled the total down
 * first: medians only where the component's table is (nearly) complete; a
 * change "since the baseline" only for a year after it. Shared with the briefing.
 */
export async function componentRows(locale: Locale, index: IndexDef, unitCode: string, year: number, baselineYear: number | null): Promise<ComponentRow[]> {
	const since = baselineYear !== null && baselineYear < year ? baselineYear : null;
	// `componentChanges` gives a median only where the component's table is (nearly) complete.
	const [changes, catalogue] = await Promise.all([componentChanges(unitCode, index.id, year, since ?? year), loadCatalogue()]);
	const maxPoints = (id: string) => catalogue.components.find((c) => c.indexId === index.id && c.id === id)?.maxPoints ?? null;
	return pullDownFirst(
		changes.map((c) => ({
			componentId: c.componentId,
			name: locale === 'vi' ? c.nameVi : c.nameEn,
			score: c.score,
			median: c.median,
			maxPoints: maxPoints(c.componentId),
			rank: c.rank,
			n: c.n,
			changePrevious: c.changePrevious,
			changeBaseline: since === null ? null : c.changeBaseline
		}))
	);
}

/**
 * Everything an index page shows for `unit` in `year` (null: the unit's latest
 * ranked year). Kept until the next import (`memoisedPage`): a page asks
 * DuckDB eight questions, most of the server's time for it (issue 16).
 */
export function indexView(
	locale: Locale,
	index: IndexDef,
	unit: UnitRecord,
	yearParam: number | null,
	peersParam: string,
	rankingQuery: RankingQuery = { search: '', page: null },
	mapColour: MapColour = 'rank'
): Promise<IndexView> {
	// Without a year the peers are those of today's year: it is part of what the page shows.
	const key = JSON.stringify(['index', locale, index.id, unit.code, yearParam ?? new Date().getFullYear(), yearParam === null, peersParam, rankingQuery, mapColour]);
	return memoisedPage(key, () => readIndexView(locale, index, unit, yearParam, peersParam, rankingQuery, mapColour));
}

async function readIndexView(
	locale: Locale,
	index: IndexDef,
	unit: UnitRecord,
	yearParam: number | null,
	peersParam: string,
	rankingQuery: RankingQuery,
	mapColour: MapColour
): Promise<IndexView> {
	const vi = locale === 'vi';
	const short = vi ? index.shortVi : index.shortEn;
	const publisher = vi ? index.publisherVi : index.publisherEn;
	const [years, [info], reports, unitFigures, summary] = await Promise.all([
		indexYears(index.id),
		unitInfo([unit.code]),
		targetsFor(unit.code, index.id),
		unitsFigures([unit.code], index.id),
		scoreSummary(index.id)
	]);
	const history = unitFigures.filter((f) => f.componentId === 'total');
	const year = yearParam ?? history.filter((f) => f.rank !== null).at(-1)?.year ?? years.at(-1) ?? null;
	const report = reports[0];
	const baselineYear = report?.rule.baselineYear ?? null;
	// The source line of a chart: the batches of a whole table, or of the figures a chart of some units drew.
	const line = (batches: BatchLabel[]) => sourceLine(locale, [publisher], batches);
	const tableSource = async (filter: { year?: number; componentId?: string }) => line(await figureBatches({ indexId: index.id, ...filter }));
	const figuresSource = async (figures: RankedFigure[]) => line(await batchesOf(figures.map((f) => f.batchId)));
	const notesFor = (points: { year: number; n: number | null }[]) =>
		methodNotes(locale, { id: index.id, short, publishesRanks: index.publishesRanks }, points);

	// 1. Rank trajectory: the unit's history, then the plan's years to the horizon.
	const trajectory = trajectoryPoints(history, report);

	// 2. Score trend against the national median and range, where the year's table is (nearly) complete.
	const covered = new Map(summary.map((s) => [s.year, s.covered]));
	const trend: TrendPoint[] = summary.map((s) => {
		const whole = s.covered;
		return {
			year: s.year,
			score: history.find((f) => f.year === s.year)?.score ?? null,
			median: whole ? s.median : null,
			min: whole ? s.min : null,
			max: whole ? s.max : null,
			units: s.units
		};
	});

	// 3 and 6. Distribution and ranking of the year; 5. peers over the years.
	const scored = year === null ? 0 : (summary.find((s) => s.year === year)?.units ?? 0);
	const whole = scored <= WHOLE_TABLE_LIMIT;
	const peerYear = year ?? new Date().getFullYear();
	const rankingPart = async (): Promise<{ rows: (RankingRow & { position: number })[]; paging: RankingPaging | null }> => {
		if (year === null) return { rows: [], paging: null };
		if (whole) return { rows: (await rankingTable(index.id, year)).map((r, i) => ({ ...r, position: i + 1 })), paging: null };
		const slice = await rankingSlice(index.id, year, {
			focus: unit.code,
			search: rankingQuery.search,
			page: rankingQuery.page ?? undefined,
			pageSize: RANKING_PAGE_SIZE
		});
		return {
			rows: slice.rows,
			paging: { total: slice.total, offset: slice.offset, pageSize: slice.pageSize, focusPosition: slice.focusPosition, search: rankingQuery.search }
		};
	};
	const peersPart = async () => {
		// Ranks of the focus unit's region in the year, to pick the nearest peers of a large region.
		const regionFigures = year === null ? null : await unitsFigures(await regionPeers(unit.code, peerYear), index.id, 'total');
		const regionRanks = new Map((regionFigures ?? []).filter((f) => f.year === year).map((f) => [f.unitCode, f.rank]));
		const peers = await peerCodes(unit, peersParam, peerYear, regionRanks);
		// Peers from the region are among the figures just read; chosen ones are read now.
		const [peerFigures, peerInfo] = await Promise.all([
			regionFigures && !peers.chosen ? regionFigures.filter((f) => peers.codes.includes(f.unitCode)) : unitsFigures(peers.codes, index.id, 'total'),
			unitInfo(peers.codes)
		]);
		return { peers, peerFigures, peerInfo };
	};
	const [{ rows: ranking, paging }, { peers, peerFigures, peerInfo }, bins, rows] = await Promise.all([
		rankingPart(),
		peersPart(),
		year !== null && !whole ? scoreBins(index.id, year, HISTOGRAM_BINS) : null,
		year === null ? [] : componentRows(locale, index, unit.code, year, baselineYear)
	]);
	// Units known only by a bound that year: after the ranked ones, marked, without a rank (none is invented).
	const yearBoundList = year === null ? [] : (await yearBounds(index.id, year)).filter((b) => !ranking.some((r) => r.unitCode === b.unitCode));
	const regions = new Map((await unitInfo([...ranking.map((r) => r.unitCode), ...yearBoundList.map((b) => b.unitCode)])).map((u) => [u.code, vi ? u.region : u.regionEn]));
	const boundRows = yearBoundList.map((b, i) => ({
		code: b.unitCode, name: b.unitName, region: regions.get(b.unitCode) ?? null, score: null, rank: null, n: b.n, computed: false,
		percentile: null, change: null, across: null, position: ranking.length + i + 1, bound: boundText(locale, b, b.n)
	}));
	const series: PeerSeries[] = peerInfo.map((u) => ({
		code: u.code,
		name: u.name,
		role: u.code === unit.code ? 'focus' : 'peer',
		points: peerFigures.filter((f) => f.unitCode === u.code).map((f) => ({ year: f.year, rank: f.rank, n: f.n }))
	}));
	// A histogram of every score, with the focus unit and its peers on it, when there are too many for a dot each.
	const highlighted: DistributionDot[] =
		year === null || whole
			? []
			: peerFigures
					.filter((f) => f.year === year && f.score !== null)
					.map((f) => ({
						code: f.unitCode,
						name: peerInfo.find((u) => u.code === f.unitCode)?.name ?? f.unitCode,
						score: f.score!,
						rank: f.rank,
						n: f.n,
						role: f.unitCode === unit.code ? 'focus' : 'peer'
					}));
	const region = vi ? info?.region : info?.regionEn;
	// A map only of a whole table: a page of 10,000 communes has no tile grid anyway.
	const mapTiles = !whole
		? null
		: await rankMapTiles({
				figures: [...ranking.map((r) => ({ code: r.unitCode, name: r.unitName, rank: r.rank, n: r.n, score: r.score })), ...boundRows],
				indexId: index.id,
				year,
				focus: unit.code,
				peers: peers.codes.filter((c) => c !== unit.code),
				colour: mapColour
			});

	// 4. Components of the year.
	const since = baselineYear !== null && year !== null && baselineYear < year ? baselineYear : null;

	// A year with a few scores is no table: say so (with none at all, the empty chart says it).
	const partial = year !== null && scored > 0 && !(covered.get(year) ?? false);
	const partialNote = partial ? [t(locale, 'note.partialYear', { year: year!, units: scored })] : [];

	const [trajectorySource, trendSource, yearSource, breakdownSource, peersSource] = await Promise.all([
		figuresSource(history),
		tableSource({ componentId: 'total' }),
		year === null ? '' : tableSource({ year, componentId: 'total' }),
		year === null ? '' : figuresSource(unitFigures.filter((f) => f.year === year)),
		figuresSource(peerFigures)
	]);

	return {
		index: { id: index.id, slug: index.slug, short, name: vi ? index.nameVi : index.nameEn, maxTotal: index.maxTotal },
		unit: { code: unit.code, name: unit.nameVi },
		years,
		year,
		peersParam,
		trajectory: {
			points: trajectory,
			plan: report ? planText(locale, report.plan) : null,
			source: trajectorySource,
			// Each bound the chart draws as a band, in words with where it was read; and where N changes, the break.
			notes: [
				...notesFor(trajectory.filter((p) => p.rank !== null)),
				...(report?.bounds ?? []).map((b) => boundNote(locale, short, b)),
				...cohortBreakNotes(locale, trajectory)
			]
		},
		trend: {
			points: trend,
			breaks: methodBreaks(index, trend.map((p) => p.year)),
			source: trendSource,
			notes: [...notesFor(history), ...(trend.some((p) => p.median === null && p.units > 0) ? [t(locale, 'note.noMedian')] : [])]
		},
		distribution: {
			dots: whole
				? ranking
						.filter((r) => r.score !== null)
						.map((r) => ({
							code: r.unitCode,
							name: r.unitName,
							score: r.score!,
							rank: r.rank,
							n: r.n,
							role: r.unitCode === unit.code ? 'focus' : peers.codes.includes(r.unitCode) ? 'peer' : 'other'
						}))
				: highlighted,
			bins,
			units: scored,
			source: yearSource,
			notes: partialNote
		},
		breakdown: {
			rows,
			baselineYear: since,
			source: breakdownSource,
			notes: year !== null && rows.some((r) => r.median === null) ? [t(locale, 'note.noMedian')] : []
		},
		peers: {
			series,
			group: peers.chosen
				? t(locale, 'peers.chosen')
				: peers.nearest
					? t(locale, 'peers.nearest', { region: region ?? '—', count: peers.codes.length - 1 })
					: (region ?? '—'),
			source: peersSource,
			notes: notesFor(peerFigures)
		},
		map: {
			tiles: mapTiles,
			colour: mapColour,
			source: yearSource,
			notes: mapTiles ? [...partialNote, ...mapNotes(locale)] : []
		},
		ranking: {
			rows: [...ranking.map((r) => ({
				code: r.unitCode,
				name: r.unitName,
				region: regions.get(r.unitCode) ?? null,
				score: r.score,
				rank: r.rank,
				n: r.n,
				computed: r.rankSource === 'computed',
				percentile: r.percentile,
				change: r.rankChange,
				across: acrossOf(r),
				position: r.position
			})), ...boundRows],
			paging,
			source: yearSource,
			notes: partialNote
		}
	};
}
