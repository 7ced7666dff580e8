/**
 * The data of an index page (`/pci`, `/papi`, `/par-index`) for one focus
 * unit and year: the six parts of issue 5 as plain chart figures, each with
 * its source line and methodology notes. Called by `src/routes/[index]`;
 * ranks come from `queries/ranks.ts` and verdicts from `targets.ts` only.
 */
import { t, type Locale } from '../../i18n/index.ts';
import type { IndexDef } from '../../domain/catalogue.ts';
import type { UnitRecord } from '../../domain/unit-names.ts';
import type { ComponentRow, DistributionDot, PeerSeries, TrajectoryPoint, TrendPoint } from '../../charts/types.ts';
import { pullDownFirst } from '../../charts/order.ts';
import { methodNotes, planText, sourceLine } from '../../ui/captions.ts';
import { loadCatalogue, loadUnitMatcher } from '../reference.ts';
import { componentChanges, rankingTable, scoreSummary, unitsFigures, type RankedFigure } from '../queries/ranks.ts';
import { coveredYears, figureBatches, indexYears, regionPeers, unitInfo } from '../queries/dashboard.ts';
import { targetsFor, type TargetReport } from '../targets.ts';

/** A row of the full ranking table. */
export interface RankingEntry {
	code: string;
	name: string;
	region: string | null;
	score: number | null;
	rank: number | null;
	n: number | null;
	computed: boolean;
	percentile: number | null;
	change: number | null;
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
	distribution: Captioned & { dots: DistributionDot[] };
	breakdown: Captioned & { rows: ComponentRow[]; baselineYear: number | null };
	peers: Captioned & { series: PeerSeries[]; group: string };
	ranking: Captioned & { rows: RankingEntry[] };
}

/** Years in which the method of an index changed, as a chart draws a line before them. */
function methodBreaks(index: IndexDef, years: number[]): number[] {
	// PAPI went from 6 dimensions (max 60) to 8 (max 80) with the 2018 survey.
	return index.id === 'PAPI' && years.includes(2018) && years.some((y) => y < 2018) ? [2018] : [];
}

/** The peers to compare with: those named in `param` (names or codes, comma-separated), else the unit's region. */
async function peerCodes(unit: UnitRecord, param: string, year: number): Promise<{ codes: string[]; chosen: boolean }> {
	const names = param.split(',').map((s) => s.trim()).filter(Boolean);
	if (names.length > 0) {
		const matcher = await loadUnitMatcher();
		const codes = names
			.map((name) => matcher.match(name, year))
			.flatMap((m) => (m.ok ? [m.unit.code] : []))
			.filter((c) => c !== unit.code);
		if (codes.length > 0) return { codes: [unit.code, ...new Set(codes)], chosen: true };
	}
	return { codes: await regionPeers(unit.code, year), chosen: false };
}

const totals = (figures: RankedFigure[]) => figures.filter((f) => f.componentId === 'total');

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
			? { year: y, rank: planned.rank, n: planned.n, targetRank: planned.targetRank, status: planned.status, comparable: planned.comparable, reason: planned.reason }
			: { year: y, rank: figure?.rank ?? null, n: figure?.n ?? null, targetRank: null, status: null, comparable: true, reason: null };
	});
}

/**
 * Each component of a unit's index in `year`, what pulled the total down
 * first: medians only where the component's table is (nearly) complete; a
 * change "since the baseline" only for a year after it. Shared with the briefing.
 */
export async function componentRows(locale: Locale, index: IndexDef, unitCode: string, year: number, baselineYear: number | null): Promise<ComponentRow[]> {
	const since = baselineYear !== null && baselineYear < year ? baselineYear : null;
	const changes = await componentChanges(unitCode, index.id, year, since ?? year);
	const [componentCover, catalogue] = await Promise.all([
		Promise.all(changes.map((c) => coveredYears(index.id, c.componentId, index.cohort))),
		loadCatalogue()
	]);
	const maxPoints = (id: string) => catalogue.components.find((c) => c.indexId === index.id && c.id === id)?.maxPoints ?? null;
	return pullDownFirst(
		changes.map((c, i) => ({
			componentId: c.componentId,
			name: locale === 'vi' ? c.nameVi : c.nameEn,
			score: c.score,
			median: componentCover[i].get(year) ? c.median : null,
			maxPoints: maxPoints(c.componentId),
			rank: c.rank,
			n: c.n,
			changePrevious: c.changePrevious,
			changeBaseline: since === null ? null : c.changeBaseline
		}))
	);
}

