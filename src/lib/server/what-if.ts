/**
 * What the what-if simulator needs for one unit, index and year: the rule of
 * the total, the unit's published components, the other units' totals held as
 * published, the plan's target for the year, and the two reference scenarios.
 * The /{index}/what-if page and `chiso whatif` both call `whatIfFor`; the
 * arithmetic is in src/lib/domain/what-if.ts.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { query } from './db.ts';
import { loadAggregation, loadCatalogue } from './reference.ts';
import { rankedObservations, unitsFigures } from './queries/ranks.ts';
import { targetsFor } from './targets.ts';
import { aggregationFor, type AggregationPart, type AggregationRule } from '../domain/aggregation.ts';
import { TOTAL, type IndexDef } from '../domain/catalogue.ts';
import {
	applyChanges, atLeast, averageYearlyChange, evaluateScenario, median, totalForRank,
	type ChangeProblem, type ComponentChange, type OtherUnit, type ScenarioResult
} from '../domain/what-if.ts';

interface YearFigure {
	unit_code: string;
	/** On the total's row only. */
	unit_name: string | null;
	component_id: string;
	score: number | null;
	rank: number | null;
	n: number | null;
}

/** The rows of `ranked` as `YearFigure`s, the unit's name on its total's row only (null on the others). */
function figuresOf(ranked: { sql: string; params: DuckDBValue[] }): Promise<YearFigure[]> {
	return query<YearFigure & Record<string, unknown>>(
		`SELECT r.unit_code, CASE WHEN r.component_id = $${ranked.params.length + 1} THEN u.name_vi END AS unit_name,
		        r.component_id, r.score, r.rank, r.n
		   FROM ${ranked.sql} r JOIN units u ON u.code = r.unit_code`,
		[...ranked.params, TOTAL]
	);
}

/**
 * What `whatIfFor` reads of an index's year: every unit's total and the
 * unit's own components, or with `allComponents` every unit's components
 * too (the reference scenarios' medians). At commune scale that is 10,000
 * rows against 100,000, and the names of all of them were most of a
 * briefing's first render; only the totals' names are read either way.
 */
async function yearFigures(indexId: string, year: number, unitCode: string, allComponents: boolean): Promise<YearFigure[]> {
	if (allComponents) return figuresOf(rankedObservations({ indexId, year, change: false }));
	const [totals, own] = await Promise.all([
		figuresOf(rankedObservations({ indexId, year, componentId: TOTAL, change: false })),
		figuresOf(rankedObservations({ indexId, year, units: [unitCode], change: false }))
	]);
	return [...totals, ...own.filter((f) => f.component_id !== TOTAL)];
}

/** A reference scenario: every component raised to at least a level. */
export interface ReferenceScenario {
	kind: 'median' | 'at_target';
	/** For `at_target`: the unit whose components are the levels. */
	unitName: string | null;
	components: Record<string, number>;
	total: number;
	rank: number | null;
}

export interface WhatIf {
	index: IndexDef;
	year: number;
	unit: { code: string; name: string };
	/** The year's rule; components mode needs it reproducible and every component of the unit published. */
	rule: AggregationRule | null;
	/** `components`: one input per component; `total`: the total alone (rule not reproducible, or a component missing). */
	mode: 'components' | 'total';
	/** Why the total alone: the rule is not reproducible, or the unit lacks a component's score. */
	totalOnlyReason: 'no_rule' | 'missing_component' | null;
	parts: AggregationPart[];
	actual: Record<string, number>;
	actualTotal: number;
	actualRank: number | null;
	n: number | null;
	/** The others' totals held as published; null when some unit of the year has none. */
	others: OtherUnit[] | null;
	/** The plan's target rank of the year (null: none for that year); `targetFromPlan` false when the user set it. */
	targetRank: number | null;
	targetFromPlan: boolean;
	planTargetRank: number | null;
	scenario: Record<string, number>;
	problems: ChangeProblem[];
	result: ScenarioResult;
	/** None when `whatIfFor` was asked for none. */
	references: ReferenceScenario[];
	/** The unit's average yearly change of total over its last five years shipped (context: others move too). */
	yearlyChange: number | null;
}

/** Thrown when the unit has no total in that index and year (the page answers 404, the CLI exits 1). */
export class NoFigureError extends Error {}

/**
 * The simulator's data and answer for a unit, index and year, with changes
 * applied and, when given, a target rank instead of the plan's. With
 * `references: false` (the briefing, which shows the path alone) there are no
 * reference scenarios, and the other units' components are not read.
 */
