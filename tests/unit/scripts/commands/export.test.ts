import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli.ts';
import { writeTempFile } from '../../../helpers/temp-db.ts';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-export-cli-'));
const at = (name: string) => path.join(folder, name);

describe('chiso export, batches and undo', { timeout: 240_000 }, () => {
	it('export → init --empty → import the export → the same export byte for byte; replace, undo → the same again', () => {
		expect(runCli(at('full.duckdb'), ['init']).status).toBe(0);
		expect(runCli(at('full.duckdb'), ['export', '--format', 'csv', '--out', at('a.csv')]).stdout).toMatch(/^Đã xuất \d+ số liệu vào /);

		const db = at('copy.duckdb');
		expect(runCli(db, ['init', '--empty']).status).toBe(0);
		expect(runCli(db, ['import', at('a.csv')]).status).toBe(0);
		runCli(db, ['export', '--out', at('b.csv')]);
		expect(fs.readFileSync(at('b.csv')).equals(fs.readFileSync(at('a.csv')))).toBe(true);

		// Kon Tum's PCI 2019 total (code 62) replaced, then the replacing batch undone.
		const fix = writeTempFile('synthetic-fix.csv', 'index,year,unit,component,score,rank,rank_of\nPCI,2019,62,total,64,50,63\n');
		const replaced = runCli(db, ['import', fix, '--replace']);
		expect(replaced.stdout).toContain('  PCI 2019 62 total: 63.5351 #56 → 64 #50');
		expect(replaced.stdout).toContain('1 số liệu: 0 mới, 0 không đổi, 1 thay đổi; lô 2');
		expect(runCli(db, ['batches']).stdout).toMatch(/^\s+2\s+1\s+committed\s+.*synthetic-fix\.csv$/m);
		expect(runCli(db, ['undo', '2']).stdout).toContain('Đã hoàn tác lô 2: xóa 1 số liệu, khôi phục 1 số liệu cũ.');
		runCli(db, ['export', '--out', at('c.csv')]);
		expect(fs.readFileSync(at('c.csv')).equals(fs.readFileSync(at('a.csv')))).toBe(true);
		expect(runCli(db, ['undo', '2']).stderr).toContain('Không có lô 2 đang hiệu lực.');

		// With the shipped bounds stored, the export carries the bound columns and Kon Tum's PCI 2023 statement.
		const exported = fs.readFileSync(at('a.csv'), 'utf8');
		expect(exported.split('\n')[0]).toBe('index,year,unit,component,score,rank,rank_of,value_type,source,note,rank_min,rank_max,score_min,score_max,group');
		expect(exported).toMatch(/^PCI,2023,62,total,,,63,derived,https:\/\/baogialai[^\n]*,31,63,,,outside the published top 30$/m);
		// A figure inside the bound settles it without --replace; undone, the bound is back, byte for byte.
		const settle = writeTempFile('synthetic-settle.csv', 'index,year,unit,component,score,rank,rank_of\nPCI,2023,62,total,61.5,40,63\n');
		const settled = runCli(db, ['import', settle]);
		expect(settled.status).toBe(0);
		expect(settled.stdout).toContain('1 số liệu: 0 mới, 0 không đổi, 1 thay đổi; lô 3');
		expect(runCli(db, ['undo', '3']).status).toBe(0);
		runCli(db, ['export', '--out', at('d.csv')]);
		expect(fs.readFileSync(at('d.csv')).equals(fs.readFileSync(at('a.csv')))).toBe(true);
	});

	it('refuses an unknown format', () => {
		const result = runCli(at('x.duckdb'), ['export', '--format', 'xls', '--out', at('x.xls')]);
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('--format must be one of csv, parquet, arrow');
	});
});
