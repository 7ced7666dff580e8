/**
 * The target engine: evaluates a unit's plans (or the default rule) against
 * its ranks, following the unit's lineage through the 2025 mergers, and works
 * out what score the target would have taken. Pages, API, CLI and briefing all
 * call `targetsFor`, so every surface shows the same verdicts.
 */
import { memoised } from './db.ts';
import { loadCatalogue, loadUnits } from './reference.ts';
import { activePlanRows, type ActivePlanRow } from './plans.ts';
import { scoresAtRanks, unitsFigures, type RankQuestion } from './queries/ranks.ts';
import { unitsBounds } from './queries/bounds.ts';
import { pointsFromScoreBound, type BoundFact } from '../domain/bounds.ts';
import { evaluatePlan, type PlanRule, type RankPoint, type TargetYear } from '../domain/plan.ts';
import { unitValidInYear } from '../domain/unit-names.ts';
import { planLineage } from '../domain/plan-inheritance.ts';

export type PlanJson =
	| { kind: 'rise'; baselineYear: number; firstStep: number; horizon: number }
	| { kind: 'absolute'; targetRank: number; horizon: number };

/** What it would have taken: the score needed for the target rank in the last year with data. */
export interface NeededScore {
	year: number;
	targetRank: number;
	score: number | null;
	scoreAtTarget: number;
	/** Points to add (0 when the target was reached). */
	points: number;
	/** From a score bound that decides it (no score known): "at least" this many points (issue 13). */
	atLeast?: boolean;
}

export interface TargetReport {
	unit: { code: string; name: string };
	index: string;
	planId: string | null;
	plan: PlanJson & { id: string | null };
	rule: PlanRule;
	years: TargetYear[];
	needed: NeededScore | null;
	/** The unit's bounds in this index (years known only by a bound), with their sources. */
	bounds: BoundFact[];
	/** The unit whose rank is the baseline: another unit of the lineage for a 2025 successor (its namesake predecessor). */
	baselineUnit: { code: string; name: string } | null;
}

/** A plan in force for one index; the id is null for the default rule applied to a unit without a plan of its own. */
type StoredPlan = Omit<ActivePlanRow, 'id'> & { id: string | null };

function ruleOf(plan: StoredPlan): PlanRule {
	return plan.kind === 'absolute'
		? { kind: 'absolute', baselineYear: plan.baseline_year, targetRank: plan.target_rank!, horizon: plan.horizon }
		: { kind: 'rise', baselineYear: plan.baseline_year, firstStep: plan.first_step!, yearlyStep: plan.yearly_step ?? 1, horizon: plan.horizon };
}

/**
 * Every plan in force (latest versions not retired: plans.ts), latest horizon
 * first, and the indices that have one (kept between requests: see `memoised`).
 */
function storedPlans(): Promise<{ plans: StoredPlan[]; indices: string[] }> {
	return memoised('plans', async () => {
		const plans = await activePlanRows();
		const withPlans = new Set(plans.map((p) => p.index_id));
		const { indices } = await loadCatalogue();
		return { plans, indices: indices.map((i) => i.id).filter((id) => withPlans.has(id)) };
	});
}

/**
 * Every plan of a unit for one index or all, each evaluated year by year. A
 * unit's plans include those of the predecessor it continues after a merger
 * and of the successor that continues it (plan-inheritance.ts); a
 * unit with no plan of its own for an index gets the default rule (the
 * directive's B, S, H, as stored data). Reports come in index order, then
 * the active plan (latest horizon) first.
 */
