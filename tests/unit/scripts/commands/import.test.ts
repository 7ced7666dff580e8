import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli.ts';
import { writeTempFile } from '../../../helpers/temp-db.ts';
import { closeDatabase, query } from '../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../src/lib/server/setup.ts';
import { importFile } from '../../../../src/lib/server/import/pipeline.ts';
import { parseCsv } from '../../../../src/lib/server/import/read-csv.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const OFFICIAL = path.join(ROOT, 'tests/fixtures/official');
const tempDb = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-import-cli-')), 'cli.duckdb');

describe('chiso import', { timeout: 120_000 }, () => {
	it('reads a table pasted on stdin with -, as the web page reads a paste', () => {
		const db = tempDb();
		expect(runCli(db, ['init', '--empty']).status).toBe(0);
		const pasted = 'Xếp hạng   Tỉnh     Chỉ số CCHC\n1.  Hải Phòng   92,57\n2. Kon Tum 85,12\n'.normalize('NFD');
		const result = runCli(db, ['import', '-', '--index', 'PAR_INDEX', '--year', '2023', '--lang', 'en'], pasted);
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(/2 figures: 2 new, 0 unchanged, 0 changed; batch 1$/m);
		expect(runCli(db, ['batches']).stdout).toContain('stdin.tsv');
	});

	it('imports an official workbook with --index and --year, shows how it read it, and reports progress on stderr', () => {
		const db = tempDb();
		expect(runCli(db, ['init', '--empty']).status).toBe(0);
		const result = runCli(db, ['import', path.join(OFFICIAL, 'PAPI 2016 vie.xlsx'), '--index', 'PAPI', '--year', '2016', '--lang', 'en']);
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('Sheet “2016PAPI- Bảng tổng hợp kết quả”, header row 1, units in column “Tên tỉnh”');
		expect(result.stdout).toContain('column “1: Tham gia của người dân ở cấp cơ sở” → papi_d1');
		expect(result.stdout).toContain('skipped 22 name(s), a sub-component (sub-dimension), not a component: «1.1: Tri thức công dân», «1.2: Cơ hội tham gia», «1.3: Chất lượng bầu cử» (+19)');
		expect(result.stdout).toContain('total = sum of the components (stored as “derived”)');
		expect(result.stdout).toMatch(/441 figures: 441 new, 0 unchanged, 0 changed; batch 1$/m);
		expect(result.stderr).toContain('Checking 441 figures…');
		expect(result.stderr).toContain('Writing the batch to the database…');
	});

	it('--write-map writes the complete mapping with its guesses; imported unchanged, then with one line edited', () => {
		const db = tempDb();
		expect(runCli(db, ['init', '--empty']).status).toBe(0);
		const table = writeTempFile('synthetic-unknown-2018.csv', 'Tỉnh;Sub-Index 1: Entry Costs;Điểm tổng\nKon Tum;7,25;60\n');
		const refused = runCli(db, ['import', table, '--index', 'PCI', '--year', '2018']);
		expect(refused.status).toBe(1);
		expect(refused.stderr.trim().split('\n').length).toBeLessThanOrEqual(15);
		expect(refused.stderr).toContain('--write-map map.json');
		const mapFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-map-')), 'map.json');
		const written = runCli(db, ['import', table, '--index', 'PCI', '--year', '2018', '--write-map', mapFile, '--lang', 'en']);
		expect(written.status).toBe(0);
		expect(written.stdout).toContain(`Mapping written to ${mapFile}: 2 names, 1 of them guessed`);
		const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
		expect(map).toMatchObject({ orientation: 'units_in_rows', headerRow: 1, unit: 'Tỉnh', columns: { 'Sub-Index 1: Entry Costs': 'pci_s1', 'Điểm tổng': 'skip' } });
		expect(map.candidates['Điểm tổng']).toContain('total');
		expect(runCli(db, ['batches']).stdout).not.toContain('synthetic-unknown-2018.csv');

		const asWritten = runCli(db, ['import', table, '--index', 'PCI', '--year', '2018', '--map', mapFile, '--dry-run', '--lang', 'en']);
		expect(asWritten.stdout).toContain('1 figures: 1 new');
		fs.writeFileSync(mapFile, fs.readFileSync(mapFile, 'utf8').replace('"Điểm tổng": "skip"', '"Điểm tổng": "total"'));
		const edited = runCli(db, ['import', table, '--index', 'PCI', '--year', '2018', '--map', mapFile, '--lang', 'en']);
		expect(edited.status).toBe(0);
		expect(edited.stdout).toMatch(/2 figures: 2 new, 0 unchanged, 0 changed; batch 1$/m);
	});

	it('a mapping file settles what detection cannot; saved as a preset, it reads next year’s file', () => {
		const db = tempDb();
		expect(runCli(db, ['init', '--empty']).status).toBe(0);
		const table = (year: number, score: string) => writeTempFile(`synthetic-ddci-${year}.csv`, `Tỉnh;Sub-Index 1: Entry Costs;Điểm tổng\nKon Tum;7,25;${score}\n`);
		const refused = runCli(db, ['import', table(2018, '60'), '--index', 'PCI', '--year', '2018']);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toContain('Tệp synthetic-ddci-2018.csv, dòng 1: 1 tên chưa xác định được là thành phần nào của PCI: «Điểm tổng». Đã xác định: pci_s1.');

		const badMap = writeTempFile('map.json', '{"columns": {"Điểm tổng": 5}}');
		const bad = runCli(db, ['import', table(2018, '60'), '--index', 'PCI', '--year', '2018', '--map', badMap]);
		expect(bad.status).toBe(1);
		expect(bad.stderr).toContain('Tệp map.json: tệp ánh xạ không hợp lệ: columns.Điểm tổng:');

		const map = writeTempFile('map.json', JSON.stringify({ columns: { 'Điểm tổng': 'total' } }));
		const mapped = runCli(db, ['import', table(2018, '60'), '--index', 'PCI', '--year', '2018', '--map', map, '--save-preset', 'bang-tinh']);
		expect(mapped.status).toBe(0);
		expect(mapped.stdout).toContain('Đã lưu mẫu ánh xạ «bang-tinh».');
		const reused = runCli(db, ['import', table(2019, '61,5'), '--index', 'PCI', '--year', '2019', '--preset', 'bang-tinh']);
		expect(reused.status).toBe(0);
		expect(reused.stdout).toContain('cột «Điểm tổng» → total');
		expect(reused.stdout).toContain('2 số liệu: 2 mới');
		expect(runCli(db, ['import', table(2019, '61'), '--index', 'PCI', '--year', '2019', '--preset', 'khong-co']).stderr).toContain(
			'không có mẫu ánh xạ «khong-co»; các mẫu đã lưu: bang-tinh'
		);
	});
});

