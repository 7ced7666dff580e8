/**
 * Target plans and their evaluation, as pure functions: the directive's
 * "rise S places over the baseline year, then higher every year to the
 * horizon" and the absolute "rank ≤ R by year Y". Pages, API, CLI and the
 * briefing all get their verdicts from `evaluatePlan`.
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
	/** Places still to climb: rank − target; ≤ 0 when met. */
	gap: number | null;
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
 * Evaluates a plan for every year from its baseline to its horizon.
 * `points` may miss years (no data yet). `unitInYear` names the unit of the
 * lineage that exists in a year: from a merger on it is the successor, and
 * those years are judged on its published rank but marked not comparable,
 * as are years whose N differs from the baseline's.
 */
export function evaluatePlan(plan: PlanRule, points: RankPoint[], unitInYear: (year: number) => string | undefined): TargetYear[] {
	const byYear = new Map(points.map((p) => [p.year, p]));
	const baseline = byYear.get(plan.baselineYear);
	const baseRank = baseline?.rank ?? null;
	const years: TargetYear[] = [];
	let previousTarget: RankInterval | null = null;

	for (let year = plan.baselineYear; year <= plan.horizon; year++) {
		const point = byYear.get(year);
		const rank = point?.rank ?? null;
		const n = point?.n ?? null;
		const target: RankInterval | null =
			year === plan.baselineYear || baseRank === null ? null : targetRangeFor(plan, year, baseRank, byYear, previousTarget);
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
		else if (point && baseline && n !== null && baseline.n !== null && n !== baseline.n) reason = 'n_changed';

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
			gap: rank !== null && targetRank !== null ? rank - targetRank : null,
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
 */
export function targetRankFor(
	plan: PlanRule,
	year: number,
	baselineRank: number,
	byYear: Map<number, RankPoint>,
	previousTarget: number | null
): number {
	if (plan.kind === 'absolute') return plan.targetRank;
	if (year === plan.baselineYear + 1) return Math.max(1, baselineRank - plan.firstStep);
	const reference = byYear.get(year - 1)?.rank ?? previousTarget ?? baselineRank;
	return Math.max(1, reference - plan.yearlyStep);
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
	previousTarget: RankInterval | null
): RankInterval {
	const before = byYear.get(year - 1);
	const interval = boundInterval(before);
	const ruleWith = (reference: number | null, target: number | null) => {
		const view = reference === null ? byYear : new Map(byYear).set(year - 1, { ...before!, rank: reference });
		return targetRankFor(plan, year, baselineRank, view, target);
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
