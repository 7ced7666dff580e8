/**
 * Load and fault (issue 8), on loopback with synthetic data
 * (scripts/synthetic/generate.ts): 10,000 made-up communes, one index, 10 years
 * of 10 components, one million figures a file.
 *
 * 1. While an analyst's one-million-figure import commits through the web
 *    import, 50 clients keep reading a unit's figures (the read API and the
 *    index page): no request fails, and every answer shows the figures from
 *    before the import or those after it, never some of each.
 * 2. The server is killed (SIGKILL) while another such import commits:
 *    restarted on the same file, the database opens and holds one whole state.
 */
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMMUNE_SCALE, writeSyntheticFigures, writeSyntheticReference } from '../../scripts/synthetic/generate.ts';
import { addUsers, startServer, type TestServer } from '../helpers/server.ts';
import { runCli } from '../helpers/cli.ts';

const ROWS = 1_000_000;
const UNIT = 'SYN00001';
const YEAR = 2020;
const READERS = 50;
const FILES = { old: 'figures-old-synthetic.csv', new: 'figures-new-synthetic.csv', interrupted: 'figures-interrupted-synthetic.csv' };
type State = keyof typeof FILES;

test.describe.configure({ mode: 'serial', timeout: 300_000 });

let dir: string;
let env: Record<string, string>;
let server: TestServer;
let cookie: string;
/** Per state: the unit's total score in YEAR and its rank, worked out from the file by the rank rule. */
const expected = {} as Record<State, { score: number; rank: number }>;

/** Standard competition rank of UNIT's YEAR total among every unit's (higher is better): 1 + how many scored more. */
function unitFigure(file: string): { score: number; rank: number } {
	const scores = new Map<string, number>();
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		const [index, year, unit, component, score] = line.split(',');
		if (index === 'SYN1' && year === String(YEAR) && component === 'total') scores.set(unit, Number(score));
	}
	const score = scores.get(UNIT)!;
	return { score, rank: 1 + [...scores.values()].filter((s) => s > score).length };
}

test.beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-load-'));
	const data = path.join(dir, 'data');
	writeSyntheticReference(data, COMMUNE_SCALE);
	for (const [state, seed] of [['old', 1], ['new', 2], ['interrupted', 3]] as const) {
		await writeSyntheticFigures(path.join(dir, FILES[state]), COMMUNE_SCALE, { rows: ROWS, seed });
		expected[state] = unitFigure(path.join(dir, FILES[state]));
	}
	// The synthetic files are 50 MB: more than the default upload limit.
	env = { CHISO_DATA: data, BODY_SIZE_LIMIT: '200M', CHISO_UPLOADS: path.join(dir, 'uploads') };
	server = await startServer({
		env,
		prepare: (db) => {
			for (const args of [['init', '--empty'], ['import', path.join(dir, FILES.old)]]) {
				const result = runCli(db, args, undefined, { CHISO_DATA: data });
				if (result.status !== 0) throw new Error(`chiso ${args.join(' ')}: ${result.stderr}`);
			}
			addUsers(db, { lan: ['analyst', 'mật khẩu của Lan'] });
		}
	});
	const signin = await fetch(`${server.url}/signin`, {
		method: 'POST',
		body: new URLSearchParams({ name: 'lan', password: 'mật khẩu của Lan' }),
		headers: { origin: server.url, accept: 'text/html' },
		redirect: 'manual'
	});
	expect(signin.status).toBe(303);
	cookie = /chiso_session=[^;]+/.exec(signin.headers.get('set-cookie') ?? '')![0];
});

test.afterAll(async () => {
	await server?.stop();
	fs.rmSync(dir, { recursive: true, force: true });
});

/** Uploads and previews a file through the web import; returns the request body a commit takes. */
async function uploadAndPreview(state: State) {
	const form = new FormData();
	form.append('file', new Blob([fs.readFileSync(path.join(dir, FILES[state]))]), FILES[state]);
	const upload = await fetch(`${server.url}/api/import/upload`, { method: 'POST', body: form, headers: { cookie, origin: server.url } });
	expect(upload.status, await upload.clone().text()).toBe(201);
	const { sha256 } = (await upload.json()) as { sha256: string };
	const body = { sha256, fileName: FILES[state] };
	const lines = await ndjson(await post('/api/import/preview', body));
	expect(lines.at(-1), JSON.stringify(lines.at(-1))).toHaveProperty('result');
	return body;
}

const post = (route: string, body: unknown) =>
	fetch(`${server.url}${route}`, { method: 'POST', body: JSON.stringify(body), headers: { cookie, origin: server.url, 'content-type': 'application/json' } });

