/**
 * Readers during a commit (issues 8 and 19), shared by the load test
 * (tests/e2e/load.spec.ts) and the stress script (scripts/stress-snapshots.ts):
 * many clients read one unit's figures and its index page while a
 * million-figure web import commits, and each answer is classified as the state
 * before the import, the state after it, or a mix, with what was seen when it
 * is a mix.
 */
import fs from 'node:fs';
import { COMMUNE_SCALE, firstYear } from '../synthetic/generate.ts';

/** One synthetic unit and year that every reader asks about: the first year is in any file of whole tables. */
export const UNIT = 'SYN00001';
export const YEAR = firstYear(COMMUNE_SCALE);

/** A state of the database, named by the file whose import made it. */
export interface StateFile {
	name: string;
	fileName: string;
	batchId: number;
	/** UNIT's figures in that file by `year|component`. */
	scores: Map<string, number>;
	/** UNIT's YEAR total in that file and its rank among every unit's by the rank rule. */
	score: number;
	rank: number;
}

export interface Verdict {
	/** The state's name, or 'mixed'. */
	state: string;
	/** For a mix: what the answer showed, in words. */
	why?: string;
}

/**
 * UNIT's figures in a synthetic file, and its YEAR total's standard
 * competition rank among every unit's (higher is better): 1 + how many scored more.
 */
export function unitFigures(file: string): Pick<StateFile, 'scores' | 'score' | 'rank'> {
	const totals = new Map<string, number>();
	const scores = new Map<string, number>();
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		const [index, year, unit, component, score] = line.split(',');
		if (unit === UNIT) scores.set(`${year}|${component}`, Number(score));
		if (index === 'SYN1' && year === String(YEAR) && component === 'total') totals.set(unit, Number(score));
	}
	const score = totals.get(UNIT)!;
	return { scores, score, rank: 1 + [...totals.values()].filter((s) => s > score).length };
}

export interface FigureRow {
	year: number;
	component: string;
	score: number;
	rank: number;
	batchId: number;
}

/**
 * Whether a read-API answer holds exactly UNIT's figures of a state's file: the
 * same keys and scores, its YEAR total ranked as the file ranks it, and no
 * figure from a later import. (An import keeps a figure that did not change
 * under its earlier batch, so one answer may name several batches.)
 */
export function figuresMatch(rows: FigureRow[], state: StateFile): boolean {
	const total = rows.find((r) => r.year === YEAR && r.component === 'total');
	return (
		rows.length === state.scores.size &&
		rows.every((r) => state.scores.get(`${r.year}|${r.component}`) === r.score && r.batchId <= state.batchId) &&
		total?.rank === state.rank
	);
}

/** Which state's file a read-API answer holds, or a mix with what it showed. */
export function stateOfFigures(rows: FigureRow[], states: StateFile[]): Verdict {
	const state = states.findLast((s) => figuresMatch(rows, s));
	if (state) return { state: state.name };
	const total = rows.find((r) => r.year === YEAR && r.component === 'total');
	const ids = [...new Set(rows.map((r) => r.batchId))].sort((a, b) => a - b);
	const expected = states.map((s) => `${s.name}: batch ${s.batchId}, ${s.scores.size} rows, ${s.score} rank ${s.rank}`).join('; ');
	const shown = total ? `${total.score} rank ${total.rank}` : 'no total';
	return { state: 'mixed', why: `figures: ${rows.length} rows, batches [${ids.join(', ')}], ${YEAR} total ${shown} (expected ${expected})` };
}

/** A page's source lines (the imports its charts name), sorted: what tells one state's page from another's. */
export function pageSources(html: string): string[] {
	// "lô nhập số 2 (figures-new-synthetic.csv), số 3 (…)" (vi) or "import batch no. 2 (…)" (en), in the page and its hydration data.
	const lists = html.matchAll(/(?:lô nhập|import batch) ((?:(?:số|no\.) \d+ \([^)]*\)(?:, )?)+)/g);
	return [...new Set([...lists].map((m) => m[1].trim()))].sort();
}

/**
 * Which state a page shows: its source lines are those of the page read while
 * nothing was committing, before the import or after it.
 */
export function stateOfPage(html: string, quiet: { name: string; sources: string[] }[]): Verdict {
	const sources = pageSources(html);
	const state = quiet.find((q) => q.sources.join('\n') === sources.join('\n'));
	if (state) return { state: state.name };
	const expected = quiet.map((q) => `${q.name}: [${q.sources.join(' | ')}]`).join('; ');
	return { state: 'mixed', why: `page: source lines [${sources.join(' | ')}] (expected ${expected})` };
}