export async function whatIfFor(
	unit: { code: string; name: string },
	index: IndexDef,
	year: number,
	changes: ComponentChange[] = [],
	targetOverride: number | null = null,
	{ references: withReferences = true }: { references?: boolean } = {}
): Promise<WhatIf> {
	const [{ components }, rules, figures, reports] = await Promise.all([
		loadCatalogue(),
		loadAggregation(),
		yearFigures(index.id, year, unit.code, withReferences),
		targetsFor(unit.code, index.id)
	]);
	const own = figures.filter((f) => f.unit_code === unit.code);
	const totalRow = own.find((f) => f.component_id === TOTAL);
	if (!totalRow || totalRow.score === null) throw new NoFigureError(`${unit.name}: ${index.shortEn} ${year}`);

	const aggregation = aggregationFor(rules, components, index.id, year);
	const ownScore = (id: string) => own.find((f) => f.component_id === id)?.score ?? null;
	const complete = aggregation.reproducible && aggregation.parts.every((p) => ownScore(p.id) !== null);
	const parts: AggregationPart[] = complete
		? aggregation.parts
		: [{ id: TOTAL, coefficient: 1, min: 0, max: index.maxTotal }];
	const actual = Object.fromEntries(parts.map((p) => [p.id, p.id === TOTAL ? totalRow.score! : ownScore(p.id)!]));

	const otherTotals = figures.filter((f) => f.component_id === TOTAL && f.unit_code !== unit.code && f.score !== null);
	const n = totalRow.n;
	// A rank among the others needs every other unit's total: from PCI 2023 only the top 30 are published.
	const others = n !== null && otherTotals.length >= n - 1
		? otherTotals.map((f) => ({ code: f.unit_code, name: f.unit_name!, total: f.score! }))
		: null;

	// The active plan comes first; an older plan (Kon Tum's 2021 plan) may be the one that judges this year.
	const planTargetRank = reports.map((r) => r.years.find((y) => y.year === year)?.targetRank ?? null).find((rank) => rank !== null) ?? null;
	const targetRank = targetOverride ?? planTargetRank;
	const { scenario, problems } = applyChanges(parts, actual, changes);
	const evaluate = (s: Record<string, number>) =>
		evaluateScenario({ parts, actualTotal: totalRow.score!, actualRank: totalRow.rank, actual, scenario: s, others, targetRank });
	const result = evaluate(scenario);

	const references: ReferenceScenario[] = [];
	// Only against a complete table: a median of the few units a page names is no national median.
	if (complete && others && withReferences) {
		const levelsOf = (pick: (f: YearFigure) => boolean) =>
			Object.fromEntries(parts.map((p) => [p.id, median(figures.filter((f) => f.component_id === p.id && f.score !== null && pick(f)).map((f) => f.score!))]));
		const medians = atLeast(actual, levelsOf(() => true));
		const m = evaluate(medians);
		references.push({ kind: 'median', unitName: null, components: medians, total: m.total, rank: m.rank });
		const needed = others && targetRank !== null ? totalForRank(others.map((o) => o.total), targetRank) : null;
		// The unit at the target: the one whose total is the total needed (the first by name on a tie).
		const atTarget = needed === null ? null : others!.filter((o) => o.total === needed).sort((a, b) => a.name.localeCompare(b.name, 'vi'))[0];
		if (atTarget) {
			const levels = levelsOf((f) => f.unit_code === atTarget.code);
			if (parts.every((p) => levels[p.id] !== null)) {
				const s = atLeast(actual, levels);
				const r = evaluate(s);
				references.push({ kind: 'at_target', unitName: atTarget.name, components: s, total: r.total, rank: r.rank });
			}
		}
	}

	const series = await unitsFigures([unit.code], index.id, TOTAL);
	return {
		index, year, unit, rule: aggregation.rule, mode: complete ? 'components' : 'total',
		totalOnlyReason: complete ? null : aggregation.reproducible ? 'missing_component' : 'no_rule',
		parts, actual, actualTotal: totalRow.score, actualRank: totalRow.rank, n, others,
		targetRank, targetFromPlan: targetOverride === null, planTargetRank, scenario, problems, result, references,
		yearlyChange: averageYearlyChange(series, year)
	};
}

/** The years in which the unit has a total in the index, oldest first (the years a what-if can start from). */
export async function whatIfYears(unitCode: string, indexId: string): Promise<number[]> {
	const series = await unitsFigures([unitCode], indexId, TOTAL);
	return series.filter((f) => f.score !== null).map((f) => f.year);
}

/** The CLI's JSON (issue 15's shape), from the same answer the page shows. */
export function whatIfJson(w: WhatIf) {
	const t = w.result.target;
	return {
		unit: w.unit.name,
		index: w.index.id,
		year: w.year,
		n: w.n,
		current: { total: w.actualTotal, rank: w.actualRank },
		projected: { total: w.result.total, rank: w.result.rank, components: w.scenario },
		target: t && {
			rank: t.rank,
			totalNeeded: t.totalNeeded,
			gainNeeded: t.gainNeeded,
			reachable: t.reachable,
			path: t.path,
			pathPoints: t.pathPoints
		}
	};
}
