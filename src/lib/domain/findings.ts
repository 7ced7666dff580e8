/**
 * Written findings of the briefing: plain sentences built from the target
 * engine's output (ranks, changes, target verdicts, points needed, component
 * changes), in the interface language. Pure: it decides no rank and no
 * target, it only puts the engine's figures into words. Called by the
 * briefing page's server load.
 */
import { formatNumber, t, type Locale, type MessageKey } from '../i18n/index.ts';
import '../i18n/areas/briefing.ts';
import '../i18n/areas/dashboard.ts';
import { rankChangeAcross, type TargetYear } from './plan.ts';
import { equivalentText } from './rank-change.ts';
import type { UnitKind } from './unit-names.ts';

/** A unit's total in one year, as the rank SQL decided it. */
export interface RankFact {
	year: number;
	rank: number | null;
	n: number | null;
	score: number | null;
	rankSource: 'published' | 'computed' | null;
}

/** One component's rank in the briefing's year and its changes. */
export interface ComponentFact {
	name: string;
	rank: number | null;
	n: number | null;
	/** Previous rank − rank: positive = rose. */
	changePrevious: number | null;
	changeBaseline: number | null;
}

/** What the score the target rank took was (the engine's `needed`). */
export interface NeededFact {
	year: number;
	targetRank: number;
	score: number | null;
	scoreAtTarget: number;
	points: number;
}

export interface FindingsInput {
	/** Index id, which picks the word for its components ("lĩnh vực", "nội dung", …). */
	indexId: string;
	/** The index's name in the interface language, e.g. "Chỉ số CCHC". */
	index: string;
	/** The unit as a sentence names it, e.g. "tỉnh Kon Tum" (see `unitPhrase`). */
	unit: string;
	year: number;
	maxScore: number | null;
	/** The unit's totals, one per year (any order). */
	totals: RankFact[];
	/** The plan's years as the engine evaluated them; null when no plan covers the index. */
	plan: { baselineYear: number; years: TargetYear[] } | null;
	needed: NeededFact | null;
	/** Components in the engine's order (the ones that fell most first). */
	components: ComponentFact[];
	/** The year known only by a bound: the bound in words and where it was read (issue 13); null otherwise. */
	bound?: { text: string; source: string | null } | null;
}

/**
 * The unit as a sentence names it: "tỉnh Kon Tum", "thành phố Cần Thơ", by its
 * kind in the unit table; a name that already says "TP." stays as it is, and a
 * unit without a kind (a ministry) is named alone.
 */
export function unitPhrase(locale: Locale, unit: { name: string; kind?: UnitKind | null }): string {
	if (/^(TP\.|Thành phố)/i.test(unit.name) || !unit.kind) return unit.name;
	return t(locale, unit.kind === 'thanh_pho_truc_thuoc_trung_uong' ? 'findings.unit.city' : 'findings.unit.province', { name: unit.name });
}

const NOUN_INDICES = new Set(['PAR_INDEX', 'PAPI', 'PCI']);

function noun(locale: Locale, indexId: string, plural: boolean): string {
	const id = NOUN_INDICES.has(indexId) ? indexId : 'other';
	return t(locale, `findings.${plural ? 'nouns' : 'noun'}.${id}` as MessageKey);
}

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

function rankText(locale: Locale, fact: { rank: number | null; n: number | null }): string {
	return `${formatNumber(locale, fact.rank!)}/${fact.n === null ? '?' : formatNumber(locale, fact.n)}`;
}

/** "tăng 12 bậc so với năm 2022" (or down, unchanged, first place held); null without a change. */
function changeClause(locale: Locale, change: number | null, rank: number, ref: string): string | null {
	if (change === null) return null;
	if (change > 0) return t(locale, 'findings.up', { places: formatNumber(locale, change), ref });
	if (change < 0) return t(locale, 'findings.down', { places: formatNumber(locale, -change), ref });
	return t(locale, rank === 1 ? 'findings.heldFirst' : 'findings.same', { ref });
}

/** "vượt mục tiêu (hạng 50) 7 bậc", "không đạt mục tiêu (hạng 46), còn cách 15 bậc"; null when the year is not judged. */
function verdictClause(locale: Locale, judged: TargetYear | undefined): string | null {
	if (!judged || judged.targetRank === null || judged.gap === null) return null;
	const target = formatNumber(locale, judged.targetRank);
	if (judged.status === 'met') {
		return judged.gap < 0
			? t(locale, 'findings.beat', { target, places: formatNumber(locale, -judged.gap) })
			: t(locale, 'findings.metExactly', { target });
	}
	return judged.status === 'missed' ? t(locale, 'findings.missed', { target, places: formatNumber(locale, judged.gap) }) : null;
}

