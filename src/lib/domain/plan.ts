/**
 * Target plans and their evaluation, as pure functions: the directive's
 * "rise S places over the baseline year, then higher every year to the
 * horizon" and the absolute "rank ≤ R by year Y". Pages, API, CLI and the
 * briefing all get their verdicts from `evaluatePlan`.
 *
 * A rank is a place among N units, and N changes (63 provinces became 34 on
 * 1 July 2025; a survey may leave provinces out). Every comparison across a
 * change of N goes through `equivalentRank` (issue 12): never raw places.
 */

/** "Rise S places over B in B+1, then at least `yearlyStep` place(s) a year until H". */
export interface RisePlan {
	kind: 'rise';
	baselineYear: number;
	firstStep: number;
	/** Places to gain each later year; the directive says 1 ("higher than the year before"). */
	yearlyStep: number;
	horizon: number;
}

/** "Rank R or better by year H", judged every year from the baseline year. */
export interface AbsolutePlan {
	kind: 'absolute';
	baselineYear: number;
	targetRank: number;
	horizon: number;
}

export type PlanRule = RisePlan | AbsolutePlan;

/** `undetermined`: the year is known only by a rank interval that straddles its target (issue 13). */
export type TargetStatus = 'baseline' | 'met' | 'missed' | 'undetermined' | 'pending' | 'no_baseline';

/** Why a year's rank cannot be compared with the baseline's like for like. */
export type IncomparableReason = 'n_changed' | 'lineage_changed';

/** A unit's rank in one year, as the rank SQL decided it. */
export interface RankPoint {
	year: number;
	rank: number | null;
	n: number | null;
	score: number | null;
	rankSource: 'published' | 'computed' | null;
	/** Without a rank: the interval a bound leaves ("outside the top 30": 31–63). */
	rankMin?: number | null;
	rankMax?: number | null;
}

/** Ranks from `min` (best) to `max` (worst), both possible; a known rank is an interval of one. */
export interface RankInterval {
	min: number;
	max: number;
}

export interface TargetYear {
	year: number;
	rank: number | null;
	n: number | null;
	percentile: number | null;
	score: number | null;
	rankSource: 'published' | 'computed' | null;
	targetRank: number | null;
	/** A year known only by a bound: the ranks it leaves possible (null when the rank is known or nothing is). */
	rankMin: number | null;
	rankMax: number | null;
	/**
	 * After a year known only by a bound, the rule gives a target in the best
	 * and in the worst case: this range (targetRank is then null) until a
	 * figure settles it. Null when the target is one rank.
	 */
	targetRankMin: number | null;
	targetRankMax: number | null;
	/** The N the target is counted in: the year's own N, or the unit table's while the year has no figures. */
	targetN: number | null;
	/** Places still to climb, in the year's own places: rank − target; ≤ 0 when met. */
	gap: number | null;
	/** The lineage's rank and N the year before (null without one). */
	previousRank: number | null;
	previousN: number | null;
	/** The previous rank as its equivalent among this year's N, when N changed ("45/63 ≈ 24/34"); else null. */
	previousEquivalent: number | null;
	/** Rank change against the previous year (against its equivalent when N changed): positive means the unit rose. */
	change: number | null;
	status: TargetStatus;
	comparable: boolean;
	reason: IncomparableReason | null;
}

/** `(rank − 1) / (n − 1)`: 0 is first, 1 is last; comparable across different N. */
export function percentile(rank: number | null, n: number | null): number | null {
	if (rank === null || n === null || n < 2) return null;
	return Math.round(((rank - 1) / (n - 1)) * 10000) / 10000;
}

/** Rank change between two years: previous − current, so positive means the unit rose. */
export function rankChange(previous: number | null, current: number | null): number | null {
	return previous === null || current === null ? null : previous - current;
}

/**
 * The same relative position among `toN` units as `rank` among `fromN`: the
 * worst rank whose percentile is no worse, `floor(1 + (rank − 1)(toN − 1)/(fromN − 1))`,
 * never above first place. Floor, not round: 29/63 is percentile 0.4516; among 34
 * that is 15.90, and 16/34 (0.4545) would be a worse position than the target's.
 * 45/63 ≈ 24/34; 1/63 ≈ 1/34; the rank itself when N did not change.
 */