/** Reads a progress stream (one JSON object a line) to its end, calling `onLine` on each. */
export async function ndjson(response: Response, onLine: (line: Record<string, unknown>) => void = () => {}) {
	const lines: Record<string, unknown>[] = [];
	let buffered = '';
	const decoder = new TextDecoder();
	const stream = response.body!.getReader();
	for (let chunk = await stream.read(); !chunk.done; chunk = await stream.read()) {
		buffered += decoder.decode(chunk.value, { stream: true });
		for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
			const line = JSON.parse(buffered.slice(0, at));
			buffered = buffered.slice(at + 1);
			lines.push(line);
			onLine(line);
		}
	}
	return lines;
}

/** The web import of one signed-in analyst: upload, preview, commit. */
export function importClient(url: string, cookie: string) {
	const post = (route: string, body: unknown) =>
		fetch(`${url}${route}`, { method: 'POST', body: JSON.stringify(body), headers: { cookie, origin: url, 'content-type': 'application/json' } });
	return {
		post,
		/** Uploads and previews a file; returns the request body a commit takes, or throws with the server's answer. */
		async uploadAndPreview(file: string, fileName: string): Promise<{ sha256: string; fileName: string }> {
			const form = new FormData();
			form.append('file', new Blob([fs.readFileSync(file)]), fileName);
			const upload = await fetch(`${url}/api/import/upload`, { method: 'POST', body: form, headers: { cookie, origin: url } });
			if (upload.status !== 201) throw new Error(`upload ${upload.status}: ${await upload.text()}`);
			const { sha256 } = (await upload.json()) as { sha256: string };
			const lines = await ndjson(await post('/api/import/preview', { sha256, fileName }));
			if (!lines.at(-1)?.result) throw new Error(`preview: ${JSON.stringify(lines.at(-1))}`);
			return { sha256, fileName };
		}
	};
}

export interface ReadsDuringCommit {
	/** Every answer's verdict, in the order they came. */
	verdicts: Verdict[];
	/** Requests that failed (status or network). */
	failures: string[];
	/** The commit's progress stream. */
	lines: Record<string, unknown>[];
}

const figuresUrl = (url: string) => `${url}/api/observations?index=SYN1&unit=${UNIT}`;
const pageUrl = (url: string) => `${url}/syn-1?unit=${UNIT}&year=${YEAR}`;

/**
 * Runs `readers` clients against `url` while `commit()` streams its progress
 * from state `before` to state `after`: each alternates the read API and the
 * index page, and stops once it has read at least once after the commit ended.
 * The page is also read alone before and after, when nothing commits: every
 * page read during the commit must show the sources of one of those two.
 */
export async function readWhileCommitting(
	url: string,
	readers: number,
	[before, after]: [StateFile, StateFile],
	commit: () => Promise<Record<string, unknown>[]>
): Promise<ReadsDuringCommit> {
	const failures: string[] = [];
	const quietPage = async (state: StateFile) => {
		const sources = pageSources(await (await fetch(pageUrl(url))).text());
		if (!sources.some((line) => line.includes(state.fileName))) failures.push(`the page read alone in state ${state.name} names no ${state.fileName}`);
		return { name: state.name, sources };
	};
	const pagesBefore = await quietPage(before);
	let committedAt = Infinity;
	const figures: FigureRow[][] = [];
	const pages: string[] = [];
	const reader = async (k: number) => {
		for (let i = 0; ; i++) {
			const startedAt = performance.now();
			try {
				const figuresRead = (k + i) % 2 === 0;
				const response = await fetch(figuresRead ? figuresUrl(url) : pageUrl(url));
				if (response.status !== 200) failures.push(`${figuresRead ? 'figures' : 'page'} ${response.status}`);
				else if (figuresRead) figures.push((await response.json()) as FigureRow[]);
				else pages.push(await response.text());
			} catch (error) {
				failures.push(String(error));
			}
			if (startedAt > committedAt) return;
		}
	};
	const running = Array.from({ length: readers }, (_, k) => reader(k));
	const lines = await commit();
	committedAt = performance.now();
	await Promise.all(running);
	const quiet = [pagesBefore, await quietPage(after)];
	const verdicts = [...figures.map((rows) => stateOfFigures(rows, [before, after])), ...pages.map((html) => stateOfPage(html, quiet))];
	return { verdicts, failures, lines };
}