/** A target, or the range "30–31" that follows a year known only by a bound. */
function targetWords(locale: Locale, year: TargetYear): string | null {
	if (year.targetRank !== null) return formatNumber(locale, year.targetRank);
	return year.targetRankMin === null ? null : `${formatNumber(locale, year.targetRankMin)}–${formatNumber(locale, year.targetRankMax!)}`;
}

/** "Năm 2023, PCI của tỉnh Kon Tum chỉ được biết là ngoài top 30 (hạng 31–63)…", then the verdict on the interval. */
function boundFindings(locale: Locale, input: FindingsInput, judged: TargetYear | undefined): string[] {
	const bound = input.bound!;
	const sentences = [
		t(locale, bound.source ? 'findings.boundSourced' : 'findings.bound', { year: input.year, index: input.index, unit: input.unit, bound: bound.text, source: bound.source ?? '' })
	];
	const target = judged && targetWords(locale, judged);
	if (!judged || !target || judged.rankMin === null) return sentences;
	const params = { target, best: formatNumber(locale, judged.rankMin), worst: formatNumber(locale, judged.rankMax!) };
	if (judged.status === 'undetermined') sentences.push(t(locale, 'findings.boundUndetermined', params));
	else if (judged.status === 'missed') sentences.push(t(locale, 'findings.boundMissed', params));
	else if (judged.status === 'met') sentences.push(t(locale, 'findings.boundMet', params));
	return sentences;
}

/** The rank sentence, then what the plan says about the year, then comparability. */
function rankFindings(locale: Locale, input: FindingsInput): string[] {
	const { year, plan } = input;
	const current = input.totals.find((f) => f.year === year && f.rank !== null);
	const judged = plan?.years.find((y) => y.year === year);
	const baseline = plan?.years.find((y) => y.year === plan.baselineYear);
	const sentences: string[] = [];

	if (current) {
		const rank = rankText(locale, current);
		const clauses = [
			t(locale, 'findings.rank', {
				year, index: input.index, unit: input.unit,
				rank: current.rankSource === 'computed' ? t(locale, 'findings.rankComputed', { rank }) : rank
			})
		];
		// The year before as the plan's lineage has it (a 2025 successor's is its predecessor's), else the unit's own.
		const previous =
			judged && judged.previousRank !== null ? { rank: judged.previousRank, n: judged.previousN } : (input.totals.find((f) => f.year === year - 1) ?? null);
		// Across a change of N the change is measured against the equivalent rank, and the sentence names it (issue 12).
		const ref = (key: 'findings.ref.year' | 'findings.ref.baseline', y: number, from: { rank: number | null; n: number | null } | null, equivalent: number | null) => {
			const words = t(locale, key, { year: y });
			return equivalent === null || !from ? words : `${words} (${equivalentText({ rank: from.rank!, n: from.n!, equivalent, toN: current.n! })})`;
		};
		const sincePrevious = rankChangeAcross(previous, current);
		clauses.push(changeClause(locale, sincePrevious.change, current.rank!, ref('findings.ref.year', year - 1, previous, sincePrevious.equivalent)) ?? '');
		// The baseline is a second reference only when it is not the year just
		// before, and only when something moved since it.
		const sinceBaseline = rankChangeAcross(baseline ?? null, current);
		if (plan && plan.baselineYear < year - 1 && !(sinceBaseline.change === 0 && sincePrevious.change === 0)) {
			clauses.push(
				changeClause(locale, sinceBaseline.change, current.rank!, ref('findings.ref.baseline', plan.baselineYear, baseline ?? null, sinceBaseline.equivalent)) ?? ''
			);
		}
		clauses.push(verdictClause(locale, judged) ?? '');
		sentences.push(`${clauses.filter(Boolean).join(', ')}.`);
	} else if (input.bound) {
		sentences.push(...boundFindings(locale, input, judged));
	} else {
		sentences.push(t(locale, 'findings.noRank', { year, index: input.index, unit: input.unit }));
		const latest = input.totals.filter((f) => f.year < year && f.rank !== null).sort((a, b) => b.year - a.year)[0];
		if (latest) sentences.push(t(locale, 'findings.latest', { rank: rankText(locale, latest), year: latest.year }));
	}

	if (!plan || !judged) return sentences;
	if (judged.status === 'baseline') {
		const next = plan.years.find((y) => y.year === year + 1);
		if (next?.targetRank != null) {
			sentences.push(t(locale, 'findings.baselineYear', { year, next: next.year, target: formatNumber(locale, next.targetRank) }));
		}
	} else if (judged.status === 'no_baseline') {
		sentences.push(t(locale, 'findings.noBaseline', { baseline: plan.baselineYear, year }));
	} else if (judged.status === 'pending' && targetWords(locale, judged) !== null) {
		sentences.push(t(locale, 'findings.pendingTarget', { year, target: targetWords(locale, judged)! }));
	}
	if (!judged.comparable && judged.reason) {
		sentences.push(
			t(locale, 'findings.notComparable', { year, baseline: plan.baselineYear, reason: t(locale, `reason.${judged.reason}`) })
		);
	}
	return sentences;
}

