/**
 * What the briefing page prints, in the interface language, built from the
 * figures `loadBriefing` gathered: the cover's summary table, one page per
 * index with data (findings, chart points, source line) and the print
 * stylesheet with the running footers. Pure; called by the page's server load.
 */
import { formatNumber, t, type Locale } from '../../i18n/index.ts';
import '../../i18n/areas/briefing.ts';
import '../../i18n/areas/dashboard.ts';
import '../../i18n/areas/whatif.ts';
import { indexFindings, unitPhrase } from '../../domain/findings.ts';
import { rankChangeAcross, type TargetYear } from '../../domain/plan.ts';
import { acrossOf } from '../../domain/rank-change.ts';
import { componentTable, mapTable, reachTable, trajectoryTable, type ChartTable } from '../../domain/chart-tables.ts';
import type { ComponentRow, MapTile, PlanStatus, ReachRow, TrajectoryPoint } from '../../domain/chart-data.ts';
import { boundText, changeText, cohortBreakNotes, formatPoints, methodNotes, planText, targetText } from '../../ui/captions.ts';
import { PAGE_MARGIN_MM } from '../../ui/fit-page.ts';
import type { Briefing, BriefingIndex, BatchInfo } from '../briefing.ts';
import type { RankedFigure } from '../queries/ranks.ts';
import { trajectoryPoints } from './index-page.ts';

export interface SummaryRow {
	indexId: string;
	name: string;
	/** "43/63", or the word for no rank with the latest one known. */
	rank: string;
	previous: string;
	baseline: string;
	target: string;
	status: PlanStatus | null;
	statusText: string;
	comparable: boolean;
	needed: string;
}

export interface IndexPage {
	id: string;
	/** CSS name of the page, so its footer names its own sources. */
	pageName: string;
	/** The index's short name, e.g. "Chỉ số CCHC". */
	short: string;
	title: string;
	plan: string;
	findings: string[];
	trajectory: { points: TrajectoryPoint[]; table: ChartTable; title: string; subtitle: string; label: string; notes: string[] };
	breakdown: { rows: ComponentRow[]; table: ChartTable; baselineYear: number | null; title: string; subtitle: string; label: string };
	/** "To reach the target": the cheapest path in one sentence, where the year's target was missed; else null. */
	reach: string | null;
	/** The reader's way to try other scenarios: the year's what-if page. */
	reachHref: string | null;
	/** The path's chart (each component now → needed), where there is a path; else null. */
	reachChart: { rows: ReachRow[]; table: ChartTable; title: string; subtitle: string; label: string } | null;
	/** The small map of ranks of the year (issue 18), with its own source line (the whole table's batches). */
	map: { tiles: MapTile[]; table: ChartTable; title: string; label: string; source: string; notes: string[] } | null;
	/** The chart frames' source line: publisher and import batches. */
	chartSource: string;
	/** The footer's source line: publisher, years of the figures, import batches. */
	footer: string;
}

export interface BriefingView {
	year: number;
	title: string;
	subtitle: string;
	dataAsOf: string | null;
	printedOn: string;
	summary: SummaryRow[];
	pages: IndexPage[];
	/** Said on the cover when a chosen index has no figure at all. */
	noFigures: string | null;
	/** The print stylesheet: A4 pages, margins and the running footers. */
	printCss: string;
	/** The PDF's file name, ASCII. */
	fileName: string;
}

/** A text as a CSS string literal, safe inside a `<style>` element. */
export function cssString(text: string): string {
	return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\A ').replace(/</g, '\\3C ')}"`;
}

/** Years as short ranges: 2015–2019, 2021, 2023. */
export function yearSpans(years: number[]): string {
	const sorted = [...new Set(years)].sort((a, b) => a - b);
	const spans: string[] = [];
	for (let i = 0; i < sorted.length; i++) {
		let j = i;
		while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
		spans.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
		i = j;
	}
	return spans.join(', ');
}

/** Each locale's day format, made once: an `Intl.DateTimeFormat` costs more to build than to use (issue 16). */
const dayFormats: Record<Locale, Intl.DateTimeFormat> = {
	vi: new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: 'numeric', month: '2-digit', year: 'numeric' }),
	en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: 'numeric', month: 'long', year: 'numeric' })
};

