import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase, writeTempFile } from '../../../../helpers/temp-db.ts';
import { closeDatabase, withConnection } from '../../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../../src/lib/server/setup.ts';
import { detectFormat, readSheets } from '../../../../../src/lib/server/import/read-table.ts';
import { discardPrepared, prepareImport, stagedObservations, type PreparedImport } from '../../../../../src/lib/server/import/pipeline.ts';

beforeAll(async () => {
	useTempDatabase('read-table');
	await ensureDatabase({ empty: true });
});
afterAll(closeDatabase);

/** The figures a prepared import staged; the import is then discarded. */
async function staged(prepared: PreparedImport) {
	const observations = await stagedObservations(prepared);
	discardPrepared(prepared);
	return observations;
}

const read = async (name: string, content: string | Buffer) => {
	const file = writeTempFile(name, content);
	return readSheets(file, fs.readFileSync(file), name);
};

describe('readSheets', () => {
	it('reads semicolon CSV from Vietnamese Excel: BOM dropped, decimal commas kept as text for the validator', async () => {
		const { format, sheets } = await read('synthetic-semicolon.csv', '\uFEFFTỉnh;Điểm\r\nKon Tum;63,5351\r\n');
		expect(format).toBe('csv');
		expect(sheets[0].rows.slice(0, 2)).toEqual([['Tỉnh', 'Điểm'], ['Kon Tum', '63,5351']]);
	});

	it('reads every sheet of a workbook with numbers, formulas (their results) and rich text', async () => {
		const workbook = new ExcelJS.Workbook();
		workbook.addWorksheet('Notes').addRow(['Nguồn: VCCI']);
		const sheet = workbook.addWorksheet('Summary');
		sheet.addRow(['Province', 'Rank', 'The Weighted PCI Score']);
		sheet.addRow([{ richText: [{ text: 'Kon ' }, { text: 'Tum' }] }, 56, { formula: '60+3.5351', result: 63.5351 }]);
		const { format, sheets } = await read('synthetic-book.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
		expect(format).toBe('xlsx');
		expect(sheets.map((s) => s.name)).toEqual(['Notes', 'Summary']);
		expect(sheets[1].rows).toEqual([['Province', 'Rank', 'The Weighted PCI Score'], ['Kon Tum', 56, 63.5351]]);
	});

	it('reads Arrow IPC and Parquet into a header line and rows', async () => {
		const table = tableFromArrays({ unit: ['Kon Tum', 'Gia Lai'], score: Float64Array.from([63.5351, 62.1]) });
		const arrow = await read('synthetic.arrow', Buffer.from(tableToIPC(table, 'file')));
		expect(arrow).toEqual({ format: 'arrow', sheets: [{ name: null, rows: [['unit', 'score'], ['Kon Tum', 63.5351], ['Gia Lai', 62.1]] }] });

		const parquetFile = path.join(path.dirname(writeTempFile('x', '')), 'synthetic.parquet');
		await withConnection((c) => c.run(`COPY (SELECT 'Kon Tum' AS unit, 63.5351::DOUBLE AS score, 56::BIGINT AS rank) TO '${parquetFile}' (FORMAT parquet)`));
		const parquet = await readSheets(parquetFile, fs.readFileSync(parquetFile), 'synthetic.parquet');
		expect(parquet.sheets[0].rows).toEqual([['unit', 'score', 'rank'], ['Kon Tum', 63.5351, 56]]);
	});
});

describe('detectFormat', () => {
	it('trusts the first bytes over the extension', () => {
		expect(detectFormat(Buffer.from('PAR1....'), 'data.csv')).toBe('parquet');
		expect(detectFormat(Buffer.from('ARROW1..'), 'data.bin')).toBe('arrow');
		expect(detectFormat(Buffer.from('index,year'), 'data.feather')).toBe('arrow');
		expect(detectFormat(Buffer.from('index,year'), 'data.txt')).toBe('csv');
	});
});

describe('wide tables end to end (prepareImport)', () => {
	it('a semicolon CSV with decimal commas, a BOM, NFD names and trailing spaces', async () => {
		const text = '\uFEFFTỉnh ;Sub-Index 1: Entry Costs;Rank\r\n' + `${'Kon Tum '.normalize('NFD')};7,25;2\r\nTP.HCM  ;8,5;1\r\n`;
		const prepared = await prepareImport({ file: writeTempFile('synthetic-vn-excel.csv', text), indexId: 'PCI', year: 2019 });
		expect((await staged(prepared)).map((o) => [o.unitCode, o.componentId, o.score, o.publishedRank, o.publishedN])).toEqual([
			['62', 'pci_s1', 7.25, null, null],
			['62', 'total', null, 2, 2],
			['79', 'pci_s1', 8.5, null, null],
			['79', 'total', null, 1, 2]
		]);
	});

	it('a transposed table (units as columns) gives the same figures as the upright one', async () => {
		const upright = 'Tỉnh,Sub-Index 1: Entry Costs,Sub-Index 2: Land Access & Tenure\nKon Tum,7.25,6.5\nGia Lai,5,4\n';
		const transposed = 'Tỉnh,Kon Tum,Gia Lai\nSub-Index 1: Entry Costs,7.25,5\nSub-Index 2: Land Access & Tenure,6.5,4\n';
		const figures = async (name: string, text: string) => {
			const p = await prepareImport({ file: writeTempFile(name, text), indexId: 'PCI', year: 2019 });
			return { orientation: p.layout!.orientation, figures: (await staged(p)).map((o) => `${o.unitCode} ${o.componentId} ${o.score}`).sort() };
		};
		const a = await figures('synthetic-upright.csv', upright);
		const b = await figures('synthetic-transposed.csv', transposed);
		expect([a.orientation, b.orientation]).toEqual(['units_in_rows', 'units_in_columns']);
		expect(b.figures).toEqual(a.figures);
		expect(a.figures).toEqual(['62 pci_s1 7.25', '62 pci_s2 6.5', '64 pci_s1 5', '64 pci_s2 4']);
	});

	it('picks the sheet where the components are, or the one asked for', async () => {
		const workbook = new ExcelJS.Workbook();
		workbook.addWorksheet('Ghi chú').addRow(['Bảng PCI 2019']);
		const summary = workbook.addWorksheet('Summary');
		summary.addRow(['Province', 'Sub-Index 1: Entry Costs']);
		summary.addRow(['Kon Tum', 7.25]);
		const file = writeTempFile('synthetic-sheets.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
		const prepared = await prepareImport({ file, indexId: 'PCI', year: 2019 });
		discardPrepared(prepared);
		expect(prepared.sheet).toBe('Summary');
		await expect(prepareImport({ file, indexId: 'PCI', year: 2019, sheet: 'Tóm tắt' })).rejects.toMatchObject({
			problems: [expect.objectContaining({ code: 'unknown_sheet', params: { sheet: 'Tóm tắt', sheets: 'Ghi chú, Summary' } })]
		});
	});
});
