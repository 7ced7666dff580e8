import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { runCli } from '../helpers/cli.ts';

test('GET /api/targets answers exactly what `chiso targets --json` prints', async ({ request }) => {
	// The CLI on its own database, built from the same shipped files on first use (the server holds its own).
	const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-api-')), 'cli.duckdb');
	const cli = runCli(db, ['targets', '--unit', 'Kon Tum', '--json']);
	expect(cli.status).toBe(0);
	const response = await request.get('/api/targets?unit=Kon%20Tum');
	expect(response.ok()).toBe(true);
	expect(await response.json()).toEqual(JSON.parse(cli.stdout));

	const one = await request.get('/api/targets?unit=62&index=par-index');
	const json = await one.json();
	expect(json.years[1]).toMatchObject({ year: 2023, rank: 43, targetRank: 50, status: 'met', gap: -7 });
});

test('GET /api/observations gives JSON, or Arrow IPC when asked', async ({ request }) => {
	const rows = await (await request.get('/api/observations?index=PCI&year=2019&component=total')).json();
	expect(rows).toHaveLength(63);
	expect(rows.find((r: { unitCode: string }) => r.unitCode === '62')).toMatchObject({ score: 63.5351, rank: 56, n: 63 });

	const arrow = await request.get('/api/observations?index=PCI&year=2019&component=total', {
		headers: { accept: 'application/vnd.apache.arrow.stream' }
	});
	expect(arrow.headers()['content-type']).toBe('application/vnd.apache.arrow.stream');
	const table = tableFromIPC(new Uint8Array(await arrow.body()));
	expect(table.numRows).toBe(63);
	const units = table.getChild('unitCode')!.toArray() as string[];
	const at = units.indexOf('62');
	expect(table.getChild('score')!.get(at)).toBe(63.5351);
	expect(table.getChild('rank')!.get(at)).toBe(56);
});

test('a bad query parameter is a 400 that names the closest units', async ({ request }) => {
	const response = await request.get('/api/targets?unit=Kontun');
	expect(response.status()).toBe(400);
	expect(await response.text()).toContain('Kon Tum');
});
