/**
 * The data table behind each chart: the same figures the chart draws, as
 * rows for the "data table" toggle and the CSV download. Raw numbers stay
 * numbers (formatted only when shown); years are labels, written as text so
 * that no locale puts a thousands separator in them ("2.022"); statuses and
 * reasons are words.
 */
import { formatNumber, t, type Locale, type MessageKey } from '../i18n/index.ts';
import '../i18n/areas/dashboard.ts';
import '../i18n/areas/whatif.ts';
import { equivalentText } from './rank-change.ts';
import type { ComponentRow, DistributionDot, MapColour, MapTile, PeerSeries, PlanStatus, ReachRow, ScoreBin, TrajectoryPoint, TrendPoint } from './chart-data.ts';

/** A chart's data as a table: the same rows feed the HTML table toggle and the CSV. */
export interface ChartTable {
	columns: { key: string; label: string; numeric?: boolean }[];
	rows: Record<string, string | number | null>[];
}

/** The message key naming each status (the word that always stands beside a status's colour). */
export const STATUS_MESSAGE: Record<PlanStatus, MessageKey> = {
	met: 'status.met',
	missed: 'status.missed',
	undetermined: 'status.undetermined',
	pending: 'status.pending',
	no_baseline: 'status.no_baseline',
	baseline: 'status.baseline'
};

const col = (key: string, label: string, numeric = false) => ({ key, label, numeric });

/** The words for a not-comparable reason code (unknown codes are shown as they are). */
export function reasonText(locale: Locale, reason: string | null): string | null {
	if (reason === null) return null;
	return reason === 'n_changed' || reason === 'lineage_changed' ? t(locale, `reason.${reason}`) : reason;
}

/** Rank trajectory: year, rank, N, target rank, status, comparability note. */
export function trajectoryTable(locale: Locale, points: TrajectoryPoint[]): ChartTable {
	return {
		columns: [
			col('year', t(locale, 'table.year')),
			col('rank', t(locale, 'table.rank'), true),
			col('n', t(locale, 'table.n'), true),
			col('targetRank', t(locale, 'table.targetRank'), true),
			col('targetN', t(locale, 'table.targetN'), true),
			col('previous', t(locale, 'table.previousEquivalent')),
			col('status', t(locale, 'table.status')),
			col('note', t(locale, 'table.note'))
		],
		rows: points.map((p) => ({
			year: String(p.year),
			rank: p.rank,
			n: p.n,
			targetRank: p.targetRank,
			targetN: p.targetRank === null ? null : p.targetN,
			previous: p.across ? equivalentText(p.across) : null,
			status: p.status ? t(locale, STATUS_MESSAGE[p.status]) : null,
			note: [
				p.rank === null && p.rankMin != null ? t(locale, 'bound.rankBetween', { min: p.rankMin, max: p.rankMax! }) : null,
				p.targetRank === null && p.targetRankMin != null ? `${t(locale, 'table.targetRank')}: ${p.targetRankMin}–${p.targetRankMax}` : null,
				p.comparable ? null : `${t(locale, 'status.notComparable')}: ${reasonText(locale, p.reason) ?? ''}`.trim()
			].filter(Boolean).join('; ') || null
		}))
	};
}

/** Score trend: year, the unit's score, national median, lowest, highest, units with a score. */
export function trendTable(locale: Locale, points: TrendPoint[]): ChartTable {
	return {
		columns: [
			col('year', t(locale, 'table.year')),
			col('score', t(locale, 'table.score'), true),
			col('median', t(locale, 'trend.median'), true),
			col('min', t(locale, 'trend.min'), true),
			col('max', t(locale, 'trend.max'), true),
			col('units', t(locale, 'trend.units'), true)
		],
		rows: points.map((p) => ({ ...p, year: String(p.year) }))
	};
}