export function equivalentRank(rank: number, fromN: number, toN: number): number {
	if (fromN === toN) return rank;
	if (fromN < 2) return 1;
	// Integer product, one division: the quotient is exact when it is a whole number.
	return Math.max(1, 1 + Math.floor(((Math.max(1, rank) - 1) * (toN - 1)) / (fromN - 1)));
}

/**
 * A rank change between two years that may have different N (issue 12): the
 * previous rank is first carried to the current N, so 45/63 → 24/34 is no change,
 * not a climb of 21 places. `equivalent` is null when N did not change (or is unknown).
 */
export function rankChangeAcross(
	previous: { rank: number | null; n: number | null } | null,
	current: { rank: number | null; n: number | null }
): { equivalent: number | null; change: number | null } {
	if (!previous || previous.rank === null) return { equivalent: null, change: null };
	const changed = previous.n !== null && current.n !== null && previous.n !== current.n;
	const equivalent = changed ? equivalentRank(previous.rank, previous.n!, current.n!) : null;
	return { equivalent, change: rankChange(equivalent ?? previous.rank, current.rank) };
}

/** How many units the cohort has in a year per the unit table (units existing on 31 December); null when unknown. */
export type CohortSize = (year: number) => number | null;

/**
 * Evaluates a plan for every year from its baseline to its horizon.
 * `points` may miss years (no data yet). `unitInYear` names the unit of the
 * lineage that exists in a year: from a merger on it is the successor, and
 * those years are judged on its published rank but marked not comparable,
 * as are years whose N differs from the baseline's. A year's N is its figures'
 * N, else `cohortSize` (the unit table), so a pending year after the merger
 * already has its target among 34.
 */
export function evaluatePlan(
	plan: PlanRule,
	points: RankPoint[],
	unitInYear: (year: number) => string | undefined,
	cohortSize: CohortSize = () => null
): TargetYear[] {
	const byYear = new Map(points.map((p) => [p.year, p]));
	const nOf = (year: number) => byYear.get(year)?.n ?? cohortSize(year);
	const baseline = byYear.get(plan.baselineYear);
	const baseRank = baseline?.rank ?? null;
	const years: TargetYear[] = [];
	let previousTarget: RankInterval | null = null;

	for (let year = plan.baselineYear; year <= plan.horizon; year++) {
		const point = byYear.get(year);
		const rank = point?.rank ?? null;
		const n = point?.n ?? null;
		const target: RankInterval | null =
			year === plan.baselineYear || baseRank === null ? null : targetRangeFor(plan, year, baseRank, byYear, previousTarget, nOf);
		previousTarget = target;
		const targetRank = target !== null && target.min === target.max ? target.min : null;
		const interval = rank === null ? boundInterval(point) : null;

		let status: TargetStatus;
		if (year === plan.baselineYear) status = 'baseline';
		else if (baseRank === null) status = 'no_baseline';
		else if (rank !== null) status = judgeInterval({ min: rank, max: rank }, target!);
		else if (interval !== null) status = judgeInterval(interval, target!);
		else status = 'pending';

		let reason: IncomparableReason | null = null;
		if (unitInYear(year) !== unitInYear(plan.baselineYear)) reason = 'lineage_changed';
		else if (baseline && baseline.n !== null && nOf(year) !== null && nOf(year) !== baseline.n) reason = 'n_changed';
		const before = byYear.get(year - 1);
		const across = year === plan.baselineYear ? { equivalent: null, change: null } : rankChangeAcross(before ?? null, { rank, n });

		years.push({
			year,
			rank,
			n,
			percentile: percentile(rank, n),
			score: point?.score ?? null,
			rankSource: point?.rankSource ?? null,
			targetRank,
			rankMin: interval?.min ?? null,
			rankMax: interval?.max ?? null,
			targetRankMin: targetRank === null ? (target?.min ?? null) : null,
			targetRankMax: targetRank === null ? (target?.max ?? null) : null,
			targetN: nOf(year),
			gap: rank !== null && targetRank !== null ? rank - targetRank : null,
			previousRank: year === plan.baselineYear ? null : (before?.rank ?? null),
			previousN: year === plan.baselineYear ? null : (before?.n ?? null),
			previousEquivalent: across.equivalent,
			change: across.change,
			status,
			comparable: reason === null,
			reason
		});
	}
	return years;
}