export async function targetsFor(unitCode: string, indexId?: string): Promise<TargetReport[]> {
	const units = await loadUnits();
	const { chain, planOwners } = planLineage(unitCode, units);
	const start = chain.find((u) => u.code === unitCode);
	if (!start) return [];
	const cohort = start.cohort;
	// A year's N without figures: the units of the cohort on 31 December (the unit table), so the
	// path after the 2025 merger is counted among 34 before any 2025 table exists.
	// Counted once a year: the rule asks for it year after year and plan after plan, and a commune
	// cohort has 10,000 units to go through each time.
	const sizes = new Map<number, number | null>();
	const cohortSize = (year: number) => {
		if (!sizes.has(year)) sizes.set(year, units.filter((u) => u.cohort === cohort && unitValidInYear(u, year)).length || null);
		return sizes.get(year)!;
	};
	const stored = await storedPlans();
	const indices = stored.indices.filter((id) => indexId === undefined || id === indexId).map((id) => ({ id }));
	const plans = stored.plans;
	const [figures, allBounds] = await Promise.all([
		unitsFigures(chain.map((u) => u.code), indexId, 'total'),
		unitsBounds(chain.map((u) => u.code), indexId, 'total')
	]);
	const unitInYear = (year: number) => chain.find((u) => unitValidInYear(u, year))?.code;

	const evaluated: Omit<TargetReport, 'needed'>[] = [];
	for (const { id: index } of indices) {
		let own = plans.filter((p) => p.index_id === index && planOwners.includes(p.unit_code));
		if (own.length === 0) {
			own = plans.filter((p) => p.index_id === index && p.default_rule).map((p) => ({ ...p, id: null }));
		}
		// The rank of year Y is the one of the unit in the lineage that existed in Y.
		const points: RankPoint[] = figures
			.filter((f) => f.indexId === index && unitInYear(f.year) === f.unitCode)
			.map((f) => ({ year: f.year, rank: f.rank, n: f.n, score: f.score, rankSource: f.rankSource }));
		// A year known only by a bound is a point without a rank, with the interval the bound leaves.
		const bounds = allBounds.filter((b) => b.indexId === index && unitInYear(b.year) === b.unitCode);
		for (const b of bounds) {
			if (!points.some((p) => p.year === b.year)) {
				points.push({ year: b.year, rank: null, n: b.n, score: null, rankSource: null, rankMin: b.rankMin, rankMax: b.rankMax });
			}
		}
		for (const plan of own) {
			const rule = ruleOf(plan);
			const base = chain.find((u) => u.code === unitInYear(rule.baselineYear));
			evaluated.push({
				unit: { code: start.code, name: start.nameVi },
				baselineUnit: base ? { code: base.code, name: base.nameVi } : null,
				index,
				planId: plan.id,
				plan: { ...planJson(rule), id: plan.id },
				rule,
				years: evaluatePlan(rule, points, unitInYear, cohortSize),
				bounds
			});
		}
	}
	// Every plan's "points needed" in one query.
	const needed = await neededScores(evaluated.map((r) => ({ indexId: r.index, years: r.years, bounds: r.bounds })), unitInYear);
	return evaluated.map((r, i) => ({ ...r, needed: needed[i] }));
}

function planJson(rule: PlanRule): PlanJson {
	return rule.kind === 'rise'
		? { kind: 'rise', baselineYear: rule.baselineYear, firstStep: rule.firstStep, horizon: rule.horizon }
		: { kind: 'absolute', targetRank: rule.targetRank, horizon: rule.horizon };
}

/**
 * What it would have taken, for each plan's verdicts: the score needed for the
 * target rank in the last year with a score, or with a score bound (a year
 * known only by "above 39.67"), which answers only where it decides.
 */
async function neededScores(
	reports: { indexId: string; years: TargetYear[]; bounds: BoundFact[] }[],
	unitInYear: (year: number) => string | undefined
): Promise<(NeededScore | null)[]> {
	const scoreBound = (i: number, year: number) =>
		reports[i].bounds.find((b) => b.year === year && (b.scoreMin !== null || b.scoreMax !== null)) ?? null;
	const lasts = reports.map((r, i) => [...r.years].reverse().find((y) => y.targetRank !== null && (y.score !== null || scoreBound(i, y.year))) ?? null);
	const questions: RankQuestion[] = [];
	const asked = lasts.map((last, i) => {
		if (!last) return -1;
		questions.push({ indexId: reports[i].indexId, year: last.year, unitCode: unitInYear(last.year)!, targetRank: last.targetRank! });
		return questions.length - 1;
	});
	// The target-th best of the other units' scores (`scoreNeededForRank`'s rule, in SQL over the stored ranking).
	const scores = await scoresAtRanks(questions);
	return lasts.map((last, i) => {
		const scoreAtTarget = asked[i] < 0 ? null : scores[asked[i]];
		if (!last || scoreAtTarget === null) return null;
		if (last.score === null) {
			const decided = pointsFromScoreBound(scoreBound(i, last.year)!, scoreAtTarget);
			return decided && { year: last.year, targetRank: last.targetRank!, score: null, scoreAtTarget, ...decided };
		}
		// Round the difference to the data's own precision: binary floating point
		// would turn 64.89 − 62.5 into 2.3900000000000006.
		const points = Math.max(0, Math.round((scoreAtTarget - last.score!) * 1e6) / 1e6);
		return { year: last.year, targetRank: last.targetRank!, score: last.score, scoreAtTarget, points };
	});
}

/**
 * The report in the public JSON shape of `chiso targets --json` and
 * `GET /api/targets`: unit, index, plan, years.
 */
export function targetJson(report: TargetReport) {
	return { unit: report.unit, index: report.index, plan: planJson(report.rule), years: report.years };
}

/**
 * The public JSON of `chiso targets --json` and `GET /api/targets`: for each
 * index, its active plan (the latest horizon); one object when an index is
 * given, else an array.
 */
export async function activeTargetsJson(unitCode: string, indexId?: string) {
	const reports = await targetsFor(unitCode, indexId);
	const active = reports.filter((r, i) => reports.findIndex((o) => o.index === r.index) === i).map(targetJson);
	return indexId ? (active[0] ?? null) : active;
}
