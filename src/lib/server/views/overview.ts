/**
 * The overview page's data for one focus unit: a card per index (latest rank,
 * changes, target and status from the target engine, points needed,
 * sparkline, year-by-year figures with sources), the target table from the
 * baseline to the horizon, the merger note and the missing years. Called by
 * `src/routes/+page.server.ts`; ranks and verdicts come only from
 * `queries/ranks.ts` and `targets.ts`.
 */
import type { Locale } from '../../i18n/index.ts';
import type { IndexDef } from '../../domain/catalogue.ts';
import { rankChangeAcross, type TargetYear } from '../../domain/plan.ts';
import { namesakePredecessor, type UnitRecord, type UnitWithSuccessor } from '../../domain/unit-names.ts';
import { boundText, planText, targetText, unitLabel } from '../../ui/captions.ts';
import type { BoundFact } from '../../domain/bounds.ts';
import { acrossOf, type Across } from '../../domain/rank-change.ts';
import { inDisplayOrder, isDirectiveIndex } from '../../ui/index-order.ts';
import { loadCatalogue, loadUnits } from '../reference.ts';
import { unitTotals, unitsFigures, type RankedFigure } from '../queries/ranks.ts';
import { cohortSize, indexYears, unitInfo, unitSeats } from '../queries/dashboard.ts';
import { targetsFor, type TargetReport } from '../targets.ts';
import { yearMap, type YearMap } from './rank-map.ts';
import { memoisedPage } from '../db.ts';

export interface FigureRow {
	year: number;
	rank: number | null;
	n: number | null;
	rankSource: RankedFigure['rankSource'];
	valueType: RankedFigure['valueType'];
	score: number | null;
	source: string | null;
	note: string | null;
	/** A year known only by a bound: the bound in words (rank and score are then null). */
	bound: string | null;
}

export interface IndexCard {
	id: string;
	slug: string;
	short: string;
	name: string;
	/** The latest year with a rank (up to the chosen year). */
	latest: FigureRow | null;
	/** Rank changes; `across` names the equivalent they were measured against when N changed (issue 12). */
	changePrevious: { year: number; change: number | null; across: Across | null } | null;
	changeBaseline: { year: number; change: number | null; across: Across | null } | null;
	/** The unit whose rank is the baseline, when it is another unit of the lineage (a 2025 successor's namesake predecessor). */
	baselineUnit: string | null;
	/** The target verdict of the latest year, when the plan covers it. */
	judged: TargetYear | null;
	/** The plan's year after the latest shown one, with its target and verdict. */
	next: TargetYear | null;
	plan: string | null;
	baselineYear: number | null;
	needed: { year: number; targetRank: number; points: number; atLeast: boolean } | null;
	history: FigureRow[];
	/** Plan years up to the index's last published year that have no rank for this unit. */
	missingYears: number[];
}

export interface TargetCell {
	rank: number | null;
	n: number | null;
	/** A year known only by a bound: the bound in words. */
	bound: string | null;
	/** The target among the year's N ("15/34"), or the range "30–31/63" after a year known only by a bound. */
	target: string;
	targetRank: number | null;
	targetN: number | null;
	/** The year before carried to this year's N, when N changed. */
	across: Across | null;
	status: TargetYear['status'];
	comparable: boolean;
	reason: string | null;
}

export interface Overview {
	unit: { code: string; name: string };
	year: number | null;
	cards: IndexCard[];
	targetTable: { indices: { id: string; short: string }[]; rows: { year: number; cells: (TargetCell | null)[] }[] };
	merger: { date: string; successor: string; year: number; n: number } | null;
	/** For a 2025 unit: the units it was made of, each with its last rank among 63 in each index (issue 12). */
	predecessors: Predecessor[];
	/** A rank map per index, of the year its card shows (issue 18); indices without one are left out. */
	maps: { id: string; short: string; map: YearMap }[];
}

export interface Predecessor {
	code: string;
	name: string;
	/** The predecessor whose name the unit keeps: its baseline's lineage. */
	namesake: boolean;
	/** Holds the unit's seat. */
	seat: boolean;
	/** Last ranked year in each index shown, in the cards' order (null: no rank). */
	ranks: ({ year: number; rank: number; n: number | null } | null)[];
}