/** A large valid canonical file: PCI and PAR INDEX components, 1990–2024, every province that existed then. */
function largeFile(): { file: string; rows: number } {
	const units = parseCsv(fs.readFileSync(path.join(ROOT, 'data/reference/units.csv'), 'utf8'))
		.rows.map((r) => r.cells)
		.filter((u) => u.cohort === 'provinces' && !u.valid_from);
	const components = parseCsv(fs.readFileSync(path.join(ROOT, 'data/reference/components.csv'), 'utf8'))
		.rows.map((r) => r.cells)
		.filter((c) => c.index === 'PCI' || c.index === 'PAR_INDEX');
	const lines = ['index,year,unit,component,score,rank,rank_of,value_type,source,note'];
	for (let year = 1990; year <= 2024; year++) {
		for (const u of units) for (const c of components) lines.push(`${c.index},${year},${u.code},${c.id},5.5,,,,,`);
	}
	return { file: writeTempFile('synthetic-large.csv', lines.join('\n')), rows: lines.length - 1 };
}

/** Runs `chiso import FILE` in a child process and SIGKILLs it `delay` ms after it starts writing the batch. */
function killDuringCommit(db: string, file: string, delay: number): Promise<string> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/chiso.ts'), 'import', file, '--db', db, '--lang', 'en'], {
			cwd: ROOT,
			env: { ...process.env, CHISO_DB: undefined }
		});
		let stderr = '';
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			if (stderr.includes('Writing the batch')) setTimeout(() => child.kill('SIGKILL'), delay);
		});
		child.on('exit', (_code, signal) => resolve(`${signal ?? 'exited'}`));
	});
}

describe('an import killed mid-commit (SIGKILL)', { timeout: 120_000 }, () => {
	it.each([0, 150])('leaves the batch entirely present or entirely absent (killed %i ms into the commit)', async (delay) => {
		const db = tempDb();
		process.env.CHISO_DB = db;
		await ensureDatabase({ empty: true });
		await closeDatabase();
		const { file, rows } = largeFile();

		expect(await killDuringCommit(db, file, delay)).toBe('SIGKILL');

		// The database opens (DuckDB replays or drops its write-ahead log) and holds all of the batch or none of it.
		const batches = await query<{ id: number; rows_total: number }>('SELECT id, rows_total FROM import_batches');
		const [{ n }] = await query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM observations');
		if (batches.length === 0) expect(n).toBe(0);
		else expect([batches.length, batches[0].rows_total, n]).toEqual([1, rows, rows]);

		// And the import can simply be run again.
		const again = await importFile({ file, importedBy: 'test' });
		expect(again.status).toBe(batches.length === 0 ? 'committed' : 'already_imported');
		expect(await query('SELECT count(*)::INTEGER AS n FROM observations')).toEqual([{ n: rows }]);
		await closeDatabase();
	});
});