/**
 * The target rank of one year after the baseline. For a rise plan: the
 * baseline rank − S in the first year; later, one step above the previous
 * year's actual rank, or above its target when that year has no rank yet
 * (the path continues through a missing year). Never above first place.
 * That target is in the previous year's places; `targetAcrossCohortChange`
 * carries it to this year's N. An absolute plan's R is a rank among the
 * cohort of its baseline year (the one it was written for), carried to each
 * year's N from there, not from year to year (63 → 61 → 63 gives R back).
 */
export function targetRankFor(
	plan: PlanRule,
	year: number,
	baselineRank: number,
	byYear: Map<number, RankPoint>,
	previousTarget: number | null,
	nOf: CohortSize = () => null
): number {
	if (plan.kind === 'absolute') return targetAcrossCohortChange(plan.targetRank, nOf(plan.baselineYear), nOf(year));
	const reference = year === plan.baselineYear + 1 ? baselineRank : (byYear.get(year - 1)?.rank ?? previousTarget ?? baselineRank);
	const step = year === plan.baselineYear + 1 ? plan.firstStep : plan.yearlyStep;
	return targetAcrossCohortChange(Math.max(1, reference - step), nOf(year - 1), nOf(year));
}

/**
 * The rule for a change of cohort size (issue 12): a target t′ counted among
 * `fromN` units becomes the best rank among `toN` whose percentile is no worse,
 * `max(1, floor(1 + (t′ − 1)(toN − 1)/(fromN − 1)))`. Unchanged when either N
 * is unknown or they are equal. Example: t′ = 29 among 63 → 15 among 34.
 */
export function targetAcrossCohortChange(target: number, fromN: number | null, toN: number | null): number {
	return fromN === null || toN === null ? target : equivalentRank(target, fromN, toN);
}

// ---- Rank intervals (issue 13): a year known only by a bound ("outside the top 30").

/** The interval of ranks a year without a rank leaves possible, from its bound; null without one. */
export function boundInterval(point: RankPoint | undefined): RankInterval | null {
	if (!point || point.rank !== null || (point.rankMin == null && point.rankMax == null)) return null;
	const max = point.rankMax ?? point.n;
	return max == null ? null : { min: point.rankMin ?? 1, max };
}

/**
 * A rank interval judged against a target interval (a known rank, or a single
 * target, is an interval of one): met when even the worst possible rank meets
 * even the hardest target, missed when even the best possible rank misses even
 * the easiest target, otherwise undetermined.
 */
export function judgeInterval(ranks: RankInterval, target: RankInterval): 'met' | 'missed' | 'undetermined' {
	if (ranks.max <= target.min) return 'met';
	if (ranks.min > target.max) return 'missed';
	return 'undetermined';
}

/**
 * The target of a year after the baseline as an interval: `targetRankFor`
 * itself when the year before has a rank (or no data and a single target);
 * otherwise the rule applied to the best case and to the worst case. After a
 * year known by a bound, the best case is its best possible rank; the worst
 * case is its worst possible rank, but never looser than that year's own
 * target (as for a year without data, the path does not loosen on what is not
 * known): Kon Tum PCI 2023 ranked 31–63 against a target of 32 gives 2024 a
 * target of 30–31.
 */
export function targetRangeFor(
	plan: PlanRule,
	year: number,
	baselineRank: number,
	byYear: Map<number, RankPoint>,
	previousTarget: RankInterval | null,
	nOf: CohortSize = () => null
): RankInterval {
	const before = byYear.get(year - 1);
	const interval = boundInterval(before);
	const ruleWith = (reference: number | null, target: number | null) => {
		const view = reference === null ? byYear : new Map(byYear).set(year - 1, { ...before!, rank: reference });
		return targetRankFor(plan, year, baselineRank, view, target, nOf);
	};
	if (interval !== null) {
		const worst = Math.max(interval.min, Math.min(interval.max, previousTarget?.max ?? interval.max));
		return { min: ruleWith(interval.min, null), max: ruleWith(worst, null) };
	}
	return { min: ruleWith(null, previousTarget?.min ?? null), max: ruleWith(null, previousTarget?.max ?? null) };
}

/**
 * The score a unit needs to reach `targetRank` given the other units' scores
 * that year: the target-th best of the others (a tie shares the better rank).
 * Null when fewer other units than that have a score.
 */
export function scoreNeededForRank(targetRank: number, otherScores: number[]): number | null {
	if (targetRank < 1 || otherScores.length < targetRank) return null;
	const sorted = [...otherScores].sort((a, b) => b - a);
	return sorted[targetRank - 1];
}
