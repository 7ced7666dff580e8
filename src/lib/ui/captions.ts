/**
 * Words the dashboard builds from figures: source lines, plan descriptions,
 * rank changes, methodology notes, points needed. Pure; the page builders
 * on the server and the components call them with the interface language.
 */
import { formatNumber, numberFormat, t, type Locale } from '../i18n/index.ts';
import '../i18n/areas/dashboard.ts';
import { rankIntervalOf, type Bound } from '../domain/bounds.ts';
import { equivalentText, type Across } from '../domain/rank-change.ts';

/** "Nguồn: VCCI; lô nhập số 2 (full-tables-2015-2019.csv), số 3 (…)". */
export function sourceLine(locale: Locale, publishers: string[], batches: { id: number; fileName: string }[]): string {
	const list = batches.map((b) => t(locale, 'chart.batch', { id: b.id, file: b.fileName })).join(', ');
	return t(locale, 'chart.source', { publishers: [...new Set(publishers)].join(', '), batches: list || '—' });
}

/** The shape of a plan as the engine reports it. */
export type PlanDescription =
	| { kind: 'rise'; baselineYear: number; firstStep: number; horizon: number; id: string | null }
	| { kind: 'absolute'; targetRank: number; horizon: number; id: string | null };

/** A plan in words; the default rule says it is the default. */
export function planText(locale: Locale, plan: PlanDescription): string {
	const text =
		plan.kind === 'rise'
			? t(locale, 'plan.rise', { step: plan.firstStep, baseline: plan.baselineYear, horizon: plan.horizon })
			: t(locale, 'plan.absolute', { rank: plan.targetRank, horizon: plan.horizon });
	return plan.id === null ? `${text} — ${t(locale, 'plan.default')}` : text;
}

/**
 * A bound in words (issue 13): "ngoài top 30 (hạng 31–63)", "trong 5 hạng
 * cuối (hạng 59–63)", "điểm từ 39,67 trở lên", or, for a group alone, "nhóm: …";
 * never a single rank.
 */
export function boundText(locale: Locale, bound: Bound, n: number | null): string {
	const parts: string[] = [];
	const ranks = rankIntervalOf(bound, n);
	if (ranks) {
		const toLast = n !== null && ranks.max === n;
		const count = ranks.max - ranks.min + 1;
		if (ranks.min === 1) parts.push(t(locale, 'bound.inTop', { max: ranks.max }));
		else if (toLast && count <= 10) parts.push(t(locale, 'bound.bottom', { count, min: ranks.min, max: ranks.max }));
		else if (toLast) parts.push(t(locale, 'bound.outsideTop', { top: ranks.min - 1, min: ranks.min, max: ranks.max }));
		else parts.push(t(locale, 'bound.rankBetween', { min: ranks.min, max: ranks.max }));
	}
	const score = (v: number) => formatNumber(locale, v);
	if (bound.scoreMin !== null && bound.scoreMax !== null) parts.push(t(locale, 'bound.scoreBetween', { min: score(bound.scoreMin), max: score(bound.scoreMax) }));
	else if (bound.scoreMin !== null) parts.push(t(locale, 'bound.scoreAtLeast', { min: score(bound.scoreMin) }));
	else if (bound.scoreMax !== null) parts.push(t(locale, 'bound.scoreAtMost', { max: score(bound.scoreMax) }));
	// The group is the statement's own words ("outside the published top 30"): said in words
	// only when no rank or score end says it already.
	if (bound.group !== null && parts.length === 0) parts.push(t(locale, 'bound.group', { group: bound.group }));
	return parts.join('; ');
}

/** A chart note for a bound: "PCI 2023: ngoài top 30 (hạng 31–63); chỉ biết khoảng, không có thứ hạng; nguồn: https://…". */
export function boundNote(locale: Locale, index: string, bound: Bound & { year: number; n: number | null; source: string | null }): string {
	return t(locale, 'note.bound', { index, year: bound.year, bound: boundText(locale, bound, bound.n), source: bound.source ?? '—' });
}

