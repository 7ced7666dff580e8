/**
 * The target engine: evaluates a unit's plans (or the default rule) against
 * its ranks, following the unit's lineage through the 2025 mergers, and works
 * out what score the target would have taken. Pages, API, CLI and briefing all
 * call `targetsFor`, so every surface shows the same verdicts.
 */
import { query } from './db.ts';
import { loadUnits } from './reference.ts';
import { scoreAtRank, unitsFigures } from './queries/ranks.ts';
import { evaluatePlan, type PlanRule, type RankPoint, type TargetYear } from '../domain/plan.ts';
import { unitValidInYear, type UnitRecord } from '../domain/unit-names.ts';

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
}

export interface TargetReport {
	unit: { code: string; name: string };
	index: string;
	planId: string | null;
	plan: PlanJson & { id: string | null };
	rule: PlanRule;
	years: TargetYear[];
	needed: NeededScore | null;
}

interface StoredPlan {
	/** Null for the default rule applied to a unit without a plan of its own. */
	id: string | null;
	index_id: string;
	unit_code: string;
	kind: 'rise' | 'absolute';
	baseline_year: number;
	first_step: number | null;
	yearly_step: number | null;
	horizon: number;
	target_rank: number | null;
	default_rule: boolean;
}

function ruleOf(plan: StoredPlan): PlanRule {
	return plan.kind === 'absolute'
		? { kind: 'absolute', baselineYear: plan.baseline_year, targetRank: plan.target_rank!, horizon: plan.horizon }
		: { kind: 'rise', baselineYear: plan.baseline_year, firstStep: plan.first_step!, yearlyStep: plan.yearly_step ?? 1, horizon: plan.horizon };
}

/** The unit and the units that succeeded it (2025 mergers), oldest first. */
async function lineage(unitCode: string): Promise<UnitRecord[]> {
	const byCode = new Map((await loadUnits()).map((u) => [u.code, u]));
	const chain: UnitRecord[] = [];
	for (let u = byCode.get(unitCode); u && !chain.includes(u); u = u.successorCode ? byCode.get(u.successorCode) : undefined) {
		chain.push(u);
	}
	return chain;
}

/**
 * Every plan of a unit for one index or all, each evaluated year by year; a
 * unit with no plan of its own for an index gets the default rule (the
 * directive's B, S, H, as stored data). Reports come in index order, then
 * the active plan (latest horizon) first.
 */
export async function targetsFor(unitCode: string, indexId?: string): Promise<TargetReport[]> {
	const chain = await lineage(unitCode);
	if (chain.length === 0) return [];
	const [indices, plans] = await Promise.all([
		query<{ id: string }>(
			`SELECT id FROM indices WHERE ($1::VARCHAR IS NULL OR id = $1)
			   AND id IN (SELECT DISTINCT index_id FROM plans) ORDER BY id`,
			[indexId ?? null]
		),
		query<StoredPlan & Record<string, unknown>>('SELECT * FROM plans ORDER BY horizon DESC, id')
	]);
	const figures = await unitsFigures(chain.map((u) => u.code), indexId, 'total');
	const unitInYear = (year: number) => chain.find((u) => unitValidInYear(u, year))?.code;

	const reports: Promise<TargetReport>[] = [];
	for (const { id: index } of indices) {
		let own = plans.filter((p) => p.index_id === index && p.unit_code === unitCode);
		if (own.length === 0) {
			own = plans.filter((p) => p.index_id === index && p.default_rule).map((p) => ({ ...p, id: null }));
		}
		// The rank of year Y is the one of the unit in the lineage that existed in Y.
		const points: RankPoint[] = figures
			.filter((f) => f.indexId === index && unitInYear(f.year) === f.unitCode)
			.map((f) => ({ year: f.year, rank: f.rank, n: f.n, score: f.score, rankSource: f.rankSource }));
		for (const plan of own) {
			const rule = ruleOf(plan);
			const years = evaluatePlan(rule, points, unitInYear);
			reports.push(
				neededScore(index, years, unitInYear).then((needed) => ({
					unit: { code: chain[0].code, name: chain[0].nameVi },
					index,
					planId: plan.id,
					plan: { ...planJson(rule), id: plan.id },
					rule,
					years,
					needed
				}))
			);
		}
	}
	return Promise.all(reports);
}

function planJson(rule: PlanRule): PlanJson {
	return rule.kind === 'rise'
		? { kind: 'rise', baselineYear: rule.baselineYear, firstStep: rule.firstStep, horizon: rule.horizon }
		: { kind: 'absolute', targetRank: rule.targetRank, horizon: rule.horizon };
}

async function neededScore(
	indexId: string,
	years: TargetYear[],
	unitInYear: (year: number) => string | undefined
): Promise<NeededScore | null> {
	const last = [...years].reverse().find((y) => y.targetRank !== null && y.score !== null);
	if (!last) return null;
	// The target-th best of the other units' scores (`scoreNeededForRank`'s rule, in SQL over the stored ranking).
	const scoreAtTarget = await scoreAtRank(indexId, last.year, unitInYear(last.year)!, last.targetRank!);
	if (scoreAtTarget === null) return null;
	// Round the difference to the data's own precision: binary floating point
	// would turn 64.89 − 62.5 into 2.3900000000000006.
	const points_ = Math.max(0, Math.round((scoreAtTarget - last.score!) * 1e6) / 1e6);
	return { year: last.year, targetRank: last.targetRank!, score: last.score, scoreAtTarget, points: points_ };
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
