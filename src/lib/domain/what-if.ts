/**
 * The what-if simulator and the cheapest path to a target rank, as pure
 * functions: the /{index}/what-if page (server and browser), `chiso whatif`
 * and their tests all call these, so every surface gives the same answer.
 *
 * Ranks follow the project's rule (ARCHITECTURE.md, queries/ranks.ts):
 * higher score better, standard competition ranking, ties share the best
 * rank. Reaching rank r therefore means at most r − 1 other units strictly
 * above. The other units' totals are held as published: they move too, which
 * the page says next to the numbers.
 */
import type { AggregationPart } from './aggregation.ts';

/**
 * Two totals closer than this are equal. A projected total is a sum of
 * products of decimals (63.6884 can come out as 63.68839999999999), and a
 * published tie must stay a tie; published figures have at most 4 decimals.
 */
const EPSILON = 1e-9;

/** Another unit of the year's cohort, its total held as published. */
export interface OtherUnit {
	code: string;
	name: string;
	total: number;
}

/** The rank a total would have among the others' totals (1 + how many are strictly above). */
export function projectedRank(total: number, others: readonly number[]): number {
	let above = 0;
	for (const o of others) if (o > total + EPSILON) above++;
	return above + 1;
}

/**
 * The lowest total that has rank `targetRank` or better among the others:
 * the `targetRank`-th highest of them (a tie with it shares its rank).
 * Null when fewer than `targetRank` others exist: any total reaches it.
 */
export function totalForRank(others: readonly number[], targetRank: number): number | null {
	if (!Number.isInteger(targetRank) || targetRank < 1) throw new RangeError(`target rank must be a whole number ≥ 1, got ${targetRank}`);
	if (others.length < targetRank) return null;
	return [...others].sort((a, b) => b - a)[targetRank - 1];
}

/** One component's change on a path: from its score to the score it needs. */
export interface PathStep {
	component: string;
	from: number;
	to: number;
}

export interface CheapestPath {
	/** False when even every component at its maximum does not give the gain: no path then. */
	reachable: boolean;
	/** The components that change, heaviest first (empty when the gain is 0 or unreachable). */
	path: PathStep[];
	/** Sum of component-point increases. */
	points: number;
	/** Total gain the path gives (equals the gain asked, when reachable). */
	gain: number;
}

/**
 * The smallest sum of component-point increases that raises the total by
 * `gain`, each component capped at its maximum: minimise Σ Δᵢ subject to
 * Σ cᵢ Δᵢ ≥ gain, 0 ≤ Δᵢ ≤ maxᵢ − scoreᵢ. A fractional knapsack: a point
 * of component i buys cᵢ of total, so spending on the largest coefficient
 * first is optimal (any point moved to a smaller cᵢ buys less). Equal
 * coefficients go in catalogue order, so the answer is stable.
 */
export function cheapestPath(parts: readonly AggregationPart[], scores: Record<string, number>, gain: number): CheapestPath {
	if (!(gain > EPSILON)) return { reachable: true, path: [], points: 0, gain: 0 };
	const order = parts
		.map((part, i) => ({ part, i }))
		.filter(({ part }) => part.coefficient > 0)
		.sort((a, b) => b.part.coefficient - a.part.coefficient || a.i - b.i);
	const headroom = (p: AggregationPart) => (p.max === null ? Infinity : Math.max(0, p.max - scores[p.id]));
	const possible = order.reduce((sum, { part }) => sum + part.coefficient * headroom(part), 0);
	if (possible + EPSILON < gain) return { reachable: false, path: [], points: 0, gain: 0 };
	const path: PathStep[] = [];
	let left = gain;
	let points = 0;
	for (const { part } of order) {
		if (left <= EPSILON) break;
		const room = headroom(part);
		if (room <= 0) continue;
		const delta = Math.min(room, left / part.coefficient);
		// The last step lands exactly on the cap when the remaining gain needs all of it.
		const to = room - delta <= EPSILON ? part.max! : scores[part.id] + delta;
		path.push({ component: part.id, from: scores[part.id], to });
		points += to - scores[part.id];
		left -= part.coefficient * (to - scores[part.id]);
	}
	return { reachable: true, path, points, gain };
}

/** The total after changing components: the published total plus what the rule makes of the changes. */
export function scenarioTotal(
	parts: readonly AggregationPart[],
	actualTotal: number,
	actual: Record<string, number>,
	scenario: Record<string, number>
): number {
	// Anchored on the published total, not recomputed from the components: with
	// nothing changed the page shows the publisher's figure, not one off by the
	// rounding of published sub-indices (0.02 on PCI 2021's web table).
	return parts.reduce((total, p) => total + p.coefficient * (scenario[p.id] - actual[p.id]), actualTotal);
}

/** The units a rise from `from` to `to` passes: strictly above `from`, not strictly above `to`. */
export function unitsPassed(others: readonly OtherUnit[], from: number, to: number): OtherUnit[] {
	return others.filter((o) => o.total > from + EPSILON && !(o.total > to + EPSILON)).sort((a, b) => b.total - a.total);
}

/** The middle value (mean of the two middle values for an even count); null for none. */
export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Every component raised to at least the level given (never lowered; a missing level leaves it as is). */
export function atLeast(scores: Record<string, number>, levels: Record<string, number | null | undefined>): Record<string, number> {
	return Object.fromEntries(Object.entries(scores).map(([id, v]) => [id, Math.max(v, levels[id] ?? v)]));
}

/**
 * The unit's average yearly change of total over its last shipped years up to
 * `year` (at most `span` years back): context for "the others move too".
 * Null with fewer than two years.
 */
export function averageYearlyChange(series: readonly { year: number; score: number | null }[], year: number, span = 5): number | null {
	const known = series.filter((p) => p.score !== null && p.year <= year && p.year > year - span).sort((a, b) => a.year - b.year);
	if (known.length < 2) return null;
	const first = known[0];
	const last = known[known.length - 1];
	return (last.score! - first.score!) / (last.year - first.year);
}
