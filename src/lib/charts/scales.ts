/**
 * Scale and layout helpers shared by every chart: pure functions over d3
 * scales, so the rank chart, the bump chart and the sparkline agree on what
 * "rank 1 at the top" means. Called by the components in this folder.
 */
import { extent, scaleLinear, ticks, type ScaleLinear } from 'd3';
import type { Locale } from '../i18n/index.ts';

/** What a chart is given beside its data: the interface language, the drawing's accessible name and its size. */
export interface ChartProps {
	locale: Locale;
	/** The accessible name of the drawing. */
	label: string;
	width: number;
	height?: number;
}

export interface Margin {
	top: number;
	right: number;
	bottom: number;
	left: number;
}

/** The drawing area left inside a chart of `width` × `height` once the margins are taken. */
export interface Box {
	left: number;
	right: number;
	top: number;
	bottom: number;
}

/** The inner box of a chart; never narrower or shorter than one pixel, so scales stay defined on tiny screens. */
export function innerBox(width: number, height: number, margin: Margin): Box {
	const left = margin.left;
	const top = margin.top;
	return {
		left,
		top,
		right: Math.max(left + 1, width - margin.right),
		bottom: Math.max(top + 1, height - margin.bottom)
	};
}

/**
 * A rank axis: rank 1 at the top (`top`), rank `worst` at the bottom. Ranks
 * are places, so the scale is linear in places and never inverted by data.
 */
export function rankScale(worst: number, top: number, bottom: number): ScaleLinear<number, number> {
	return scaleLinear()
		.domain([1, Math.max(2, worst)])
		.range([top, bottom]);
}

/** The last place a rank axis shows: the largest of the ranks and cohort sizes given (missing ones ignored), at least 2. */
export function worstRank(values: (number | null | undefined)[]): number {
	return Math.max(2, ...values.map((v) => v ?? 0));
}

/**
 * Tick values for a rank axis: always 1 and `worst` (the ends a reader looks
 * for: "first" and "last of 63"), round numbers in between, none crowding the ends.
 */
export function rankTicks(worst: number, count = 5): number[] {
	if (worst <= 1) return [1];
	const inner = ticks(1, worst, count);
	const step = inner.length > 1 ? inner[1] - inner[0] : worst;
	const middle = inner.filter((t) => t > 1 + step / 3 && t < worst - step / 3);
	return [1, ...middle, worst];
}

/**
 * A linear year axis with half a year of air at each end. Linear, not a
 * point scale: a gap in the data (PAR INDEX 2016–2020) must show as a gap,
 * not as neighbouring years.
 */
export function yearScale(years: number[], left: number, right: number): ScaleLinear<number, number> {
	const span = yearSpan(years);
	const first = span[0] ?? 0;
	const last = span.at(-1) ?? 0;
	return scaleLinear()
		.domain([first - 0.5, last + 0.5])
		.range([left, right]);
}

/** Every year from the first to the last of `years`, gaps included. */
export function yearSpan(years: number[]): number[] {
	if (years.length === 0) return [];
	const first = Math.min(...years);
	const last = Math.max(...years);
	return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * A score axis domain that holds every value with `pad` (a share of the
 * spread) of air around it; a single value gets ±1 so it is not on an edge.
 */
export function paddedDomain(values: (number | null)[], pad = 0.08): [number, number] {
	const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
	const [low, high] = extent(present);
	if (low === undefined || high === undefined) return [0, 1];
	if (low === high) return [low - 1, high + 1];
	const air = (high - low) * pad;
	return [low - air, high + air];
}

/**
 * Year labels that fit: every year when there is room (about 36 px a
 * label), otherwise every second or third year, always keeping the last.
 */
export function yearTicks(years: number[], width: number, labelWidth = 36): number[] {
	const sorted = [...new Set(years)].sort((a, b) => a - b);
	const every = Math.max(1, Math.ceil((sorted.length * labelWidth) / Math.max(1, width)));
	return sorted.filter((_, i) => (sorted.length - 1 - i) % every === 0);
}

/**
 * Places dots of a one-dimensional strip so that none overlap: each dot goes
 * to the nearest free row (0, +1, −1, +2, …) around the centre line. Input
 * order decides priority, so the caller sorts by x; returns a row per dot.
 */
export function dodgeRows(xs: number[], radius: number): number[] {
	const placed: { x: number; row: number }[] = [];
	const gap = radius * 2;
	return xs.map((x) => {
		const taken = new Set(placed.filter((p) => Math.abs(p.x - x) < gap).map((p) => p.row));
		let row = 0;
		for (let k = 1; taken.has(row); k++) row = k % 2 === 1 ? (k + 1) / 2 : -k / 2;
		placed.push({ x, row });
		return row;
	});
}

/**
 * Moves labels apart vertically so that none is closer than `gap` to the
 * next, keeping their order and staying as near their wanted `ys` as a
 * simple top-down sweep allows. Returns the new y of each label, in input order.
 */
export function spreadLabels(ys: number[], gap: number): number[] {
	const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
	const placed: number[] = new Array(ys.length);
	let last = -Infinity;
	for (const { y, i } of order) {
		last = Math.max(y, last + gap);
		placed[i] = last;
	}
	return placed;
}

/**
 * Lays legend items (each `widths[i]` pixels wide) left to right, wrapping
 * to a new row of `rowHeight` when `maxWidth` is reached.
 */
export function flowLayout(widths: number[], maxWidth: number, rowHeight: number, spacing = 16): { x: number; y: number }[] {
	let x = 0;
	let y = 0;
	return widths.map((w) => {
		if (x > 0 && x + w > maxWidth) {
			x = 0;
			y += rowHeight;
		}
		const at = { x, y };
		x += w + spacing;
		return at;
	});
}

/**
 * A label shortened to fit `room` pixels, with an ellipsis: about 7 px a
 * character at 12 px in the widest fallback font of a downloaded file, and
 * never fewer than 8 characters (the tooltip and the table keep it whole).
 */
export function fitLabel(text: string, room: number): string {
	const chars = Math.max(8, Math.floor(room / 7));
	return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}