/** Distribution: every unit with its score and rank, best score first; the highlighted ones say so. */
export function distributionTable(locale: Locale, dots: DistributionDot[], bins: ScoreBin[] | null = null): ChartTable {
	if (bins) {
		// Too many units for a row each: one row a score range, naming the highlighted units in it.
		const inBin = (b: ScoreBin, i: number) => (d: DistributionDot) => d.score >= b.from && (d.score < b.to || (i === bins.length - 1 && d.score <= b.to));
		return {
			columns: [
				col('bin', t(locale, 'distribution.bin')),
				col('units', t(locale, 'distribution.binUnits'), true),
				col('group', t(locale, 'table.note'))
			],
			rows: bins.map((b, i) => ({
				bin: `${formatNumber(locale, b.from, 2)}–${formatNumber(locale, b.to, 2)}`,
				units: b.units,
				group: dots.filter(inBin(b, i)).map((d) => d.name).join(', ') || null
			}))
		};
	}
	return {
		columns: [
			col('unit', t(locale, 'table.unit')),
			col('score', t(locale, 'table.score'), true),
			col('rank', t(locale, 'table.rank'), true),
			col('n', t(locale, 'table.n'), true),
			col('group', t(locale, 'table.note'))
		],
		rows: [...dots]
			.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'vi'))
			.map((d) => ({
				unit: d.name,
				score: d.score,
				rank: d.rank,
				n: d.n,
				group: d.role === 'other' ? null : t(locale, `distribution.${d.role}`)
			}))
	};
}

/** Component breakdown, in the chart's order: score, median, above/below in words, rank and changes. */
export function componentTable(locale: Locale, rows: ComponentRow[], baselineYear: number | null): ChartTable {
	const side = (r: ComponentRow) =>
		r.score === null || r.median === null ? null : r.score >= r.median ? t(locale, 'breakdown.above') : t(locale, 'breakdown.below');
	return {
		columns: [
			col('component', t(locale, 'breakdown.component')),
			col('score', t(locale, 'table.score'), true),
			col('max', t(locale, 'breakdown.max'), true),
			col('median', t(locale, 'breakdown.median'), true),
			col('side', t(locale, 'breakdown.vsMedian')),
			col('rank', t(locale, 'table.rank'), true),
			col('n', t(locale, 'table.n'), true),
			col('changePrevious', t(locale, 'breakdown.changePrevious'), true),
			col('changeBaseline', t(locale, 'breakdown.changeBaseline', { year: baselineYear ?? '—' }), true)
		],
		rows: rows.map((r) => ({
			component: r.name,
			score: r.score,
			max: r.maxPoints,
			median: r.median,
			side: side(r),
			rank: r.rank,
			n: r.n,
			changePrevious: r.changePrevious,
			changeBaseline: r.changeBaseline
		}))
	};
}

/** The path to a missed target: one row a component, its score now, the score needed, the increase and the maximum. */
export function reachTable(locale: Locale, rows: ReachRow[]): ChartTable {
	return {
		columns: [
			col('component', t(locale, 'whatif.path.component')),
			col('from', t(locale, 'whatif.path.from'), true),
			col('to', t(locale, 'whatif.path.to'), true),
			col('plus', t(locale, 'whatif.path.plus'), true),
			col('max', t(locale, 'breakdown.max'), true)
		],
		rows: rows.map((r) => ({ component: r.name, from: r.from, to: r.to, plus: r.to - r.from, max: r.maxPoints }))
	};
}

/** Peers: one row a unit and year with the rank and N. */
export function peersTable(locale: Locale, series: PeerSeries[]): ChartTable {
	return {
		columns: [
			col('unit', t(locale, 'peers.unit')),
			col('year', t(locale, 'table.year')),
			col('rank', t(locale, 'table.rank'), true),
			col('n', t(locale, 'table.n'), true)
		],
		rows: series.flatMap((s) =>
			[...s.points].sort((a, b) => a.year - b.year).map((p) => ({ unit: s.name, year: String(p.year), rank: p.rank, n: p.n }))
		)
	};
}

/** Rank map: every unit of the cohort, best rank first, units without a figure last; status where the map shows it. */
export function mapTable(locale: Locale, tiles: MapTile[], colour: MapColour): ChartTable {
	return {
		columns: [
			col('unit', t(locale, 'table.unit')),
			col('rank', t(locale, 'table.rank'), true),
			col('n', t(locale, 'table.n'), true),
			col('score', t(locale, 'table.score'), true),
			...(colour === 'status' ? [col('target', t(locale, 'map.target'), true), col('status', t(locale, 'table.status'))] : []),
			col('group', t(locale, 'table.note'))
		],
		rows: [...tiles]
			.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name, 'vi'))
			.map((d) => ({
				unit: d.name,
				rank: d.rank,
				n: d.n,
				score: d.score,
				...(colour === 'status' ? { target: d.targetRank, status: d.status === null ? null : t(locale, STATUS_MESSAGE[d.status]) } : {}),
				group: [d.bound, d.role === 'other' ? null : t(locale, `distribution.${d.role}`)].filter(Boolean).join('; ') || null
			}))
	};
}
