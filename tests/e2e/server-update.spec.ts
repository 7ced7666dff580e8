/**
 * A server that survives its own updates (issue 17, item 6): the server runs
 * from its own copy of the build (releases/<build version>), so a rebuild of
 * build/ changes nothing under it; and a static file that disappears from
 * under it is a 404 and a log line, never the end of the process (adapter-node's
 * own file server died on "ENOENT … .br", an unhandled stream 'error').
 * The server here has its own releases folder (CHISO_RELEASES), so deleting
 * its files leaves the other tests' server alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startServer, type TestServer } from '../helpers/server.ts';

const { version } = JSON.parse(fs.readFileSync('build/client/_app/version.json', 'utf8'));
// Inside the checkout: the copy's server code finds its packages in node_modules from where it lies.
fs.mkdirSync('test-results', { recursive: true });
const releases = path.resolve(fs.mkdtempSync('test-results/releases-'));
const client = path.join(releases, version, 'client');
let server: TestServer;

test.beforeAll(async () => {
	server = await startServer({ env: { CHISO_RELEASES: releases } });
});
test.afterAll(async () => {
	await server.stop();
	fs.rmSync(releases, { recursive: true, force: true });
});

/** The entry script the overview page loads, as its URL path, read from the page itself. */
async function entryScript(): Promise<string> {
	const html = await (await fetch(`${server.url}/`)).text();
	return /(\/_app\/immutable\/entry\/start\.[\w-]+\.js)/.exec(html)![1];
}

const brotli = { 'accept-encoding': 'br, gzip' };

test('the server runs from its own copy of the build, not from build/', async () => {
	const script = await entryScript();
	expect(fs.existsSync(path.join(client, script))).toBe(true);
	expect(server.output()).toContain(`(from ${path.join(releases, version)})`);
});

test('a deleted precompressed file falls back to the next form, a file gone in every form is a 404, and the server goes on', async () => {
	const script = await entryScript();
	const file = path.join(client, script);
	const saved = Object.fromEntries(['', '.br', '.gz'].map((ext) => [ext, fs.readFileSync(file + ext)]));
	try {
		fs.rmSync(`${file}.br`);
		const gzip = await fetch(`${server.url}${script}`, { headers: brotli });
		expect(gzip.status).toBe(200);
		expect(gzip.headers.get('content-encoding')).toBe('gzip');
		expect(await gzip.text()).toBe(saved[''].toString('utf8'));

		fs.rmSync(`${file}.gz`);
		fs.rmSync(file);
		for (const headers of [brotli, {}]) expect((await fetch(`${server.url}${script}`, { headers })).status).toBe(404);
		expect(server.output()).toContain(`static file ${script} cannot be read (ENOENT); answered 404`);

		// Still alive: pages, other assets and the same page again.
		expect((await fetch(`${server.url}/pci`)).status).toBe(200);
		expect((await fetch(`${server.url}/favicon.svg`, { headers: brotli })).status).toBe(200);
		expect((await fetch(`${server.url}/`)).status).toBe(200);
	} finally {
		for (const [ext, bytes] of Object.entries(saved)) fs.writeFileSync(file + ext, bytes);
	}
	expect((await fetch(`${server.url}${script}`, { headers: brotli })).headers.get('content-encoding')).toBe('br');
});

test('with the whole client folder of its copy gone, assets are 404s and pages still answer', async () => {
	const script = await entryScript();
	const moved = `${client}.away`;
	fs.renameSync(client, moved);
	try {
		expect((await fetch(`${server.url}${script}`, { headers: brotli })).status).toBe(404);
		expect((await fetch(`${server.url}/`)).status).toBe(200);
	} finally {
		fs.renameSync(moved, client);
	}
	expect((await fetch(`${server.url}${script}`, { headers: brotli })).status).toBe(200);
});
