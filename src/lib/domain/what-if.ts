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
import { parseDecimal } from './numbers.ts';

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

/** A change asked for one component: a new score, or a change (`+0.5`, `-1`) to the actual one. */
export interface ComponentChange {
	component: string;
	value: number;
	relative: boolean;
}

/**
 * Reads `ID=VALUE` or `ID=+DELTA` / `ID=-DELTA` (the CLI's `--set`); null when
 * the text is not of that form.
 */
export function parseChange(text: string): ComponentChange | null {
	const match = /^\s*([A-Za-z0-9_]+)\s*=(.*)$/.exec(text);
	// The value is read by the one decimal reader, as the page's inputs are (`changesFromInputs`).
	const value = match ? parseDecimal(match[2]) : null;
	if (value === null || Number.isNaN(value)) return null;
	// A sign makes it a change to the actual score: "=-1" is one point less, "=1" a score of 1.
	return { component: match![1], value, relative: /^\s*[+-]/.test(match![2]) };
}

/** Why a change cannot be applied: an unknown component, or a score outside the component's bounds. */
export type ChangeProblem =
	| { kind: 'unknown_component'; component: string; known: string[] }
	| { kind: 'out_of_bounds'; component: string; value: number; min: number; max: number | null };

/** An input whose text is no decimal number: it changes nothing. */
export interface NotADecimal {
	kind: 'not_a_decimal';
	component: string;
	text: string;
}

/**
 * The changes that a scenario's inputs ask for (the page's fields, the GET
 * form's parameters: component id → the text typed), each read by
 * `parseDecimal`: a comma or a point is the decimal mark, as Vietnamese
 * writes 72,5. An empty input changes nothing. A text that is no plain decimal
 * ("72.5.1", "1.234,5", "1e2") is a problem, never a number guessed from it;
 * "1,234" reads as 1.234, as the import reads it, since no score needs a
 * thousands separator (the largest maximum is 100 points).
 */
export function changesFromInputs(inputs: Iterable<readonly [string, string]>): { changes: ComponentChange[]; problems: NotADecimal[] } {
	const changes: ComponentChange[] = [];
	const problems: NotADecimal[] = [];
	for (const [component, text] of inputs) {
		const value = parseDecimal(text);
		if (value === null) continue;
		if (Number.isNaN(value)) problems.push({ kind: 'not_a_decimal', component, text: text.trim() });
		else changes.push({ component, value, relative: false });
	}
	return { changes, problems };
}

/**
 * The scenario's component scores: the actual ones with the changes applied.
 * Every change is checked; a problem leaves that component at its actual score.
 */
export function applyChanges(
	parts: readonly AggregationPart[],
	actual: Record<string, number>,
	changes: readonly ComponentChange[]
): { scenario: Record<string, number>; problems: ChangeProblem[] } {
	const scenario = { ...actual };
	const problems: ChangeProblem[] = [];
	for (const change of changes) {
		const part = parts.find((p) => p.id === change.component);
		if (!part) {
			problems.push({ kind: 'unknown_component', component: change.component, known: parts.map((p) => p.id) });
			continue;
		}
		const value = change.relative ? actual[part.id] + change.value : change.value;
		if (!Number.isFinite(value) || value < part.min - EPSILON || (part.max !== null && value > part.max + EPSILON)) {
			problems.push({ kind: 'out_of_bounds', component: part.id, value, min: part.min, max: part.max });
			continue;
		}
		scenario[part.id] = value;
	}
	return { scenario, problems };
}

export interface ScenarioInput {
	parts: readonly AggregationPart[];
	actualTotal: number;
	/** The rank shown for the unit that year (published where one exists). */
	actualRank: number | null;
	actual: Record<string, number>;
	scenario: Record<string, number>;
	/** The other units of the year with their totals; null when some lack one (no rank can be projected). */
	others: readonly OtherUnit[] | null;
	targetRank: number | null;
}

export interface TargetAnswer {
	rank: number;
	/** The lowest total with that rank among the others held fixed; null when any total has it. */
	totalNeeded: number | null;
	/** Points of total still to add to the scenario (0 when it already reaches the target). */
	gainNeeded: number;
	/** False when even every component at its maximum falls short. */
	reachable: boolean;
	path: PathStep[];
	pathPoints: number;
	/** The units the path passes: above the scenario's total, not above the total needed. */
	passes: OtherUnit[];
}

export interface ScenarioResult {
	total: number;
	rank: number | null;
	/** Actual rank − projected rank: positive means the unit would rise. */
	rankChange: number | null;
	/** Whether the projected rank meets the target; null without a target or a rank. */
	met: boolean | null;
	target: TargetAnswer | null;
}

/**
 * A scenario's projected total and rank, whether it meets the target, and the
 * cheapest path from the scenario to the target. The page runs this on the
 * server and again in the browser as inputs move; the CLI prints it.
 */
export function evaluateScenario(input: ScenarioInput): ScenarioResult {
	const total = scenarioTotal(input.parts, input.actualTotal, input.actual, input.scenario);
	const totals = input.others?.map((o) => o.total) ?? null;
	const rank = totals ? projectedRank(total, totals) : null;
	const rankChange = rank !== null && input.actualRank !== null ? input.actualRank - rank : null;
	if (input.targetRank === null || !totals || !input.others) return { total, rank, rankChange, met: null, target: null };
	const totalNeeded = totalForRank(totals, input.targetRank);
	const gainNeeded = totalNeeded === null ? 0 : Math.max(0, totalNeeded - total);
	const path = cheapestPath(input.parts, input.scenario, gainNeeded);
	return {
		total,
		rank,
		rankChange,
		met: rank! <= input.targetRank,
		target: {
			rank: input.targetRank,
			totalNeeded,
			gainNeeded,
			reachable: path.reachable,
			path: path.path,
			pathPoints: path.points,
			passes: path.reachable ? unitsPassed(input.others, total, Math.max(total, totalNeeded ?? total)) : []
		}
	};
}
