/**
 * The command line as installed (issue 17, item 7; issue 16, item 5):
 * `npm run build` compiles it to dist/chiso.js, which plain node runs
 * without tsx, and whose briefing finds the built server from there.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs `node dist/chiso.js ARGS --db DB`, with no TypeScript loader. */
function compiled(db: string, args: string[]) {
	return spawnSync(process.execPath, [path.join(ROOT, 'dist/chiso.js'), ...args, '--db', db], {
		cwd: ROOT,
		encoding: 'utf8',
		env: { ...process.env, NODE_OPTIONS: '', CHISO_DB: undefined, CHISO_LANG: undefined }
	});
}

test('dist/chiso.js runs `info` and prints a briefing PDF with node alone', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-compiled-'));
	const db = path.join(dir, 'cli.duckdb');
	const info = compiled(db, ['info', '--lang', 'en']);
	expect(info.stderr).toBe('');
	expect(info.status).toBe(0);
	expect(info.stdout).toContain('full-tables-pci-2020.csv');

	const pdf = path.join(dir, 'b.pdf');
	const briefing = compiled(db, ['briefing', '--unit', 'Kon Tum', '--year', '2023', '--out', pdf, '--lang', 'en']);
	expect(briefing.status).toBe(0);
	expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
	fs.rmSync(dir, { recursive: true, force: true });
});
