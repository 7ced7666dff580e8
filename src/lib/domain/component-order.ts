/**
 * The order of the component breakdown: what pulled the total down first.
 * Pure, so the rule is tested on its own and the briefing reuses it.
 */
import type { ComponentRow } from './chart-data.ts';

const orLast = (v: number | null) => (v === null ? Number.POSITIVE_INFINITY : v);

/**
 * Components sorted so that what pulled the total down comes first: the
 * biggest rank fall since the previous year first; then, among equal changes
 * (or none known), the furthest below the national median; then by name.
 * Rows without a change come after every row with one.
 */
export function pullDownFirst(rows: ComponentRow[]): ComponentRow[] {
	const belowMedian = (r: ComponentRow) => (r.score === null || r.median === null ? null : r.score - r.median);
	return [...rows].sort(
		(a, b) =>
			orLast(a.changePrevious) - orLast(b.changePrevious) ||
			orLast(belowMedian(a)) - orLast(belowMedian(b)) ||
			a.name.localeCompare(b.name, 'vi')
	);
}
