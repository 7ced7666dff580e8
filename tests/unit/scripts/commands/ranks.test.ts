import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli.ts';

const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-ranks-cli-')), 'cli.duckdb');

beforeAll(() => {
	expect(runCli(db, ['init']).status).toBe(0);
});

describe('chiso ranks (shipped figures)', () => {
	// PCI 2019 as published by VCCI: Quảng Ninh first with 73.3965.
	it('writes scores with the interface language’s decimal separator', () => {
		const vi = runCli(db, ['ranks', '--index', 'PCI', '--year', '2019']);
		expect(vi.status).toBe(0);
		expect(vi.stdout).toMatch(/^1\/63\s+Quảng Ninh\s+73,3965\s/m);
		const en = runCli(db, ['ranks', '--index', 'PCI', '--year', '2019', '--lang', 'en']);
		expect(en.stdout).toMatch(/^1\/63\s+Quảng Ninh\s+73\.3965\s/m);
	});

	it('the JSON keeps the score a number', () => {
		const rows = JSON.parse(runCli(db, ['ranks', '--index', 'PCI', '--year', '2019', '--json']).stdout);
		expect(rows[0]).toMatchObject({ unitName: 'Quảng Ninh', rank: 1, score: 73.3965 });
	});
});