/** Everything an index page shows for `unit` in `year` (null: the unit's latest ranked year). */
export async function indexView(locale: Locale, index: IndexDef, unit: UnitRecord, yearParam: number | null, peersParam: string): Promise<IndexView> {
	const vi = locale === 'vi';
	const short = vi ? index.shortVi : index.shortEn;
	const publisher = vi ? index.publisherVi : index.publisherEn;
	const [years, [info], reports, own] = await Promise.all([
		indexYears(index.id),
		unitInfo([unit.code]),
		targetsFor(unit.code, index.id),
		unitsFigures([unit.code], index.id)
	]);
	const history = totals(own);
	const year = yearParam ?? history.filter((f) => f.rank !== null).at(-1)?.year ?? years.at(-1) ?? null;
	const report = reports[0];
	const baselineYear = report?.rule.baselineYear ?? null;
	const source = async (filter: Omit<Parameters<typeof figureBatches>[0], 'indexId'>) =>
		sourceLine(locale, [publisher], await figureBatches({ indexId: index.id, ...filter }));
	const notesFor = (points: { year: number; n: number | null }[]) =>
		methodNotes(locale, { id: index.id, short, publishesRanks: index.publishesRanks }, points);

	// 1. Rank trajectory: the unit's history, then the plan's years to the horizon.
	const trajectory = trajectoryPoints(history, report);

	// 2. Score trend against the national median and range, where the year's table is (nearly) complete.
	const [summary, covered] = await Promise.all([scoreSummary(index.id), coveredYears(index.id, 'total', index.cohort)]);
	const trend: TrendPoint[] = summary.map((s) => {
		const whole = covered.get(s.year) ?? false;
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
	const ranking = year === null ? [] : await rankingTable(index.id, year);
	const regions = new Map((await unitInfo(ranking.map((r) => r.unitCode))).map((u) => [u.code, vi ? u.region : u.regionEn]));
	const peers = await peerCodes(unit, peersParam, year ?? new Date().getFullYear());
	const peerFigures = totals(await unitsFigures(peers.codes, index.id));
	const peerInfo = await unitInfo(peers.codes);
	const series: PeerSeries[] = peerInfo.map((u) => ({
		code: u.code,
		name: u.name,
		role: u.code === unit.code ? 'focus' : 'peer',
		points: peerFigures.filter((f) => f.unitCode === u.code).map((f) => ({ year: f.year, rank: f.rank, n: f.n }))
	}));
	const region = vi ? info?.region : info?.regionEn;

	// 4. Components of the year.
	const since = baselineYear !== null && year !== null && baselineYear < year ? baselineYear : null;
	const rows = year === null ? [] : await componentRows(locale, index, unit.code, year, baselineYear);

	// A year with a few scores is no table: say so (with none at all, the empty chart says it).
	const scored = ranking.filter((r) => r.score !== null).length;
	const partial = year !== null && scored > 0 && !(covered.get(year) ?? false);
	const partialNote = partial ? [t(locale, 'note.partialYear', { year: year!, units: scored })] : [];

	return {
		index: { id: index.id, slug: index.slug, short, name: vi ? index.nameVi : index.nameEn, maxTotal: index.maxTotal },
		unit: { code: unit.code, name: unit.nameVi },
		years,
		year,
		peersParam,
		trajectory: {
			points: trajectory,
			plan: report ? planText(locale, report.plan) : null,
			source: await source({ unitCodes: [unit.code], componentId: 'total' }),
			notes: notesFor(trajectory.filter((p) => p.rank !== null))
		},
		trend: {
			points: trend,
			breaks: methodBreaks(index, trend.map((p) => p.year)),
			source: await source({ componentId: 'total' }),
			notes: [...notesFor(history), ...(trend.some((p) => p.median === null && p.units > 0) ? [t(locale, 'note.noMedian')] : [])]
		},
		distribution: {
			dots: ranking
				.filter((r) => r.score !== null)
				.map((r) => ({
					code: r.unitCode,
					name: r.unitName,
					score: r.score!,
					rank: r.rank,
					n: r.n,
					role: r.unitCode === unit.code ? 'focus' : peers.codes.includes(r.unitCode) ? 'peer' : 'other'
				})),
			source: year === null ? '' : await source({ year, componentId: 'total' }),
			notes: partialNote
		},
		breakdown: {
			rows,
			baselineYear: since,
			source: year === null ? '' : await source({ year, unitCodes: [unit.code] }),
			notes: year !== null && rows.some((r) => r.median === null) ? [t(locale, 'note.noMedian')] : []
		},
		peers: {
			series,
			group: peers.chosen ? t(locale, 'peers.chosen') : (region ?? '—'),
			source: await source({ unitCodes: peers.codes, componentId: 'total' }),
			notes: notesFor(peerFigures)
		},
		ranking: {
			rows: ranking.map((r) => ({
				code: r.unitCode,
				name: r.unitName,
				region: regions.get(r.unitCode) ?? null,
				score: r.score,
				rank: r.rank,
				n: r.n,
				computed: r.rankSource === 'computed',
				percentile: r.percentile,
				change: r.rankChange
			})),
			source: year === null ? '' : await source({ year, componentId: 'total' }),
			notes: partialNote
		}
	};
}
