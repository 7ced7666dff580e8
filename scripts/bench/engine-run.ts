/**
 * Child of the engine benchmark, on the full database CHISO_DB:
 * - a full recomputation of the stored ranks (every rank, n and coverage);
 * - the default plan rule evaluated for every unit and index (one query for
 *   the ranks, then the pure rule per series);
 * - single-unit reads: what the overview and one index page of a unit ask
 *   the server layer for (`overview`, `indexView`, `targetsFor`).
 * `tsx scripts/bench/engine-run.ts UNIT RUNS`; prints medians in ms.
 */
import { closeDatabase, query, transaction } from '../../src/lib/server/db.ts';
import { rankedObservations } from '../../src/lib/server/queries/ranks.ts';
import { refreshAllRanks } from '../../src/lib/server/queries/rank-refresh.ts';
import { loadCatalogue } from '../../src/lib/server/reference.ts';
import { findUnit } from '../../src/lib/server/queries/units.ts';
import { overview } from '../../src/lib/server/views/overview.ts';
import { indexView } from '../../src/lib/server/views/index-page.ts';
import { targetsFor } from '../../src/lib/server/targets.ts';
import { evaluatePlan, type PlanRule, type RankPoint } from '../../src/lib/domain/plan.ts';
import { median, repeat, timed } from './stats.ts';
import { peakRssMb } from './child.ts';

const [unitCode, runsText] = process.argv.slice(2);
const runs = Number(runsText);

/** Every stored rank dropped and decided again (rank changes are worked out when read). */
const fullRecompute = () => transaction(refreshAllRanks);

/** Every unit's total ranks, and the directive's rule evaluated on each series. */
async function allPlans(): Promise<number> {
	const [plan] = await query<{ baseline_year: number; first_step: number; yearly_step: number; horizon: number }>(
		'SELECT baseline_year, first_step, yearly_step, horizon FROM plans WHERE default_rule ORDER BY version DESC LIMIT 1'
	);
	const rule: PlanRule = { kind: 'rise', baselineYear: plan.baseline_year, firstStep: plan.first_step, yearlyStep: plan.yearly_step, horizon: plan.horizon };
	const totals = rankedObservations({ componentId: 'total', change: false });
	const rows = await query<{ index_id: string; unit_code: string; points: RankPoint[] }>(
		`SELECT index_id, unit_code, list({'year': year, 'rank': rank, 'n': n, 'score': score, 'rankSource': rank_source} ORDER BY year) AS points
		   FROM ${totals.sql} r GROUP BY ALL`,
		totals.params
	);
	let evaluated = 0;
	for (const row of rows) evaluated += evaluatePlan(rule, row.points, () => row.unit_code).length;
	return evaluated;
}

const { indices } = await loadCatalogue();
const match = await findUnit(unitCode);
if (!match.ok) throw new Error(`unknown unit ${unitCode}`);
const unit = match.unit;
const index = indices.find((i) => i.id !== 'SIPAS')!;
// Warm-up: the first query pays for loading the file's pages.
await overview('vi', unit, null);

const result = {
	fullRecomputeMs: median(await repeat(runs, () => timed(fullRecompute))),
	allPlansMs: median(await repeat(runs, () => timed(allPlans))),
	unitOverviewMs: median(await repeat(runs * 3, () => timed(() => overview('vi', unit, null)))),
	unitIndexPageMs: median(await repeat(runs * 3, () => timed(() => indexView('vi', index, unit, null, '')))),
	unitTargetsMs: median(await repeat(runs * 3, () => timed(() => targetsFor(unit.code)))),
	figures: (await query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM observations'))[0].n,
	peakRssMb: 0
};
result.peakRssMb = peakRssMb();
await closeDatabase();
console.log(JSON.stringify(result));
