/**
 * Bad files are refused with a message naming the row (and the column where
 * there is one), and the database is untouched: the export is byte-identical
 * before and after. Property tests damage one cell of a good file at random.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase, writeTempFile } from '../../../../helpers/temp-db.ts';
import { closeDatabase, query } from '../../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../../src/lib/server/setup.ts';
import { importFile } from '../../../../../src/lib/server/import/pipeline.ts';
import { exportObservations } from '../../../../../src/lib/server/export.ts';
import { ImportError, formatProblem, type ImportProblem } from '../../../../../src/lib/domain/import-problems.ts';

const HEADER = 'index,year,unit,component,score,rank,rank_of,value_type,source,note';
let provinces: string[] = [];

beforeAll(async () => {
	useTempDatabase('bad-files');
	await ensureDatabase({ empty: true });
	await importFile({ file: writeTempFile('synthetic-base.csv', `${HEADER}\nPCI,2019,Kon Tum,,63.5351,56,63,,,\n`), importedBy: 'test' });
	provinces = (await query<{ code: string }>("SELECT code FROM units WHERE valid_from IS NULL AND cohort = 'provinces' ORDER BY code")).map((u) => u.code);
});
afterAll(closeDatabase);

async function exported(): Promise<Buffer> {
	const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-export-')), 'all.csv');
	await exportObservations('csv', out);
	return fs.readFileSync(out);
}

/** Imports a file that must be refused; checks nothing changed and returns the problems. */
async function refused(name: string, content: string | Buffer, options: { indexId?: string; year?: number } = {}): Promise<ImportProblem[]> {
	const before = await exported();
	const error = await importFile({ file: writeTempFile(name, content), importedBy: 'test', ...options }).catch((e) => e);
	expect(error).toBeInstanceOf(ImportError);
	expect((await exported()).equals(before)).toBe(true);
	return (error as ImportError).problems;
}

/** n good canonical lines: PCI sub-indices over years and provinces, all distinct keys. */
function goodLines(n: number): string[] {
	const lines = [];
	for (let i = 0; lines.length < n; i++) {
		const component = `pci_s${(i % 10) + 1}`;
		const unit = provinces[Math.floor(i / 10) % provinces.length];
		const year = 2000 + Math.floor(i / (10 * provinces.length));
		lines.push(`PCI,${year},${unit},${component},${((i % 900) / 100 + 0.5).toFixed(2)},,,,,`);
	}
	return lines;
}