/** A calendar day in the locale's format, in Vietnam's time zone: 26/11/2026, 26 November 2026. */
export function formatDay(locale: Locale, day: Date): string {
	return dayFormats[locale].format(day);
}

const batchList = (locale: Locale, batches: BatchInfo[]) =>
	batches.map((b) => t(locale, 'chart.batch', { id: b.id, file: b.fileName })).join(', ') || '—';

const rankOf = (locale: Locale, r: { rank: number | null; n: number | null }) =>
	r.rank === null ? null : `${formatNumber(locale, r.rank)}/${r.n === null ? '?' : formatNumber(locale, r.n)}`;

/** The plan's year being judged, when the plan covers the briefing's year. */
const judgedYear = (item: BriefingIndex, year: number): TargetYear | null => item.report?.years.find((y) => y.year === year) ?? null;

/** The year's bound in words and the host it was read on, when the year is known only by a bound. */
function yearBound(locale: Locale, item: BriefingIndex, year: number) {
	const bound = item.report?.bounds.find((b) => b.year === year);
	if (!bound) return null;
	const source = bound.source?.startsWith('http') ? new URL(bound.source).hostname : bound.source;
	return { text: boundText(locale, bound, bound.n), source };
}

/**
 * The change since the year before: the plan's (it follows the lineage, so a
 * 2025 successor compares with its predecessor), else the unit's own; across a
 * change of N against the equivalent rank, and the words say so (issue 12).
 */
function previousChange(locale: Locale, judged: TargetYear | null, current: RankedFigure): string {
	return judged && judged.previousRank !== null
		? changeText(locale, judged.change, acrossOf(judged))
		: changeText(locale, current.rankChange, acrossOf(current));
}

/** The change since the baseline year, against its equivalent when N changed since. */
function baselineChange(locale: Locale, baseline: TargetYear, current: RankedFigure): string {
	const { equivalent, change } = rankChangeAcross(baseline, current);
	return changeText(locale, change, acrossOf({ previousRank: baseline.rank, previousN: baseline.n, previousEquivalent: equivalent, n: current.n }));
}

function summaryRow(locale: Locale, item: BriefingIndex, year: number): SummaryRow {
	const current = item.totals.find((f) => f.year === year && f.rank !== null) ?? null;
	const latest = item.totals.filter((f) => f.rank !== null).at(-1);
	const judged = judgedYear(item, year);
	const baseline = item.report?.years[0] ?? null;
	const needed = item.report?.needed;
	// A unit merged away has its year's rank in its successor (the plan's lineage): the verdict is on it, so is the rank shown.
	let rank = rankOf(locale, current ?? (judged && judged.rank !== null ? judged : { rank: null, n: null })) ?? yearBound(locale, item, year)?.text ?? null;
	if (rank === null) {
		rank = latest ? t(locale, 'briefing.noRankLatest', { rank: rankOf(locale, latest)!, year: latest.year }) : t(locale, 'briefing.noRank');
	}
	return {
		indexId: item.index.id,
		name: locale === 'vi' ? item.index.shortVi : item.index.shortEn,
		rank,
		previous: current ? previousChange(locale, judged, current) : judged && judged.rank !== null ? changeText(locale, judged.change, acrossOf(judged)) : '—',
		baseline: current && baseline && baseline.year < year ? `${baselineChange(locale, baseline, current)} (${baseline.year})` : '—',
		target: judged ? targetText(judged) : '—',
		status: judged?.status ?? null,
		statusText: judged ? t(locale, `status.${judged.status}`) : '—',
		comparable: judged?.comparable ?? true,
		// From a score bound (no score known), the points are a minimum.
		needed: needed && needed.year === year ? `${needed.atLeast ? '≥ ' : ''}${formatPoints(locale, needed.points)}` : '—'
	};
}

/**
 * The cheapest path to the missed target in one sentence: the components to
 * raise, from what to what, and the points in all (or that no path exists).
 */
