/**
 * Small statistics and reporting helpers of `npm run bench`: medians of
 * repeated runs, latency percentiles, and the one-line-per-figure report.
 */

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: number[]): number {
	if (values.length === 0) throw new Error('median of nothing');
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The p-th percentile (0–100) by the nearest-rank method: the smallest value with at least p % of values at or below it. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) throw new Error('percentile of nothing');
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[rank - 1];
}

/** One measured figure: what, how much, in what unit, and the goal it is held to (if any). */
export interface Figure {
	group: 'import' | 'engine' | 'pages' | 'pdf';
	name: string;
	value: number;
	unit: string;
	/** Runs the value is the median of (1 for a single measurement). */
	runs: number;
	goal?: { max: number; text: string };
	detail?: string;
}

/** Whether a figure meets its goal; null when it has none. */
export const meetsGoal = (f: Figure): boolean | null => (f.goal ? f.value <= f.goal.max : null);

const digits = (v: number) => (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);

/** `import 1M rows: pipeline  4.20 s  (median of 3)  goal ≤ 3× raw: met` */
export function formatFigure(f: Figure): string {
	const value = `${f.value.toFixed(digits(f.value))} ${f.unit}`;
	const runs = f.runs > 1 ? ` (median of ${f.runs})` : '';
	const met = meetsGoal(f);
	const goal = f.goal ? `  goal ${f.goal.text}: ${met ? 'met' : 'NOT met'}` : '';
	const detail = f.detail ? `  [${f.detail}]` : '';
	return `${f.group.padEnd(6)} ${f.name.padEnd(44)} ${value.padStart(14)}${runs}${goal}${detail}`;
}

/** Milliseconds that `fn` takes, until its promise (if any) settles. */
export async function timed(fn: () => unknown): Promise<number> {
	const start = performance.now();
	await fn();
	return performance.now() - start;
}

/** Runs `fn` `runs` times and returns every result (callers take the median). */
export async function repeat<T>(runs: number, fn: (run: number) => Promise<T>): Promise<T[]> {
	const results: T[] = [];
	for (let run = 0; run < runs; run++) results.push(await fn(run));
	return results;
}

/** The figures as a Markdown table (for README's Performance section). */
export function markdownTable(figures: Figure[]): string {
	const rows = figures.map((f) => {
		const met = meetsGoal(f);
		const goal = f.goal ? `${f.goal.text}: ${met ? 'met' : '**not met**'}` : '';
		return `| ${f.group} | ${f.name} | ${f.value.toFixed(digits(f.value))} ${f.unit} | ${f.detail ?? ''} | ${goal} |`;
	});
	return ['| step | figure | value | detail | goal |', '|---|---|---|---|---|', ...rows].join('\n') + '\n';
}
