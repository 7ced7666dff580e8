/**
 * What a page's first paint is made of (issue 16's goal: `/pci` ≤ 150 ms):
 * opens the page in headless Chromium, cold (a fresh context each time, as the
 * bench does), as served and with parts of its HTML left out, and prints each
 * variant's median `first-contentful-paint`. Every variant, the page as served
 * too, goes through the same interception of the document, so that its own
 * cost is in each; the figures are to compare with one another, not with the
 * bench's. Variants alternate, so that a busy moment does not fall on one.
 *
 *   npm run build && npx tsx scripts/first-paint-parts.ts [--runs 15] [--port 4326] [--dir WORK] /pci
 *
 * The database is the shipped data's, built once in WORK as the bench does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../src/lib/server/chromium.ts';
import { shippedDatabase } from './bench/datasets.ts';
import { startServer } from './bench/pages.ts';
import { median } from './bench/stats.ts';

const withoutCharts = (html: string) => html.replace(/<figure[\s\S]*?<\/figure>/g, '');
const withoutTables = (html: string) => html.replace(/<table[\s\S]*?<\/table>/g, '');

/** The page's HTML with parts left out. */
const VARIANTS: Record<string, (html: string) => string> = {
	'as served': (html) => html,
	'without its scripts': (html) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<link[^>]*rel="modulepreload"[^>]*>/g, ''),
	'without its charts (every <figure>)': withoutCharts,
	'without its tables': withoutTables,
	'without its charts and tables': (html) => withoutTables(withoutCharts(html)),
	'without the content of <main>': (html) => html.replace(/(<main[^>]*>)[\s\S]*<\/main>/, '$1</main>')
};

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		runs: { type: 'string', default: '15' },
		port: { type: 'string', default: '4326' },
		dir: { type: 'string', default: path.join(os.tmpdir(), 'chiso-bench') }
	}
});
const page = positionals[0] ?? '/pci';
fs.mkdirSync(values.dir!, { recursive: true });
const database = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-first-paint-')), 'chiso.duckdb');
fs.copyFileSync(await shippedDatabase(values.dir!), database);
const server = await startServer(database, path.resolve('data'), Number(values.port));
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const url = server.origin + page;
const samples = new Map<string, number[]>(Object.keys(VARIANTS).map((name) => [name, []]));
try {
	for (let run = 0; run < Number(values.runs); run++) {
		for (const [name, variant] of Object.entries(VARIANTS)) {
			const context = await browser.newContext();
			const tab = await context.newPage();
			await tab.route(url, async (route) => {
				const response = await route.fetch();
				await route.fulfill({ response, body: variant(await response.text()) });
			});
			await tab.goto(url, { waitUntil: 'load' });
			// The paint entry is written after the frame is shown, which may come after the load event.
			await tab.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
			samples.get(name)!.push(await tab.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime));
			await context.close();
		}
	}
} finally {
	await browser.close();
	await server.stop();
}
console.log(`${page}, first paint in headless Chromium, cold, median of ${values.runs} (load ${os.loadavg()[0].toFixed(2)}):`);
for (const [name, ms] of samples) console.log(`  ${name.padEnd(40)} ${median(ms).toFixed(0).padStart(5)} ms`);
