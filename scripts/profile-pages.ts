/**
 * Where a page request's server time goes: starts the production build under
 * `node --cpu-prof`, sends each page `--requests` requests from one client
 * (after a warm-up), stops the server and splits the main thread's samples
 * into DuckDB (the JavaScript side of a query: parsing, preparing, reading
 * results), Svelte render, serialisation of the data for hydration, garbage
 * collection, other JavaScript (load functions, data shaping, SvelteKit), and
 * idle (the main thread waiting, mostly for DuckDB's own threads), and the
 * look-up and copy of a kept answer (answer-cache.ts). Proportions, not wall
 * times, are what it is for: the machine it runs on may be loaded. Requests
 * ask for brotli, as browsers do. With `--fresh` every request is a URL not
 * asked before (a parameter the page ignores), so each one is rendered.
 *
 *   npm run build && npx tsx scripts/profile-pages.ts [--requests 200] [--port 4325] [--db FILE] [--fresh] /pci /briefing /
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startServer, unseenPage } from './bench/pages.ts';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

const CATEGORIES = ['kept answer (look-up, copy)', 'DuckDB (JS side)', 'Svelte render', 'serialise for hydration', 'garbage collection', 'other JS (load, shaping, SvelteKit)', 'idle (waiting for DuckDB, I/O)'] as const;
type Category = (typeof CATEGORIES)[number];

/** The category of one sample: the first frame from the leaf up that says which part of the request it belongs to. */
function categorise(stack: ProfileNode[]): Category {
	const leaf = stack[0].callFrame.functionName;
	if (leaf === '(idle)') return 'idle (waiting for DuckDB, I/O)';
	if (leaf === '(garbage collector)') return 'garbage collection';
	for (const { callFrame: f } of stack) {
		if (['keptAnswer', 'keepAnswer'].includes(f.functionName)) return 'kept answer (look-up, copy)';
		if (f.url.includes('@duckdb') || ['rowsOn', 'queryCamel', 'camel'].includes(f.functionName)) return 'DuckDB (JS side)';
		if (['uneval', 'stringify'].includes(f.functionName) && !f.url.includes('node:')) return 'serialise for hydration';
		if (['Root', '#render', '#open_render'].includes(f.functionName)) return 'Svelte render';
	}
	return 'other JS (load, shaping, SvelteKit)';
}

/** Milliseconds per category between the first and last sample that renders a response (start-up left out). */
function breakdown(profile: Profile): Map<Category, number> {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const stackOf = (id: number) => {
		const stack: ProfileNode[] = [];
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
		return stack;
	};
	const stacks = profile.samples.map(stackOf);
	// A request's own work: SvelteKit's render, or the hook that answers from a kept answer.
	const serving = stacks.map((s) => s.some((n) => ['render_response', 'respond'].includes(n.callFrame.functionName)));
	const first = serving.indexOf(true);
	const last = serving.lastIndexOf(true);
	const totals = new Map<Category, number>(CATEGORIES.map((c) => [c, 0]));
	for (let i = first; i <= last; i++) {
		const category = categorise(stacks[i]);
		totals.set(category, totals.get(category)! + (profile.timeDeltas[i + 1] ?? 0) / 1000);
	}
	return totals;
}

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { requests: { type: 'string', default: '200' }, port: { type: 'string', default: '4325' }, db: { type: 'string' }, fresh: { type: 'boolean', default: false } }
});
const requests = Number(values.requests);
const pages = positionals.length > 0 ? positionals : ['/pci', '/briefing', '/'];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-profile-'));

for (const page of pages) {
	// One server a page, so that each profile holds one page's requests only.
	const dir = path.join(work, page.replace(/\W+/g, '_') || 'root');
	const database = path.join(work, 'chiso.duckdb');
	if (values.db && !fs.existsSync(database)) fs.copyFileSync(values.db, database);
	const server = await startServer(database, path.resolve('data'), Number(values.port), ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
	let asked = 0;
	const run = (amount: number) =>
		new Promise<autocannon.Result>((resolve, reject) =>
			autocannon(
				{
					url: server.origin + page,
					connections: 1,
					amount,
					timeout: 60,
					headers: { 'accept-encoding': 'br' },
					...(values.fresh && { requests: [{ setupRequest: (request) => ({ ...request, path: unseenPage(page, asked++) }) }] })
				},
				(e, r) => (e ? reject(e) : resolve(r))
			)
		);
	await run(20);
	const measured = await run(requests);
	await server.stop();
	const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
	const totals = breakdown(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile);
	const all = [...totals.values()].reduce((a, b) => a + b, 0);
	const served = measured.requests.total + 20;
	console.log(
		`\n${page}: ${served} requests, ${(all / served).toFixed(1)} ms of main thread each (latency p50 ${measured.latency.p50} ms), ` +
			`${Math.round(measured.throughput.average / measured.requests.average)} bytes/response; load ${os.loadavg()[0].toFixed(2)}`
	);
	for (const [category, ms] of totals) console.log(`  ${category.padEnd(40)} ${(ms / served).toFixed(1).padStart(6)} ms  ${((100 * ms) / all).toFixed(0).padStart(3)} %`);
}
console.log(`\nprofiles in ${work} (open a .cpuprofile in Chromium's DevTools)`);
