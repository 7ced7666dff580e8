/**
 * Pages benchmark: the production build (`node scripts/start.js`) on a
 * database, loaded by autocannon at 1 and 20 concurrent clients (latency
 * p50/p95/p99 of every response, failures counted), then each page opened in
 * headless Chromium: time until its first paint and until its charts are
 * drawn and the fonts loaded, and the bytes transferred (JavaScript and
 * total); and the page's HTML as sent with and without compression. Server
 * memory is read from /proc (peak resident set).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/lib/server/chromium.ts';
import { median, percentile, repeat } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningServer {
	origin: string;
	process: ChildProcess;
	stop(): Promise<void>;
}

/** Starts the built app on a database and waits until it answers; `nodeArgs` go to node itself (a profiler's flags). */
export async function startServer(database: string, dataFolder: string, port: number, nodeArgs: string[] = []): Promise<RunningServer> {
	if (!fs.existsSync(path.join(ROOT, 'build/index.js'))) throw new Error('no build: run `npm run build` first');
	const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'scripts/start.js')], {
		cwd: ROOT,
		env: { ...process.env, CHISO_DB: database, CHISO_DATA: dataFolder, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	child.stderr!.on('data', (d) => (stderr += d));
	const origin = `http://127.0.0.1:${port}`;
	for (let tries = 0; ; tries++) {
		if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${stderr}`);
		try {
			if ((await fetch(`${origin}/api/targets?unit=x`)).status > 0) break;
		} catch {
			if (tries > 600) throw new Error(`server did not answer: ${stderr}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	return {
		origin,
		process: child,
		stop: () =>
			new Promise((resolve) => {
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}

/** Peak and current resident memory of a process, in MB, from /proc. */
export function processMemoryMb(pid: number): { peakMb: number; currentMb: number } {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
	return { peakMb: kb('VmHWM') / 1024, currentMb: kb('VmRSS') / 1024 };
}

export interface LoadResult {
	p50: number;
	p95: number;
	p99: number;
	requests: number;
	failures: number;
}

/**
 * Sends `requests` requests to one URL from `connections` concurrent clients;
 * latencies of every response, in ms. A count rather than a duration, so that
 * a slow page still gives enough samples for its percentiles.
 */
export async function loadPage(url: string, connections: number, requests: number): Promise<LoadResult> {
	const latencies: number[] = [];
	const result = await new Promise<autocannon.Result>((resolve, reject) => {
		const instance = autocannon({ url, connections, amount: requests, timeout: 60 }, (error, r) => (error ? reject(error) : resolve(r)));
		instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
	});
	return {
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
		p99: percentile(latencies, 99),
		requests: latencies.length,
		failures: result.errors + result.timeouts + result.non2xx
	};
}

/**
 * The bytes of one answer's body as they cross the wire when the client
 * accepts `encoding` ('identity', 'gzip', 'br'): read with node:http, which
 * (unlike fetch) hands over the body undecoded. Headers are not counted.
 */
export function wireBytes(url: string, encoding: string): Promise<{ bytes: number; contentEncoding: string }> {
	return new Promise((resolve, reject) => {
		const request = http.get(url, { headers: { 'accept-encoding': encoding } }, (response) => {
			if (response.statusCode !== 200) {
				response.resume();
				reject(new Error(`${url}: ${response.statusCode}`));
				return;
			}
			let bytes = 0;
			response.on('data', (chunk: Buffer) => (bytes += chunk.length));
			response.on('end', () => resolve({ bytes, contentEncoding: String(response.headers['content-encoding'] ?? 'identity') }));
			response.on('error', reject);
		});
		request.on('error', reject);
	});
}

/**
 * `page` (a path, with or without a query) with a parameter the pages ignore,
 * different for each `n`: a page never asked for before, so it is rendered,
 * never answered from the kept answers (src/lib/server/answer-cache.ts).
 */
export function unseenPage(page: string, n: number): string {
	return `${page}${page.includes('?') ? '&' : '?'}unseen=${n}`;
}

/**
 * Sends one request to each of `urls` from `connections` concurrent clients,
 * each client taking the next address not yet asked for: every answer is a
 * different page (a cache miss), as when many people read many units.
 */
export async function loadUrls(urls: string[], connections: number): Promise<LoadResult> {
	const latencies: number[] = [];
	let next = 0;
	let failures = 0;
	const client = async () => {
		while (next < urls.length) {
			const url = urls[next++];
			const start = performance.now();
			try {
				const response = await fetch(url);
				await response.arrayBuffer();
				if (response.status !== 200) failures++;
			} catch {
				failures++;
			}
			latencies.push(performance.now() - start);
		}
	};
	await Promise.all(Array.from({ length: connections }, client));
	return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), requests: latencies.length, failures };
}

export interface BrowserResult {
	/** From navigation start until the first paint of anything (Chromium's first-contentful-paint), ms. */
	firstPaintMs: number;
	/** From navigation start until the page has loaded, its charts' SVG is drawn and its fonts are in, ms. */
	renderedMs: number;
	jsBytes: number;
	totalBytes: number;
}

/** Opens each URL `runs` times in headless Chromium (a fresh context each time: nothing cached). */
export async function browserFigures(urls: string[], runs: number): Promise<Map<string, BrowserResult>> {
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
	const results = new Map<string, BrowserResult>();
	try {
		for (const url of urls) {
			const samples = await repeat(runs, async () => {
				const context = await browser.newContext();
				const page = await context.newPage();
				const sizes: Promise<{ type: string; bytes: number }>[] = [];
				page.on('requestfinished', (request) =>
					sizes.push(request.sizes().then((s) => ({ type: request.resourceType(), bytes: s.responseBodySize + s.responseHeadersSize })))
				);
				await page.goto(url, { waitUntil: 'load' });
				await page.waitForFunction(() => document.querySelectorAll('svg[role="img"]').length > 0);
				const renderedMs = await page.evaluate(async () => {
					await document.fonts.ready;
					await new Promise((r) => requestAnimationFrame(r));
					return performance.now();
				});
				// The load event has passed and the charts are drawn, so the paint entry exists.
				const firstPaintMs = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN);
				await page.waitForLoadState('networkidle');
				const all = await Promise.all(sizes);
				await context.close();
				return {
					firstPaintMs,
					renderedMs,
					jsBytes: all.filter((s) => s.type === 'script').reduce((a, s) => a + s.bytes, 0),
					totalBytes: all.reduce((a, s) => a + s.bytes, 0)
				};
			});
			results.set(url, {
				firstPaintMs: median(samples.map((s) => s.firstPaintMs)),
				renderedMs: median(samples.map((s) => s.renderedMs)),
				jsBytes: median(samples.map((s) => s.jsBytes)),
				totalBytes: median(samples.map((s) => s.totalBytes))
			});
		}
	} finally {
		await browser.close();
	}
	return results;
}