export function reachSentence(locale: Locale, item: Pick<BriefingIndex, 'toTarget' | 'components'>, year: number): string | null {
	const target = item.toTarget;
	if (!target) return null;
	if (!target.reachable) return t(locale, 'briefing.reach.unreachable', { rank: target.rank, year });
	const steps = reachRows(item).map((s) =>
		t(locale, 'briefing.reach.step', { component: s.name, from: formatNumber(locale, s.from), to: formatNumber(locale, s.to) })
	);
	return t(locale, 'briefing.reach.path', {
		rank: target.rank,
		year,
		gain: formatNumber(locale, target.gainNeeded),
		steps: steps.join('; '),
		points: formatNumber(locale, target.pathPoints)
	});
}

/** The path's components with their names and maxima, heaviest first (the path's order); none without a path. */
export function reachRows(item: Pick<BriefingIndex, 'toTarget' | 'components'>): ReachRow[] {
	const target = item.toTarget;
	if (!target?.reachable) return [];
	return target.path.map((s) => {
		const row = item.components.find((c) => c.componentId === s.component);
		return { componentId: s.component, name: row?.name ?? s.component, from: s.from, to: s.to, maxPoints: row?.maxPoints ?? null };
	});
}

function indexPage(locale: Locale, briefing: Briefing, item: BriefingIndex): IndexPage {
	const { year } = briefing;
	const short = locale === 'vi' ? item.index.shortVi : item.index.shortEn;
	const publisher = locale === 'vi' ? item.index.publisherVi : item.index.publisherEn;
	const unitName = briefing.unit.name;
	const names = { index: short, unit: unitName, year };
	// A plan speaks only from its baseline year on; a change since the baseline exists only after it.
	const plan = item.report && item.report.rule.baselineYear <= year ? item.report : null;
	const baselineYear = plan && plan.rule.baselineYear < year ? plan.rule.baselineYear : null;
	const rows = item.components;
	// The unit's history up to the year, then the plan's next target ahead.
	const points = trajectoryPoints(item.totals, item.report, year + 1);
	const reach = reachRows(item);
	const reachNames = { ...names, rank: item.toTarget?.rank ?? '' };
	return {
		id: item.index.id,
		pageName: `index-${item.index.slug}`,
		short,
		title: `${short}: ${locale === 'vi' ? item.index.nameVi : item.index.nameEn}`,
		plan: item.report ? t(locale, 'briefing.plan', { plan: planText(locale, item.report.plan) }) : t(locale, 'briefing.noPlan'),
		findings: indexFindings(locale, {
			indexId: item.index.id,
			index: short,
			unit: unitPhrase(locale, { name: unitName, kind: briefing.unit.kind }),
			year,
			maxScore: item.index.maxTotal,
			totals: item.totals,
			plan: plan && { baselineYear: plan.rule.baselineYear, years: plan.years },
			needed: plan?.needed ?? null,
			components: rows,
			bound: yearBound(locale, item, year)
		}),
		trajectory: {
			points,
			table: trajectoryTable(locale, points),
			title: t(locale, 'trajectory.title', names),
			subtitle: item.report ? t(locale, 'trajectory.subtitle', { plan: planText(locale, item.report.plan) }) : '',
			label: t(locale, 'trajectory.label', names),
			notes: [
				...methodNotes(locale, { id: item.index.id, short, publishesRanks: item.index.publishesRanks }, item.totals),
				...cohortBreakNotes(locale, points)
			]
		},
		breakdown: {
			rows,
			table: componentTable(locale, rows, baselineYear),
			baselineYear,
			title: t(locale, 'breakdown.title', names),
			subtitle: t(locale, 'breakdown.subtitle', names),
			label: t(locale, 'breakdown.label', names)
		},
		reach: reachSentence(locale, item, year),
		reachChart:
			reach.length === 0
				? null
				: {
						rows: reach,
						table: reachTable(locale, reach),
						title: t(locale, 'briefing.reach.chart.title', reachNames),
						subtitle: t(locale, 'briefing.reach.chart.subtitle', reachNames),
						label: t(locale, 'briefing.reach.chart.label', reachNames)
					},
		reachHref: item.toTarget
			? `/${item.index.slug}/what-if?unit=${encodeURIComponent(unitName)}&year=${year}${locale === 'vi' ? '' : '&lang=en'}`
			: null,
		map: item.map
			? {
					tiles: item.map.tiles,
					table: mapTable(locale, item.map.tiles, 'rank'),
					title: t(locale, 'map.title', { ...names, n: item.map.tiles.length }),
					label: t(locale, 'map.label', { ...names, n: item.map.tiles.length }),
					source: item.map.source,
					// The islands' note only: the sheet has no room for how squares are placed (the web page says it).
					notes: [t(locale, 'map.islands')]
				}
			: null,
		chartSource: t(locale, 'chart.source', { publishers: publisher, batches: batchList(locale, item.batches) }),
		footer: t(locale, 'briefing.sources', { publishers: publisher, years: yearSpans(item.years), batches: batchList(locale, item.batches) })
	};
}

