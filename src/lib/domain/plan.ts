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

export type TargetStatus = 'baseline' | 'met' | 'missed' | 'pending' | 'no_baseline';

/** Why a year's rank cannot be compared with the baseline's like for like. */
export type IncomparableReason = 'n_changed' | 'lineage_changed';

/** A unit's rank in one year, as the rank SQL decided it. */
export interface RankPoint {
	year: number;
	rank: number | null;
	n: number | null;
	score: number | null;
	rankSource: 'published' | 'computed' | null;
}

export interface TargetYear {
	year: number;
	rank: number | null;
	n: number | null;
	percentile: number | null;
	score: number | null;
	rankSource: 'published' | 'computed' | null;
	targetRank: number | null;
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
	let previousTarget: number | null = null;

	for (let year = plan.baselineYear; year <= plan.horizon; year++) {
		const point = byYear.get(year);
		const rank = point?.rank ?? null;
		const n = point?.n ?? null;
		const targetRank: number | null =
			year === plan.baselineYear || baseRank === null ? null : targetRankFor(plan, year, baseRank, byYear, previousTarget);
		previousTarget = targetRank;

		let status: TargetStatus;
		if (year === plan.baselineYear) status = 'baseline';
		else if (baseRank === null) status = 'no_baseline';
		else if (rank === null) status = 'pending';
		else status = rank <= targetRank! ? 'met' : 'missed';

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
