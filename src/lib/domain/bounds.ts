/**
 * Bounds: what a source says about a rank or a score without giving it
 * ("outside the top 30", "above 39.67", "in the lowest group"). Pure helpers
 * shared by the import (is a figure consistent with a bound?), the plan rule
 * (the rank interval a bound leaves) and the pages (a bound in words).
 * Both ends of an interval are inclusive: "outside the top 30 of 63" is 31–63,
 * "above 39.67" is read as score ≥ 39.67 (a tie cannot be ruled out).
 */
import type { Observation } from './observation.ts';

export type Bound = Required<{ [K in 'rankMin' | 'rankMax' | 'scoreMin' | 'scoreMax' | 'group']: NonNullable<Observation[K]> | null }>;

/** The bound an observation states, or null when it states none. */
export function boundOf(o: Partial<Bound>): Bound | null {
	const bound: Bound = {
		rankMin: o.rankMin ?? null, rankMax: o.rankMax ?? null, scoreMin: o.scoreMin ?? null, scoreMax: o.scoreMax ?? null, group: o.group ?? null
	};
	return Object.values(bound).some((v) => v !== null) ? bound : null;
}
type Figure = Pick<Observation, 'score' | 'publishedRank'>;

/** Whether a figure lies inside a bound (an end the bound leaves open never excludes it). */
export function figureFitsBound(figure: Figure, bound: Bound): boolean {
	const inside = (v: number | null, min: number | null, max: number | null) =>
		v === null || ((min === null || v >= min) && (max === null || v <= max));
	return inside(figure.publishedRank, bound.rankMin, bound.rankMax) && inside(figure.score, bound.scoreMin, bound.scoreMax);
}

/**
 * A bound in short, language-neutral notation for import problems and the
 * change preview: `#31–63/63`, `≥39.67`, `≤50`, `[lowest group]`.
 */
export function boundNotation(bound: Bound, n: number | null): string {
	const parts: string[] = [];
	if (bound.rankMin !== null || bound.rankMax !== null) {
		parts.push(`#${bound.rankMin ?? 1}–${bound.rankMax ?? n ?? '?'}${n !== null ? `/${n}` : ''}`);
	}
	if (bound.scoreMin !== null && bound.scoreMax !== null) parts.push(`${bound.scoreMin}–${bound.scoreMax}`);
	else if (bound.scoreMin !== null) parts.push(`≥${bound.scoreMin}`);
	else if (bound.scoreMax !== null) parts.push(`≤${bound.scoreMax}`);
	if (bound.group !== null) parts.push(`[${bound.group}]`);
	return parts.join(' ');
}

/**
 * The ranks a bound leaves possible among `n` units: [rankMin, rankMax], an
 * open end read as 1 or `n`. Null when the bound says nothing about the rank
 * (a score bound alone decides no rank without the other units' scores).
 */
export function rankIntervalOf(bound: Bound, n: number | null): { min: number; max: number } | null {
	if (bound.rankMin === null && bound.rankMax === null) return null;
	const max = bound.rankMax ?? n;
	if (max === null) return null;
	return { min: bound.rankMin ?? 1, max };
}

/**
 * "Points needed" from a score bound, where the bound decides it: reached (0)
 * when even its lowest possible score reaches the score the target rank took,
 * at least `target − scoreMax` when even its highest possible score falls short;
 * null when the bound straddles it (or says nothing of the score).
 * Rounded to the data's precision, as a known score's points are.
 */
export function pointsFromScoreBound(bound: Bound, scoreAtTarget: number): { points: number; atLeast: boolean } | null {
	if (bound.scoreMin !== null && bound.scoreMin >= scoreAtTarget) return { points: 0, atLeast: false };
	if (bound.scoreMax !== null && bound.scoreMax < scoreAtTarget) {
		return { points: Math.round((scoreAtTarget - bound.scoreMax) * 1e6) / 1e6, atLeast: true };
	}
	return null;
}

/** A stored bound of one unit, index, year and component, with where it was read (no figure stored for the key). */
export interface BoundFact extends Bound {
	indexId: string;
	year: number;
	unitCode: string;
	componentId: string;
	/** The number of units the statement ranks among, when it says. */
	n: number | null;
	valueType: 'published' | 'derived';
	source: string | null;
	note: string | null;
	batchId: number;
}