/** The PDF's file name, ASCII only: `briefing-kon-tum-2023.pdf` (`-en` in English). */
export function briefingFileName(locale: Locale, unit: { code: string; nameAscii: string | null }, year: number): string {
	const name = (unit.nameAscii ?? unit.code).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
	return `briefing-${name}-${year}${locale === 'en' ? '-en' : ''}.pdf`;
}

/** The print stylesheet: A4 portrait, margins, and a footer on every page with sources, page x/y and the print day. */
export function printCss(locale: Locale, coverFooter: string, printedOn: string, pages: { pageName: string; footer: string }[]): string {
	const m = PAGE_MARGIN_MM;
	const footerBox = 'font-family: "Be Vietnam Pro", sans-serif; font-size: 7pt; color: #333; vertical-align: top; padding-top: 3mm;';
	const pageBox = `content: ${cssString(`${t(locale, 'briefing.page')} `)} counter(page) "/" counter(pages) ${cssString(` · ${printedOn}`)};`;
	return [
		`@page { size: A4 portrait; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;`,
		`  @bottom-left { content: ${cssString(coverFooter)}; ${footerBox} width: 70%; text-align: left; }`,
		`  @bottom-right { ${pageBox} ${footerBox} text-align: right; } }`,
		...pages.map((p) => `@page ${p.pageName} { @bottom-left { content: ${cssString(p.footer)}; } }`)
	].join('\n');
}

/** The whole briefing in words and chart points, for `locale`, printed on `printedAt`. */
export function briefingView(locale: Locale, briefing: Briefing, printedAt: Date): BriefingView {
	const { unit, year } = briefing;
	const withData = briefing.indices.filter((i) => i.totals.length > 0);
	const empty = briefing.indices.filter((i) => i.totals.length === 0);
	const pages = withData.map((i) => indexPage(locale, briefing, i));
	const batches = [...new Map(withData.flatMap((i) => i.batches).map((b) => [b.id, b])).values()].sort((a, b) => a.id - b.id);
	const lastImport = batches.map((b) => b.importedOn).sort().at(-1);
	const printedOn = t(locale, 'briefing.printedOn', { date: formatDay(locale, printedAt) });
	const publishers = [...new Set(withData.map((i) => (locale === 'vi' ? i.index.publisherVi : i.index.publisherEn)))].join('; ');
	const coverFooter =
		withData.length === 0
			? ''
			: t(locale, 'briefing.sources', { publishers, years: yearSpans(withData.flatMap((i) => i.years)), batches: batchList(locale, batches) });
	return {
		year,
		title: t(locale, 'briefing.title', { unit: unitPhrase(locale, unit), year }),
		subtitle: t(locale, 'briefing.subtitle'),
		dataAsOf: lastImport ? t(locale, 'briefing.dataAsOf', { count: batches.length, date: formatDay(locale, new Date(`${lastImport}T12:00:00Z`)) }) : null,
		printedOn,
		summary: briefing.indices.map((i) => summaryRow(locale, i, year)),
		pages,
		noFigures:
			empty.length === 0
				? null
				: t(locale, 'briefing.noFigures', {
						unit: unit.name, year, indices: empty.map((i) => (locale === 'vi' ? i.index.shortVi : i.index.shortEn)).join(', ')
					}),
		printCss: printCss(locale, coverFooter, printedOn, pages),
		fileName: briefingFileName(locale, unit, year)
	};
}