/**
 * A year's target rank among the year's N ("15/34"), or the range "30–31/63"
 * after a year known only by a bound; "—" without one. The N is the target's
 * own: from 2025 among 34, not 63 (issue 12).
 */
export function targetText(year: { targetRank: number | null; targetRankMin: number | null; targetRankMax: number | null; targetN: number | null }): string {
	const of = `/${year.targetN ?? '?'}`;
	if (year.targetRank !== null) return `${year.targetRank}${of}`;
	return year.targetRankMin !== null ? `${year.targetRankMin}–${year.targetRankMax}${of}` : '—';
}

/**
 * A rank change (previous − current, positive = rose) in words, arrow first so
 * it reads without colour. Across a change of N the change was measured against
 * the equivalent, and the words say so: "▼ giảm 1 bậc (so với 40/63 ≈ 21/34)".
 */
export function changeText(locale: Locale, change: number | null, across: Across | null = null): string {
	if (change === null) return t(locale, 'change.none');
	const words =
		change === 0
			? `= ${t(locale, 'change.same')}`
			: change > 0
				? `▲ ${t(locale, 'change.up', { places: change })}`
				: `▼ ${t(locale, 'change.down', { places: -change })}`;
	return across ? `${words} (${t(locale, 'change.against', { equivalent: equivalentText(across) })})` : words;
}

/**
 * Points written with a sign and at least two decimals ("+2,39"), keeping
 * every decimal the figure has (up to four): a needed score is never rounded down.
 */
export function formatPoints(locale: Locale, points: number): string {
	const text = numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(Math.abs(points));
	return `${points < 0 ? '−' : '+'}${text}`;
}

/**
 * Methodology notes for a chart of an index over `years`: PAPI's change from
 * 6 to 8 dimensions in 2018, a change of N across the years, ranks computed from scores.
 */
export function methodNotes(
	locale: Locale,
	index: { id: string; short: string; publishesRanks: boolean },
	years: { year: number; n: number | null }[]
): string[] {
	const notes: string[] = [];
	const span = years.map((y) => y.year);
	if (index.id === 'PAPI' && span.some((y) => y <= 2017) && span.some((y) => y >= 2018)) notes.push(t(locale, 'note.papiDimensions'));
	const ns = [...new Set(years.map((y) => y.n).filter((n): n is number => n !== null))].sort((a, b) => b - a);
	if (ns.length > 1) notes.push(t(locale, 'note.nChanged', { values: ns.map((n) => `N = ${formatNumber(locale, n)}`).join(', ') }));
	if (!index.publishesRanks) notes.push(t(locale, 'note.computedRanks', { index: index.short }));
	return notes;
}

/**
 * The rank trajectory's note where N changes along it (issue 12): how the chart
 * draws ranks among different N (each at its relative position, both scales
 * labelled, a break line), so that 45/63 → 24/34 is not read as a climb.
 */
export function cohortBreakNotes(locale: Locale, points: { year: number; n: number | null; targetN: number | null }[]): string[] {
	const sized = points.map((p) => ({ year: p.year, n: p.n ?? p.targetN })).filter((p): p is { year: number; n: number } => p.n !== null);
	const breaks = sized.filter((p, i) => i > 0 && p.n !== sized[i - 1].n);
	if (breaks.length === 0) return [];
	const years = breaks.map((b) => b.year).join(', ');
	return [t(locale, 'note.trajectoryBreak', { years, first: sized[0].n, last: sized.at(-1)!.n })];
}

/**
 * A unit's name as a list shows it: where another unit has the same name, its
 * years tell them apart, "Bắc Ninh (đến 2025)", "Bắc Ninh (từ 7/2025)" (issue 12).
 */
export function unitLabel(locale: Locale, unit: { name: string; namesake?: { validFrom: string | null; validTo: string | null } }): string {
	const dates = unit.namesake;
	if (!dates) return unit.name;
	if (dates.validTo) return t(locale, 'unit.until', { name: unit.name, year: dates.validTo.slice(0, 4) });
	if (dates.validFrom) return t(locale, 'unit.from', { name: unit.name, month: Number(dates.validFrom.slice(5, 7)), year: dates.validFrom.slice(0, 4) });
	return unit.name;
}
