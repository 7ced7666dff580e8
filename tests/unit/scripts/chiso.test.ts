import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';
import { writeTempFile } from '../../helpers/temp-db.ts';

const tempDb = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-cli-')), 'cli.duckdb');
const HEADER = 'index,year,unit,component,score,rank,rank_of,value_type,source,note';

describe('chiso command line', () => {
	it('init builds the shipped figures and info shows 63 units for PCI 2019 and 61 for PAPI 2018', () => {
		const db = tempDb();
		expect(runCli(db, ['init']).status).toBe(0);
		const info = runCli(db, ['info']);
		expect(info.status).toBe(0);
		expect(info.stdout).toMatch(/^PCI\s+2019\s+63\s/m);
		expect(info.stdout).toMatch(/^PAPI\s+2018\s+61\s/m);
		expect(info.stdout).toMatch(/^PAPI\s+2019\s+63\s/m);
	});

	it('init --empty has the reference data but no figures', () => {
		const db = tempDb();
		expect(runCli(db, ['init', '--empty']).status).toBe(0);
		const info = runCli(db, ['info']);
		expect(info.stdout).not.toMatch(/^PCI/m);
	});

	it('bad input exits non-zero naming file, row and column, and changes nothing', () => {
		const db = tempDb();
		runCli(db, ['init', '--empty']);
		const good = writeTempFile('synthetic-ok.csv', `${HEADER}\nPCI,2019,Kon Tum,,63.5351,56,63,,,\n`);
		expect(runCli(db, ['import', good]).status).toBe(0);
		const bad = writeTempFile('synthetic-bad.csv', `${HEADER}\nPCI,2019,Gia Lai,,62,,,,,\nPCI,2019,Gia Lay,,abc,,,,,\n`);
		const result = runCli(db, ['import', bad]);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('Tệp synthetic-bad.csv, dòng 3, cột «unit»');
		expect(result.stderr).toContain('Tệp synthetic-bad.csv, dòng 3, cột «score»');
		expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
		const info = runCli(db, ['info']);
		expect(info.stdout).toMatch(/^PCI\s+2019\s+1\s+1$/m);
	});

	it('answers an unknown command with the usage and exit code 2', () => {
		const result = runCli(tempDb(), ['frobnicate']);
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('Usage: npm run -s chiso');
	});
});