describe('bad files are refused, naming row and column, and change nothing', () => {
	it('an empty file', async () => {
		expect(await refused('synthetic-empty.csv', '')).toEqual([expect.objectContaining({ row: 1, code: 'empty_file' })]);
	});

	it('a header and no rows', async () => {
		expect(await refused('synthetic-header-only.csv', `${HEADER}\n`)).toEqual([expect.objectContaining({ row: 2, code: 'empty_file' })]);
	});

	it('a wrong header', async () => {
		const [problem] = await refused('synthetic-wrong-header.csv', 'tinh;nam;diem\nKon Tum;2019;60\n');
		expect(problem).toMatchObject({ row: 1, code: 'missing_columns', params: { columns: 'index, year, unit, score, rank' } });
	});

	it('an unknown unit, with the closest names suggested', async () => {
		const [problem] = await refused('synthetic-unknown-unit.csv', `${HEADER}\nPCI,2019,Kon Tumm,,60,,,,,\n`);
		expect(problem).toMatchObject({ row: 2, column: 'unit', code: 'unknown_unit' });
		expect(formatProblem(problem, 'vi')).toContain('gần nhất: Kon Tum');
	});

	it('a bad number', async () => {
		expect(await refused('synthetic-bad-number.csv', `${HEADER}\nPCI,2019,Gia Lai,,"60,1,2",,,,,\n`)).toEqual([
			expect.objectContaining({ row: 2, column: 'score', value: '60,1,2', code: 'number' })
		]);
	});

	it('a score and a rank out of range', async () => {
		const problems = await refused('synthetic-range.csv', `${HEADER}\nPCI,2019,Gia Lai,pci_s1,10.5,,,,,\nPCI,2019,Đắk Lắk,,60,64,63,,,\n`);
		expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
			[2, 'score', 'score_range'],
			[3, 'rank', 'rank_range']
		]);
	});

	it('two rows with the same key', async () => {
		expect(await refused('synthetic-duplicates.csv', `${HEADER}\nPCI,2019,Gia Lai,,60,,,,,\nPCI,2019,GIA LAI,,61,,,,,\n`)).toEqual([
			expect.objectContaining({ row: 3, column: 'unit', code: 'duplicate', params: { other: 2 } })
		]);
	});

	it('an unknown index, in the file or in --index', async () => {
		expect(await refused('synthetic-unknown-index.csv', `${HEADER}\nDDCI,2019,Gia Lai,,60,,,,,\n`)).toEqual([
			expect.objectContaining({ row: 2, column: 'index', code: 'unknown_index' })
		]);
		expect(await refused('synthetic-wide.csv', 'Tỉnh,PCI\nGia Lai,60\n', { indexId: 'DDCI', year: 2019 })).toEqual([
			expect.objectContaining({ column: '--index', code: 'unknown_index' })
		]);
	});

	it('a bad last row after 5,000 good ones', async () => {
		const lines = goodLines(5000);
		const problems = await refused('synthetic-bad-last.csv', [HEADER, ...lines, 'PCI,2019,Gia Lai,pci_s1,abc,,,,,'].join('\n'));
		expect(problems).toEqual([expect.objectContaining({ row: 5002, column: 'score', code: 'number' })]);
	});

	it('binary garbage, with the line of the first byte that is not text', async () => {
		const garbage = Buffer.concat([Buffer.from(`${HEADER}\nPCI,2019,Gia Lai,,60,,,,,\n`), Buffer.from([0xc3, 0x28, 0xff, 0x00, 0x81])]);
		expect(await refused('synthetic-garbage.csv', garbage)).toEqual([expect.objectContaining({ row: 3, code: 'not_text' })]);
		expect(await refused('synthetic-nul.csv', Buffer.from([0x50, 0x43, 0x49, 0x00, 0x0a]))).toEqual([expect.objectContaining({ row: 1, code: 'not_text' })]);
	});

	it('a 10 MB single line, shown shortened', async () => {
		const line = 'x'.repeat(10 * 1024 * 1024);
		const [problem] = await refused('synthetic-10mb-line.csv', line);
		expect(problem).toMatchObject({ row: 1, code: 'missing_columns' });
		expect(formatProblem(problem, 'en').length).toBeLessThan(400);
	});

	it('a garbage file that starts like a zip is a damaged workbook, worded by us, not by the zip library', async () => {
		const problems = await refused('synthetic-not-really.xlsx', Buffer.from('PK\u0003\u0004 not a zip at all'));
		expect(problems).toEqual([expect.objectContaining({ code: 'damaged_xlsx' })]);
		expect(formatProblem(problems[0], 'en')).not.toMatch(/central directory|https?:/);
	});

	it('a wide table with a column that may be a component asks for a mapping', async () => {
		const [problem] = await refused('synthetic-wide-unplaced.csv', 'Tỉnh,Sub-Index 1: Entry Costs,Điểm mới\nGia Lai,6.5,60\n', { indexId: 'PCI', year: 2019 });
		expect(problem).toMatchObject({ row: 1, code: 'unplaced_columns' });
		expect(formatProblem(problem, 'vi')).toContain('«Điểm mới»');
	});
});

// Each kind of damage, the column it hits, and values that can never be valid there.
const DAMAGE = {
	score: fc.oneof(fc.stringMatching(/^[a-z]{1,6}$/), fc.double({ min: 10.001, max: 1e6, noNaN: true }).map(String), fc.constant('-1')),
	rank: fc.oneof(fc.constantFrom('0', '-3', '1.5'), fc.stringMatching(/^[a-z]{1,4}$/)),
	year: fc.oneof(fc.integer({ min: 0, max: 999 }).map(String), fc.stringMatching(/^[a-z]{4}$/)),
	unit: fc.stringMatching(/^[a-z]{3,8}$/).map((s) => `Zqx ${s}`),
	index: fc.stringMatching(/^[A-Z]{3,6}$/).map((s) => `NOT${s}`)
} as const;
const COLUMNS = ['index', 'year', 'unit', 'component', 'score', 'rank', 'rank_of', 'value_type', 'source', 'note'];

describe('property: one damaged cell anywhere in a good file', () => {
	it('is refused naming that row and column, and nothing is written', async () => {
		const lines = goodLines(40).map((l) => l.replace(',,,,,', ',7,63,,,'));
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 0, max: lines.length - 1 }),
				fc.constantFrom(...(Object.keys(DAMAGE) as (keyof typeof DAMAGE)[])).chain((column) => fc.tuple(fc.constant(column), DAMAGE[column])),
				async (at, [column, value]) => {
					const damaged = [...lines];
					const cells = damaged[at].split(',');
					cells[COLUMNS.indexOf(column)] = value;
					damaged[at] = cells.join(',');
					const problems = await refused('synthetic-damaged.csv', [HEADER, ...damaged].join('\n'));
					expect(problems).toContainEqual(expect.objectContaining({ row: at + 2, column }));
				}
			),
			{ numRuns: 40 }
		);
	});
});