const toRow = (f: RankedFigure): FigureRow => ({
	year: f.year, rank: f.rank, n: f.n, rankSource: f.rankSource, valueType: f.valueType, score: f.score, source: f.source, note: f.note, bound: null
});

const boundRow = (locale: Locale, b: BoundFact): FigureRow => ({
	year: b.year, rank: null, n: b.n, rankSource: null, valueType: b.valueType, score: null, source: b.source, note: b.note, bound: boundText(locale, b, b.n)
});

async function card(locale: Locale, index: IndexDef, figures: RankedFigure[], report: TargetReport | undefined, year: number | null): Promise<IndexCard> {
	const bounds = (report?.bounds ?? []).filter((b) => year === null || b.year <= year);
	const ranked = figures.filter((f) => f.rank !== null && (year === null || f.year <= year));
	const latest = ranked.at(-1) ?? null;
	const baseline = report?.years[0] ?? null;
	const judged = report?.years.find((y) => y.year === latest?.year && y.status !== 'baseline') ?? null;
	const next = report?.years.find((y) => y.year > (latest?.year ?? 0) && y.status !== 'baseline') ?? null;
	const lastPublished = (await indexYears(index.id)).at(-1) ?? 0;
	return {
		id: index.id,
		slug: index.slug,
		short: locale === 'vi' ? index.shortVi : index.shortEn,
		name: locale === 'vi' ? index.nameVi : index.nameEn,
		latest: latest && toRow(latest),
		// The plan's year follows the lineage (a 2025 unit's year before is its predecessor's), so it goes first.
		changePrevious:
			latest &&
			(judged && judged.previousRank !== null
				? { year: latest.year - 1, change: judged.change, across: acrossOf(judged) }
				: { year: latest.year - 1, change: latest.rankChange, across: acrossOf(latest) }),
		changeBaseline: latest && baseline && latest.year > baseline.year ? baselineChange(baseline, latest) : null,
		baselineUnit: await lineageLabel(locale, report),
		judged,
		next,
		plan: report ? planText(locale, report.plan) : null,
		baselineYear: baseline?.year ?? null,
		needed: report?.needed
			? { year: report.needed.year, targetRank: report.needed.targetRank, points: report.needed.points, atLeast: report.needed.atLeast ?? false }
			: null,
		// Years known only by a bound stand among the figures, in year order, in words.
		history: [...figures.map(toRow), ...bounds.map((b) => boundRow(locale, b))].sort((a, b) => a.year - b.year),
		missingYears: (report?.years ?? []).filter((y) => y.rank === null && y.rankMin === null && y.year <= lastPublished && !bounds.some((b) => b.year === y.year)).map((y) => y.year)
	};
}

/** The unit whose rank a successor's baseline is, named apart from the successor ("Quảng Ngãi (đến 2025)"); null for the unit itself. */
async function lineageLabel(locale: Locale, report: TargetReport | undefined): Promise<string | null> {
	if (!report?.baselineUnit || report.baselineUnit.code === report.unit.code) return null;
	const [info] = await unitInfo([report.baselineUnit.code]);
	return unitLabel(locale, { name: report.baselineUnit.name, namesake: { validFrom: null, validTo: info?.validTo ?? null } });
}

/** The units a merged unit was made of, namesake first, with their last ranks before the merger. */
async function predecessorsOf(unit: UnitRecord, indexIds: string[]): Promise<Predecessor[]> {
	const units = await loadUnits();
	const made = units.filter((u) => u.successorCode === unit.code);
	if (made.length === 0) return [];
	const namesake = namesakePredecessor(unit as UnitWithSuccessor, units);
	const [seat] = await unitSeats([unit.code]);
	const figures = await unitsFigures(made.map((u) => u.code), undefined, 'total');
	return made
		.map((u) => ({
			code: u.code,
			name: u.nameVi,
			namesake: u.code === namesake?.code,
			seat: u.code === seat,
			ranks: indexIds.map((id) => {
				const last = figures.filter((f) => f.unitCode === u.code && f.indexId === id && f.rank !== null).at(-1);
				return last ? { year: last.year, rank: last.rank!, n: last.n } : null;
			})
		}))
		.sort((a, b) => Number(b.namesake) - Number(a.namesake) || a.name.localeCompare(b.name, 'vi'));
}

