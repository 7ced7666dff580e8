/**
 * `npm run bench`: measures what users wait for, on synthetic data at
 * province and commune scale and on the shipped data, and prints one line a
 * figure (the median of several runs) with the goal it is held to (issue
 * 16's table: every goal of it is one figure here), then the goals alone,
 * met or not, and writes every figure to a JSON file and a Markdown table
 * beside it. Tests never time anything; this does.
 *
 *   npm run bench [-- --only import,engine,pages,pdf] [--sizes 10000,100000]
 *                 [--runs 3] [--requests 100] [--dir WORK] [--out FILE] [--port 4810] [--quick]
 *
 * Synthetic data, databases and CSVs are built once in the work folder
 * (default $TMPDIR/chiso-bench) and reused by later runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { COMMUNE_SCALE, PROVINCE_SCALE, unitCode, indexId } from './synthetic/generate.ts';
import { copyDatabase, dataFolder, emptyDatabase, figuresCsv, fullDatabase, shippedDatabase, type Scale } from './bench/datasets.ts';
import { runChild, runNode } from './bench/child.ts';
import { browserFigures, loadPage, loadUrls, processMemoryMb, startServer, unseenPage, wireBytes } from './bench/pages.ts';
import { formatFigure, markdownTable, median, meetsGoal, repeat, type Figure } from './bench/stats.ts';

const { values } = parseArgs({
	options: {
		only: { type: 'string', default: 'import,engine,pages,pdf' },
		sizes: { type: 'string', default: '10000,100000,1000000,5000000' },
		runs: { type: 'string', default: '3' },
		requests: { type: 'string', default: '100' },
		dir: { type: 'string', default: path.join(os.tmpdir(), 'chiso-bench') },
		out: { type: 'string', default: 'bench-results/latest.json' },
		// The pages step's server: another checkout's bench on the same machine needs another port.
		port: { type: 'string', default: '4810' },
		quick: { type: 'boolean', default: false }
	}
});
// --quick: a smoke run of the harness itself (small sizes, province scale only), not figures to quote.
const quick = values.quick;
const groups = new Set(values.only!.split(','));
const sizes = quick ? [1000, 10_000] : values.sizes!.split(',').map(Number);
const runs = quick ? 1 : Number(values.runs);
const requests = quick ? 10 : Number(values.requests);
const dir = path.resolve(values.dir!);
fs.mkdirSync(dir, { recursive: true });

const province: Scale = { name: 'province', scale: PROVINCE_SCALE };
const commune: Scale = { name: 'commune', scale: COMMUNE_SCALE };
const scales = quick ? [province] : [province, commune];
const figures: Figure[] = [];
const report = (f: Figure) => {
	figures.push(f);
	console.log(formatFigure(f));
};
const rowsLabel = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));
const started = performance.now();

interface ImportRun {
	ms: number;
	closedMs: number;
	rows: number;
	peakRssMb: number;
}

if (groups.has('import')) {
	// Into a database holding the reference data only, a fresh copy each run.
	const template = await emptyDatabase(dir, commune);
	const data = dataFolder(dir, commune);
	const db = path.join(dir, 'import-run.duckdb');
	for (const size of sizes) {
		const csv = await figuresCsv(dir, commune, size);
		const n = size >= 1e6 ? Math.min(runs, 3) : runs + 2;
		const run = (mode: 'pipeline' | 'raw') =>
			repeat(n, () => runChild<ImportRun>('scripts/bench/import-run.ts', [mode, csv], { CHISO_DB: copyDatabase(template, db), CHISO_DATA: data }));
		const pipeline = await run('pipeline');
		const raw = await run('raw');
		const label = `${rowsLabel(size)} rows`;
		const seconds = (runs: ImportRun[], clock: 'ms' | 'closedMs') => median(runs.map((r) => r[clock])) / 1000;
		for (const [clock, until] of [['ms', 'committed'], ['closedMs', 'closed']] as const) {
			const pipelineS = seconds(pipeline, clock);
			const rawS = seconds(raw, clock);
			report({ group: 'import', name: `${label}: chiso pipeline, until ${until}`, value: pipelineS, unit: 's', runs: n, detail: `${Math.round(size / pipelineS).toLocaleString('en')} rows/s` });
			report({ group: 'import', name: `${label}: DuckDB read_csv alone, until ${until}`, value: rawS, unit: 's', runs: n, detail: `${Math.round(size / rawS).toLocaleString('en')} rows/s` });
			// The goal is on the whole work of each side: until the database is closed, each side's figures are in the
			// database file. Until the commit, the floor's write into the file is left out of its clock (DuckDB does it
			// at the close) while the import's is counted (its commit does it): README "Performance", fifth round.
			report({ group: 'import', name: `${label}: pipeline / read_csv, until ${until}`, value: pipelineS / rawS, unit: '×', runs: n, ...(clock === 'closedMs' && { goal: { max: 3, text: '≤ 3×' } }) });
		}
		report({ group: 'import', name: `${label}: peak memory of the import`, value: median(pipeline.map((r) => r.peakRssMb)), unit: 'MB', runs: n, detail: `read_csv alone ${Math.round(median(raw.map((r) => r.peakRssMb)))} MB` });
	}
}

interface EngineRun {
	fullRecomputeMs: number;
	allPlansMs: number;
	unitOverviewMs: number;
	unitIndexPageMs: number;
	unitTargetsMs: number;
	figures: number;
	peakRssMb: number;
}

if (groups.has('engine')) {
	for (const scale of scales) {
		const { file, importMs } = await fullDatabase(dir, scale);
		const atCommune = scale.name === 'commune';
		if (importMs !== null) report({ group: 'engine', name: `${scale.name}: build (import every figure)`, value: importMs / 1000, unit: 's', runs: 1 });
		const e = await runChild<EngineRun>('scripts/bench/engine-run.ts', [unitCode(0), String(runs)], { CHISO_DB: file, CHISO_DATA: dataFolder(dir, scale) });
		const label = `${scale.name} (${e.figures.toLocaleString('en')} figures)`;
		report({ group: 'engine', name: `${label}: full rank recomputation`, value: e.fullRecomputeMs, unit: 'ms', runs, ...(atCommune && { goal: { max: 2000, text: '< 2 s' } }) });
		report({ group: 'engine', name: `${scale.name}: default plan, every unit × index`, value: e.allPlansMs, unit: 'ms', runs });
		const single = atCommune ? { goal: { max: 50, text: '< 50 ms' } } : {};
		report({ group: 'engine', name: `${scale.name}: one unit's overview data`, value: e.unitOverviewMs, unit: 'ms', runs: runs * 3, ...single });
		report({ group: 'engine', name: `${scale.name}: one unit's index page data`, value: e.unitIndexPageMs, unit: 'ms', runs: runs * 3, ...single });
		report({ group: 'engine', name: `${scale.name}: one unit's targets`, value: e.unitTargetsMs, unit: 'ms', runs: runs * 3 });
	}
}

// Units read at commune scale by 20 clients, each twice (index page, overview): 300 pages none of which is held yet.
const MANY_UNITS = 150;

if (groups.has('pages')) {
	const sites = [
		{ name: 'shipped', db: await shippedDatabase(dir), data: path.resolve('data'), pages: ['/', '/pci', '/briefing'] },
		...(quick
			? []
			: [{
					name: 'commune',
					db: (await fullDatabase(dir, commune)).file,
					data: dataFolder(dir, commune),
					pages: [`/?unit=${unitCode(0)}`, `/syn-1?unit=${unitCode(0)}`, `/briefing?unit=${unitCode(0)}&indices=${[0, 1, 2].map(indexId).join(',')}`]
				}])
	];
	for (const site of sites) {
		// The server writes to its database (sessions, settings): work on a copy.
		const server = await startServer(copyDatabase(site.db, path.join(dir, 'pages-run.duckdb')), site.data, Number(values.port));
		try {
			const atCommune = site.name === 'commune';
			// Issue 16's goals: a shipped page ≤ 10 ms at one client, /pci ≤ 100 ms at 20; a commune page ≤ 50 ms at one.
			const p50Goal = (page: string, connections: number) =>
				atCommune
					? connections === 1 && { goal: { max: 50, text: '≤ 50 ms' } }
					: connections === 1
						? { goal: { max: 10, text: '≤ 10 ms' } }
						: page === '/pci' && { goal: { max: 100, text: '≤ 100 ms' } };
			for (const page of site.pages) {
				for (const connections of [1, 20]) {
					const r = await loadPage(server.origin + page, connections, requests * (connections === 1 ? 1 : 4));
					const label = `${site.name} ${page.split('&')[0]} ×${connections}`;
					report({ group: 'pages', name: `${label} p50`, value: r.p50, unit: 'ms', runs: 1, detail: `${r.requests} requests`, ...p50Goal(page, connections) });
					report({ group: 'pages', name: `${label} p95`, value: r.p95, unit: 'ms', runs: 1, detail: `${r.requests} requests` });
					report({ group: 'pages', name: `${label} p99`, value: r.p99, unit: 'ms', runs: 1, detail: `${r.requests} requests` });
					report({ group: 'pages', name: `${label} failed requests`, value: r.failures, unit: '', runs: 1, goal: { max: 0, text: '0' } });
				}
				// The same page with a parameter it ignores, new each time: rendered for every request, never a kept
				// answer (answer-cache.ts), so the render's own cost stays in view beside the figures above.
				const fresh = Array.from({ length: requests }, (_, i) => server.origin + unseenPage(page, i));
				const rendered = await loadUrls(fresh, 1);
				report({ group: 'pages', name: `${site.name} ${page.split('&')[0]} ×1 p50, rendered each time (no kept answer)`, value: rendered.p50, unit: 'ms', runs: 1, detail: `${rendered.requests} requests` });
			}
			if (atCommune) {
				// Many people reading many communes: every request a page not read before (built, not taken from the page
				// memo), so that the server's peak memory below includes twenty people's page builds at once.
				const units = Array.from({ length: MANY_UNITS }, (_, i) => unitCode(i + 1));
				const r = await loadUrls(units.flatMap((u) => [`${server.origin}/syn-1?unit=${u}`, `${server.origin}/?unit=${u}`]), 20);
				const label = `${site.name} ${MANY_UNITS} units' index page and overview ×20`;
				report({ group: 'pages', name: `${label} p50`, value: r.p50, unit: 'ms', runs: 1, detail: `${r.requests} requests, each a different page` });
				report({ group: 'pages', name: `${label} failed requests`, value: r.failures, unit: '', runs: 1, goal: { max: 0, text: '0' } });
			}
			// The HTML as sent: uncompressed, and compressed as a browser asks for it (scripts/serve/compress.js).
			for (const page of site.pages) {
				const label = `${site.name} ${page.split('&')[0]}`;
				const [identity, gzip, br] = await Promise.all(['identity', 'gzip', 'br'].map((encoding) => wireBytes(server.origin + page, encoding)));
				const sent = `uncompressed ${(identity.bytes / 1024).toFixed(1)} KB, gzip ${(gzip.bytes / 1024).toFixed(1)} KB (sent as ${gzip.contentEncoding})`;
				report({ group: 'pages', name: `${label} HTML on the wire, brotli`, value: br.bytes / 1024, unit: 'KB', runs: 1, detail: `${sent}; sent as ${br.contentEncoding}`, ...(page === '/pci' && { goal: { max: 20, text: '≤ 20 KB' } }) });
			}
			const browser = await browserFigures(site.pages.map((p) => server.origin + p), runs);
			for (const [url, b] of browser) {
				const page = url.slice(server.origin.length);
				const label = `${site.name} ${page.split('&')[0]}`;
				report({ group: 'pages', name: `${label} first paint (Chromium, cold)`, value: b.firstPaintMs, unit: 'ms', runs, ...(!atCommune && page === '/pci' && { goal: { max: 150, text: '≤ 150 ms' } }) });
				report({ group: 'pages', name: `${label} charts drawn (Chromium)`, value: b.renderedMs, unit: 'ms', runs });
				report({ group: 'pages', name: `${label} JavaScript transferred`, value: b.jsBytes / 1024, unit: 'KB', runs });
				report({ group: 'pages', name: `${label} total transferred`, value: b.totalBytes / 1024, unit: 'KB', runs });
			}
			// The "Tải PDF" button: the server prints with its kept Chromium (the first request launches it).
			const briefing = site.pages.find((p) => p.startsWith('/briefing'))!.replace('/briefing', '/briefing/pdf');
			const pdfTimes = await repeat(runs + 1, async () => {
				const start = performance.now();
				const response = await fetch(server.origin + briefing);
				if (response.status !== 200 || (await response.arrayBuffer()).byteLength === 0) throw new Error(`${briefing}: ${response.status}`);
				return performance.now() - start;
			});
			report({ group: 'pdf', name: `${site.name}: "Tải PDF" on a running server`, value: median(pdfTimes.slice(1)) / 1000, unit: 's', runs, detail: `first, launching Chromium: ${(pdfTimes[0] / 1000).toFixed(2)} s`, goal: { max: 3, text: '< 3 s' } });
			const memory = processMemoryMb(server.process.pid!);
			report({ group: 'pages', name: `${site.name}: server peak memory`, value: memory.peakMb, unit: 'MB', runs: 1, ...(atCommune && { goal: { max: 500, text: '≤ 500 MB' } }) });
		} finally {
			await server.stop();
		}
	}
}

if (groups.has('pdf')) {
	const db = path.join(dir, 'pdf-run.duckdb');
	const out = path.join(dir, 'briefing.pdf');
	const cases = [
		{ name: 'shipped', template: await shippedDatabase(dir), data: path.resolve('data'), args: ['--unit', 'Kon Tum', '--year', '2023'] },
		...(quick ? [] : [{ name: 'commune', template: (await fullDatabase(dir, commune)).file, data: dataFolder(dir, commune), args: ['--unit', unitCode(0), '--year', '2025', '--indices', [0, 1, 2].map(indexId).join(',')] }])
	];
	for (const c of cases) {
		const times = await repeat(runs, async () => {
			copyDatabase(c.template, db);
			const start = performance.now();
			// The command as installed: compiled by `npm run build` (scripts/build-cli.js), run by node.
			await runNode('dist/chiso.js', ['briefing', ...c.args, '--out', out, '--db', db], { CHISO_DATA: c.data });
			return performance.now() - start;
		});
		report({ group: 'pdf', name: `${c.name}: chiso briefing, 3 indices (whole command)`, value: median(times) / 1000, unit: 's', runs, goal: { max: 2.5, text: '≤ 2.5 s' } });
	}
}

const commit = (() => {
	try {
		return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
	} catch {
		return null;
	}
})();
const elapsed = (performance.now() - started) / 1000;
console.log('\nGoals:');
for (const f of figures.filter((f) => f.goal)) console.log(formatFigure(f));
console.log(`\n${figures.length} figures in ${Math.round(elapsed)} s; goals met: ${figures.filter((f) => meetsGoal(f) === true).length}/${figures.filter((f) => f.goal).length}`);
fs.mkdirSync(path.dirname(path.resolve(values.out!)), { recursive: true });
fs.writeFileSync(
	values.out!,
	JSON.stringify({ date: new Date().toISOString(), commit, quick, cpus: os.cpus().length, node: process.version, seconds: elapsed, figures }, null, '\t') + '\n'
);
const table = values.out!.replace(/\.json$/, '') + '.md';
fs.writeFileSync(table, markdownTable(figures));
console.log(`written to ${values.out} and ${table}`);