/** The score of the year, with last year's beside it, and what the target rank took. */
function scoreFindings(locale: Locale, input: FindingsInput): string[] {
	const current = input.totals.find((f) => f.year === input.year);
	if (current?.score == null) return [];
	const previous = input.totals.find((f) => f.year === input.year - 1);
	const max = input.maxScore === null ? '' : `/${formatNumber(locale, input.maxScore)}`;
	const before =
		previous?.score == null ? '' : t(locale, 'findings.scorePrevious', { year: previous.year, score: formatNumber(locale, previous.score) });
	const sentences = [`${t(locale, 'findings.score', { year: input.year, score: formatNumber(locale, current.score), max })}${before}.`];

	const needed = input.needed;
	if (needed && needed.year === input.year) {
		const params = { target: formatNumber(locale, needed.targetRank), year: needed.year, needed: formatNumber(locale, needed.scoreAtTarget) };
		sentences.push(
			needed.points > 0
				? t(locale, 'findings.neededMore', { ...params, points: formatNumber(locale, needed.points) })
				: t(locale, 'findings.neededMet', { ...params, unit: input.unit, score: formatNumber(locale, current.score) })
		);
	}
	return sentences;
}

/**
 * The components that fell most (up to two) and the one that rose most,
 * since the year before, or since the baseline when no component has a
 * figure for the year before.
 */
function componentFindings(locale: Locale, input: FindingsInput): string[] {
	if (input.components.length === 0) {
		return input.totals.some((f) => f.year === input.year)
			? [t(locale, 'findings.noComponents', { nouns: noun(locale, input.indexId, true), year: input.year })]
			: [];
	}
	const sincePrevious = input.components.some((c) => c.changePrevious !== null);
	if (!sincePrevious && !input.plan) return [];
	const refYear = sincePrevious ? input.year - 1 : input.plan!.baselineYear;
	const ref = t(locale, sincePrevious ? 'findings.ref.year' : 'findings.ref.baseline', { year: refYear });
	const changed = input.components
		.map((c) => ({ ...c, change: sincePrevious ? c.changePrevious : c.changeBaseline }))
		.filter((c): c is ComponentFact & { change: number } => c.change !== null && c.rank !== null);
	if (changed.length === 0) return [];

	const item = (c: ComponentFact & { change: number }) =>
		t(locale, c.change > 0 ? 'findings.componentUp' : 'findings.componentDown', {
			name: c.name, places: formatNumber(locale, Math.abs(c.change)), rank: rankText(locale, c)
		});
	// Stable sorts keep the engine's order among equal changes.
	const fell = changed.filter((c) => c.change < 0).sort((a, b) => a.change - b.change).slice(0, 2);
	const rose = changed.filter((c) => c.change > 0).sort((a, b) => b.change - a.change).slice(0, 1);
	const sentences: string[] = [];
	// Say how few could be compared, so that "none fell" is not read as "all held".
	if (changed.length < input.components.length) {
		sentences.push(
			t(locale, 'findings.comparedOnly', { count: changed.length, total: input.components.length, nouns: noun(locale, input.indexId, true) })
		);
	}
	if (fell.length === 0) {
		sentences.push(capitalise(t(locale, 'findings.noneFell', { noun: noun(locale, input.indexId, false), ref })));
	} else {
		const key = fell.length === 1 ? 'findings.fellOne' : 'findings.fellTwo';
		const list = fell.map(item).join(t(locale, 'findings.and'));
		sentences.push(capitalise(t(locale, key, { noun: noun(locale, input.indexId, false), nouns: noun(locale, input.indexId, true), ref, list })));
	}
	if (rose.length > 0) {
		sentences.push(capitalise(t(locale, 'findings.roseOne', { noun: noun(locale, input.indexId, false), ref, list: item(rose[0]) })));
	}
	return sentences;
}

/**
 * The findings of one index for the briefing, as sentences: rank and its
 * changes with the target verdict (met, missed, pending, no baseline,
 * baseline year, first place held, not comparable and why), the score and
 * what the target took, and the components that moved most.
 */
export function indexFindings(locale: Locale, input: FindingsInput): string[] {
	return [...rankFindings(locale, input), ...scoreFindings(locale, input), ...componentFindings(locale, input)];
}