/** Reads a progress stream (one JSON object a line) to its end, calling `onLine` on each. */
async function ndjson(response: Response, onLine: (line: Record<string, unknown>) => void = () => {}) {
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

interface Row {
	year: number;
	component: string;
	score: number;
	rank: number;
	batchId: number;
}

/**
 * Which state a read-API answer shows: every figure of the unit from one
 * batch, and its YEAR total with the score and rank of that batch's file.
 */
function stateOfFigures(rows: Row[], batches: Partial<Record<State, number>>): State | 'mixed' {
	const ids = new Set(rows.map((r) => r.batchId));
	const total = rows.find((r) => r.year === YEAR && r.component === 'total');
	const state = (Object.keys(batches) as State[]).find((s) => batches[s] === [...ids][0]);
	if (rows.length !== 100 || ids.size !== 1 || !state || !total) return 'mixed';
	return total.score === expected[state].score && total.rank === expected[state].rank ? state : 'mixed';
}

/** Which state a page shows: the source line names the file of exactly one import. */
function stateOfPage(html: string, states: State[]): State | 'mixed' {
	const named = states.filter((s) => html.includes(FILES[s]));
	return named.length === 1 ? named[0] : 'mixed';
}

const figuresUrl = () => `${server.url}/api/observations?index=SYN1&unit=${UNIT}`;
const pageUrl = () => `${server.url}/syn-1?unit=${UNIT}&year=${YEAR}`;

test('50 clients keep reading while a million figures commit: no failure, old or new, never a mix', async () => {
	const body = await uploadAndPreview('new');
	const batches = { old: 1, new: 2 };
	let committedAt = Infinity;
	const seen: (State | 'mixed')[] = [];
	const failures: string[] = [];

	// Each reader stops once it has read at least once after the commit ended.
	const reader = async (k: number) => {
		for (let i = 0; ; i++) {
			const startedAt = performance.now();
			try {
				if ((k + i) % 2 === 0) {
					const response = await fetch(figuresUrl());
					if (response.status !== 200) failures.push(`figures ${response.status}`);
					else seen.push(stateOfFigures((await response.json()) as Row[], batches));
				} else {
					const response = await fetch(pageUrl());
					if (response.status !== 200) failures.push(`page ${response.status}`);
					else seen.push(stateOfPage(await response.text(), ['old', 'new']));
				}
			} catch (error) {
				failures.push(String(error));
			}
			if (startedAt > committedAt) return;
		}
	};
	const readers = Array.from({ length: READERS }, (_, k) => reader(k));
	const lines = await ndjson(await post('/api/import/commit', { ...body, replace: true }));
	committedAt = performance.now();
	await Promise.all(readers);

	const count = (state: State) => seen.filter((s) => s === state).length;
	test.info().annotations.push({ type: 'reads', description: `${seen.length} answers: ${count('old')} before the import, ${count('new')} after` });
	expect(lines.at(-1)).toMatchObject({ result: { status: 'committed', batchId: 2 } });
	expect(failures).toEqual([]);
	expect(seen.filter((s) => s === 'mixed')).toEqual([]);
	// The readers really overlapped the import: some saw it before, every one of them after.
	expect(seen).toContain('old');
	expect(seen.filter((s) => s === 'new').length).toBeGreaterThanOrEqual(READERS);
});

test('a server killed while a million figures commit restarts on a whole database', async () => {
	const body = await uploadAndPreview('interrupted');
	const response = await post('/api/import/commit', { ...body, replace: true });
	let killed: Promise<void> | null = null;
	// Killed as soon as the batch starts being written; the stream breaks off there.
	await ndjson(response, (line) => {
		if ((line.progress as { phase?: string } | undefined)?.phase === 'commit') killed ??= server.kill();
	}).catch(() => {});
	expect(killed, 'the commit started').not.toBeNull();
	await killed;

	server = await startServer({ db: server.db, env });
	const rows = (await (await fetch(figuresUrl())).json()) as Row[];
	const state = stateOfFigures(rows, { new: 2, interrupted: 3 });
	test.info().annotations.push({ type: 'after the kill', description: state });
	expect(state).not.toBe('mixed');
	// Every unit's total of that year is there once, from the same batch.
	const table = (await (await fetch(`${server.url}/api/observations?index=SYN1&year=${YEAR}&component=total`)).json()) as Row[];
	expect(table).toHaveLength(COMMUNE_SCALE.units);
	expect(new Set(table.map((r) => r.batchId))).toEqual(new Set([rows[0].batchId]));
	expect(stateOfPage(await (await fetch(pageUrl())).text(), ['new', 'interrupted'])).toBe(state);
});