/** The change since the baseline year, against the baseline rank's equivalent when N changed since. */
function baselineChange(baseline: TargetYear, latest: RankedFigure): IndexCard['changeBaseline'] {
	const { equivalent, change } = rankChangeAcross(baseline, latest);
	const across = equivalent === null ? null : acrossOf({ previousRank: baseline.rank, previousN: baseline.n, previousEquivalent: equivalent, n: latest.n });
	return { year: baseline.year, change, across };
}

/** Everything the overview shows for `unit`, up to `year` (null: the latest); kept until the next import (`memoisedPage`). */
export function overview(locale: Locale, unit: UnitRecord, year: number | null): Promise<Overview> {
	return memoisedPage(JSON.stringify(['overview', locale, unit.code, year]), () => readOverview(locale, unit, year));
}

async function readOverview(locale: Locale, unit: UnitRecord, year: number | null): Promise<Overview> {
	const [catalogue, figures, reports, [info]] = await Promise.all([
		loadCatalogue(),
		unitTotals(unit.code),
		targetsFor(unit.code),
		unitInfo([unit.code])
	]);
	// The active plan of an index is its first report (latest horizon first).
	const active = new Map<string, TargetReport>();
	for (const report of reports) if (!active.has(report.index)) active.set(report.index, report);
	// The directive's three always, any other index where the unit has figures (SIPAS).
	const shown = inDisplayOrder(catalogue.indices.filter((i) => isDirectiveIndex(i.id) || figures.some((f) => f.indexId === i.id)));
	const cards = await Promise.all(
		shown.map((i) => card(locale, i, figures.filter((f) => f.indexId === i.id), active.get(i.id), year))
	);

	const planned = shown.filter((i) => active.has(i.id));
	const years = [...new Set(planned.flatMap((i) => active.get(i.id)!.years.map((y) => y.year)))].sort((a, b) => a - b);
	const rows = years.map((y) => ({
		year: y,
		cells: planned.map((i) => {
			const report = active.get(i.id)!;
			const entry = report.years.find((e) => e.year === y);
			const bound = report.bounds.find((b) => b.year === y);
			return entry
				? {
						rank: entry.rank, n: entry.n, bound: entry.rank === null && bound ? boundText(locale, bound, bound.n) : null,
						target: targetText(entry), targetRank: entry.targetRank, targetN: entry.targetN, across: acrossOf(entry),
						status: entry.status, comparable: entry.comparable, reason: entry.reason
					}
				: null;
		})
	}));

	let merger: Overview['merger'] = null;
	if (info?.validTo && info.successorName) {
		const firstYear = Number(info.validTo.slice(0, 4));
		const day = new Date(`${info.validTo}T00:00:00Z`);
		day.setUTCDate(day.getUTCDate() + 1);
		merger = {
			date: new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(day),
			successor: info.successorName,
			year: firstYear,
			n: await cohortSize(unit.cohort, firstYear)
		};
	}

	// Each index's map in the year of its card, the unit outlined; none for an index the unit has no rank in.
	const maps = (
		await Promise.all(
			shown.map(async (index, i) => {
				const mapYear = cards[i]!.latest?.year;
				const map = mapYear === undefined ? null : await yearMap(locale, index, mapYear, unit.code);
				return map ? [{ id: index.id, short: cards[i]!.short, map }] : [];
			})
		)
	).flat();

	return {
		unit: { code: unit.code, name: unit.nameVi },
		year,
		cards,
		maps,
		predecessors: await predecessorsOf(unit, shown.map((i) => i.id)),
		targetTable: { indices: planned.map((i) => ({ id: i.id, short: locale === 'vi' ? i.shortVi : i.shortEn })), rows },
		merger
	};
}
