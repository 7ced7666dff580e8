/**
 * Full PAPI workbooks in Vietnamese as issue #14 describes them: total,
 * dimensions ("Chỉ số nội dung N: …", worded differently from the catalogue),
 * sub-dimensions and survey indicators mixed in one list, KCDL cells, a
 * national column, notes and a copyright line, and a sheet per region and per
 * province beside the national one. Built here (synthetic figures); each must
 * import without a mapping, every figure equal to what it was built from.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase, writeTempFile } from '../../../../helpers/temp-db.ts';
import { closeDatabase } from '../../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../../src/lib/server/setup.ts';
import { discardPrepared, prepareImport, stagedObservations } from '../../../../../src/lib/server/import/pipeline.ts';
import { ImportError, formatProblem } from '../../../../../src/lib/domain/import-problems.ts';
import type { Cell } from '../../../../../src/lib/domain/wide-table.ts';
import type { Mapping } from '../../../../../src/lib/domain/import-mapping.ts';

beforeAll(async () => {
	useTempDatabase('hierarchical');
	await ensureDatabase({ empty: true });
});
afterAll(closeDatabase);

const PROVINCES = ['Hà Nội', 'Hà Giang', 'Cao Bằng'];
const CODES = ['01', '02', '04'];
// Synthetic scores: dimension d of province p is p + d/10 + 0.0123 (exact in a double's shortest text);
// Cao Bằng has no e-governance figure ("KCDL"). Totals are stated, not summed (PAPI publishes them).
const score = (p: number, d: number) => Number(`${p + 4}.${d}123`);
const TOTALS = [41.5, 42.25, 43.125];
const missing = (p: number, d: number) => p === 2 && d === 8;

/** The table with one row a name (total, dimensions, sub-dimensions, indicators) and one column a province. */
function namesByProvinces(): Cell[][] {
	const row = (name: string, values: (p: number) => Cell): Cell[] => [name, ...PROVINCES.map((_, p) => values(p)), 1];
	const dimension = (d: number, name: string) => row(name, (p) => (missing(p, d) ? 'KCDL' : score(p, d)));
	return [
		['Chỉ số PAPI 2018 theo tỉnh, thành phố'],
		[],
		['Tên chỉ số', ...PROVINCES, 'Cả nước'],
		row('Chỉ số PAPI 2018 (không có trọng số)', (p) => TOTALS[p]),
		row('Chỉ số PAPI 2018 (có trọng số)', () => 50),
		dimension(1, 'Chỉ số nội dung 1: Tham gia của người dân ở cấp cơ sở'),
		row('Nội dung thành phần 1.1: Tri thức công dân', () => 1.5),
		row('Tỷ lệ người dân biết về Pháp lệnh Thực hiện dân chủ ở cơ sở (%)', () => 0.31),
		dimension(2, 'Chỉ số nội dung 2: Công khai, minh bạch trong ra quyết định'),
		row('2.1: Tiếp cận thông tin', () => 1.2),
		row('Mức độ hữu ích của thông tin (1=Không hữu ích; 5=Rất hữu ích)', () => 3),
		dimension(3, 'Chỉ số nội dung 3: Trách nhiệm giải trình với người dân'),
		row('Số lần liên hệ với trưởng thôn', () => 2),
		dimension(4, 'Nội dung 4: Kiểm soát tham nhũng'),
		row('Tham nhũng vặt trong khu vực công (0-100%)', () => 0.4),
		dimension(5, 'Chỉ số nội dung 5: Thủ tục hành chính công'),
		dimension(6, 'Chỉ số nội dung 6: Cung ứng dịch vụ công'),
		dimension(7, 'Chỉ số nội dung 7: Quản trị môi trường'),
		dimension(8, 'Chỉ số nội dung 8: Quản trị điện tử'),
		row('8.1: Sử dụng cổng thông tin điện tử', (p) => (p === 2 ? 'KCDL' : 0.5)),
		[],
		['Ghi chú: KCDL = không có dữ liệu'],
		['Copyrights © 2019 UNDP & CECODES']
	];
}

const transpose = (rows: Cell[][]): Cell[][] => {
	const width = Math.max(...rows.map((r) => r.length));
	return Array.from({ length: width }, (_, c) => rows.map((r) => r[c] ?? null));
};

/** The same figures with one row a province: title, header, provinces, a national line and notes right below. */
function provincesByNames(): Cell[][] {
	const table = namesByProvinces().slice(2, -3);
	return [['Bảng 1. Chỉ số PAPI 2018'], ...transpose(table), ['Ghi chú: KCDL = không có dữ liệu'], ['Copyrights © 2019 UNDP & CECODES']];
}

async function workbook(name: string, sheets: { name: string; rows: Cell[][]; hidden?: boolean }[]) {
	const book = new ExcelJS.Workbook();
	for (const s of sheets) {
		const sheet = book.addWorksheet(s.name, { state: s.hidden ? 'hidden' : 'visible' });
		for (const row of s.rows) sheet.addRow(row);
	}
	return writeTempFile(name, Buffer.from(await book.xlsx.writeBuffer()));
}

/** What the fixture was built from: total and the eight dimensions of each province, less the KCDL cell. */
const EXPECTED = PROVINCES.flatMap((_, p) => [
	`${CODES[p]} total ${TOTALS[p]}`,
	...[1, 2, 3, 4, 5, 6, 7, 8].filter((d) => !missing(p, d)).map((d) => `${CODES[p]} papi_d${d} ${score(p, d)}`)
]).sort();

async function figures(file: string, mapping?: Mapping) {
	const prepared = await prepareImport({ file, indexId: 'PAPI', year: 2018, mapping });
	const staged = await stagedObservations(prepared);
	discardPrepared(prepared);
	return { prepared, figures: staged.map((o) => `${o.unitCode} ${o.componentId} ${o.score}`).sort(), types: new Set(staged.map((o) => o.valueType)) };
}

describe('a Vietnamese hierarchical PAPI workbook', () => {
	it('with provinces as columns: takes total and dimensions, skips the rest and says how many of each', async () => {
		const file = await workbook('papi-2018-hierarchical-synthetic.xlsx', [{ name: 'Toàn quốc', rows: namesByProvinces() }]);
		const { prepared, figures: got, types } = await figures(file);
		expect(got).toEqual(EXPECTED);
		expect(types).toEqual(new Set(['published']));
		const layout = prepared.layout!;
		expect(layout.orientation).toBe('units_in_columns');
		const reasons = (reason: string) => layout.placements.filter((p) => p.reason === reason).map((p) => p.header);
		expect(reasons('sub_component')).toEqual(['Nội dung thành phần 1.1: Tri thức công dân', '2.1: Tiếp cận thông tin', '8.1: Sử dụng cổng thông tin điện tử']);
		expect(reasons('indicator')).toHaveLength(3);
		expect(reasons('note')).toEqual(['Ghi chú: KCDL = không có dữ liệu', 'Copyrights © 2019 UNDP & CECODES']);
		// Unknown once every dimension is placed: an indicator, never a reason to stop.
		expect(reasons('all_placed')).toEqual(['Số lần liên hệ với trưởng thôn']);
		expect(reasons('no_figures')).toEqual(['Chỉ số PAPI 2018 theo tỉnh, thành phố']);
		expect(reasons('total_name')).toEqual(['Chỉ số PAPI 2018 (không có trọng số)', 'Chỉ số PAPI 2018 (có trọng số)']);
		expect(layout.placements.find((p) => p.header.startsWith('Chỉ số PAPI 2018 (có'))).toMatchObject({ role: 'skip' });
		expect(layout.skippedLines).toEqual([{ at: 'E', text: 'Cả nước', kind: 'summary' }]);
		expect(layout.missingCells).toBe(1);
	});

	it('with provinces as rows, notes right below the table: the same figures', async () => {
		const file = await workbook('papi-2018-rows-synthetic.xlsx', [{ name: 'Bảng 1', rows: provincesByNames() }]);
		const { prepared, figures: got } = await figures(file);
		expect(got).toEqual(EXPECTED);
		expect(prepared.layout).toMatchObject({ orientation: 'units_in_rows', headerRow: 2, missingCells: 1 });
		expect(prepared.layout!.skippedLines.map((l) => [l.at, l.kind])).toEqual([['6', 'summary'], ['7', 'note'], ['8', 'note']]);
	});

	it('chooses the national sheet over a region’s, a province’s and a hidden one, and says why', async () => {
		const national = namesByProvinces();
		const region = national.map((r) => r.slice(0, 3));
		const province = national.map((r) => r.slice(0, 2));
		const file = await workbook('papi-2018-sheets-synthetic.xlsx', [
			{ name: 'Hà Nội', rows: province },
			{ name: 'Miền Bắc', rows: region },
			{ name: 'Toàn quốc', rows: national },
			{ name: 'Tra cứu', rows: national, hidden: true }
		]);
		const { prepared, figures: got } = await figures(file);
		expect(prepared.sheet).toBe('Toàn quốc');
		expect(prepared.sheetChoice).toEqual({ units: 3, components: 9, others: 2 });
		expect(got).toEqual(EXPECTED);
	});

	it('stops on an unknown name while a dimension is missing, in a message of a few lines', async () => {
		const rows = namesByProvinces().filter((r) => !String(r[0]).startsWith('Chỉ số nội dung 7'));
		for (let i = 0; i < 30; i++) rows.splice(4, 0, [`Câu hỏi khảo sát số ${i + 1}`, 1, 2, 3]);
		const file = await workbook('papi-2018-unknown-synthetic.xlsx', [{ name: 'Toàn quốc', rows }]);
		const error = await prepareImport({ file, indexId: 'PAPI', year: 2018 }).catch((e) => e);
		expect(error).toBeInstanceOf(ImportError);
		const problems = (error as ImportError).problems;
		expect(problems).toHaveLength(1);
		expect(problems[0].params).toMatchObject({ count: 31, index: 'PAPI' });
		const message = formatProblem(problems[0], 'vi');
		expect(message.match(/«/g)).toHaveLength(10);
		expect(message).toContain('(+21)');
		expect(message).toContain('Đã xác định: total, papi_d1, papi_d2, papi_d3, papi_d4, papi_d5, papi_d6, papi_d8');
		expect(message.length).toBeLessThan(900);
	});
});

describe('a mapping drafted for a layout detection cannot settle (--write-map)', () => {
	// Dimension 7 worded without a number, dimension 3's number contradicting its words, 12 survey questions.
	function unknownLayout(): Cell[][] {
		return namesByProvinces()
			.map((r) =>
				String(r[0]).startsWith('Chỉ số nội dung 7')
					? ['Môi trường sống', ...r.slice(1)]
					: String(r[0]).startsWith('Chỉ số nội dung 3')
						? ['Nội dung 3: Kiểm soát tham nhũng trong khu vực công', ...r.slice(1)]
						: r
			)
			.concat(Array.from({ length: 12 }, (_, i) => [`Câu hỏi ${i + 1}`, 1, 2, 3]));
	}

	it('guesses (the number over the words, else skip), lists the candidates, and imports with the map unchanged where the guesses were right', async () => {
		const file = await workbook('papi-2018-unknown-layout-synthetic.xlsx', [{ name: 'Toàn quốc', rows: unknownLayout() }]);
		expect(await prepareImport({ file, indexId: 'PAPI', year: 2018 }).catch((e) => e)).toBeInstanceOf(ImportError);
		const draft = await prepareImport({ file, indexId: 'PAPI', year: 2018, draft: true });
		discardPrepared(draft);
		const map = draft.mapping!;
		expect(map).toMatchObject({ orientation: 'units_in_columns', headerRow: 1, unit: 'Tên chỉ số' });
		expect(map.columns!['Nội dung 3: Kiểm soát tham nhũng trong khu vực công']).toBe('papi_d3');
		expect(map.columns!['Môi trường sống']).toBe('skip');
		expect(map.candidates!['Nội dung 3: Kiểm soát tham nhũng trong khu vực công']).toEqual(['papi_d3', 'papi_d4']);
		expect(map.candidates!['Môi trường sống']).toEqual(['papi_d7', 'skip']);
		// The two above, «Số lần liên hệ với trưởng thôn» and the 12 questions.
		expect(Object.keys(map.candidates!)).toHaveLength(15);

		// As written (through JSON, as the file is): everything but dimension 7.
		const written = JSON.parse(JSON.stringify(map));
		const { figures: asWritten } = await figures(file, written);
		expect(asWritten).toEqual(EXPECTED.filter((f) => !f.includes('papi_d7')));
		// One line edited: every figure.
		const edited = { ...written, columns: { ...written.columns, 'Môi trường sống': 'papi_d7' } };
		const { figures: all, prepared } = await figures(file, edited);
		expect(all).toEqual(EXPECTED);
		expect(prepared.layout!.unsure).toEqual([]);
	});
});

describe('the 34-province form of 2025 and the 63-province form before it', () => {
	// Synthetic PCI scores; the units are told apart by the year: Tuyên Quang of 2025 absorbed Hà Giang (Nghị quyết 202/2025/QH15).
	const table = (names: string[]) =>
		writeTempFile('pci-34-synthetic.csv', ['Tỉnh/thành phố;Xếp hạng;Điểm PCI', ...names.map((n, i) => `${n};${i + 1};${70 - i},5`)].join('\n') + '\n');

	it('reads the same names as the new units in 2025 and the old ones in 2024', async () => {
		const file = table(['Tuyên Quang', 'Hà Nội', 'TP. Hồ Chí Minh', 'Cao Bằng']);
		const read = async (year: number) => {
			const prepared = await prepareImport({ file, indexId: 'PCI', year });
			const staged = await stagedObservations(prepared);
			discardPrepared(prepared);
			return staged.map((o) => `${o.unitCode} ${o.score} ${o.publishedRank}/${o.publishedN}`);
		};
		expect(await read(2025)).toEqual(['2025-tuyen-quang 70.5 1/4', '01 69.5 2/4', '2025-ho-chi-minh 68.5 3/4', '04 67.5 4/4']);
		expect(await read(2024)).toEqual(['08 70.5 1/4', '01 69.5 2/4', '79 68.5 3/4', '04 67.5 4/4']);
	});

	it('refuses in 2025 a province merged away that year', async () => {
		const error = await prepareImport({ file: table(['Hà Giang', 'Hà Nội']), indexId: 'PCI', year: 2025 }).catch((e) => e);
		expect(error).toBeInstanceOf(ImportError);
		expect((error as ImportError).problems[0]).toMatchObject({ row: 2, column: 'Tỉnh/thành phố', value: 'Hà Giang', code: 'unit_year' });
	});
});

describe('a two-row header with merged cells under a title', () => {
	it('reads each merged component name over its “Điểm” and “Xếp hạng” columns', async () => {
		const book = new ExcelJS.Workbook();
		const sheet = book.addWorksheet('Bảng 3');
		sheet.addRow(['Bảng 3. Chỉ số PCI 2019 (số liệu minh họa)']);
		sheet.addRow(['Tỉnh, thành phố', 'Chỉ số PCI 2019', null, 'Chỉ số thành phần 1: Gia nhập thị trường', null, 'Chỉ số thành phần 2: Tiếp cận đất đai']);
		sheet.addRow([null, 'Điểm', 'Xếp hạng', 'Điểm', 'Xếp hạng', 'Điểm']);
		sheet.addRow(['Kon Tum', 63.5, 2, 7.25, 1, 6.5]);
		sheet.addRow(['Gia Lai', 64.25, 1, 6.75, 2, 'KCDL']);
		sheet.mergeCells('A2:A3');
		sheet.mergeCells('B2:C2');
		sheet.mergeCells('D2:E2');
		const file = writeTempFile('pci-2019-two-row-header-synthetic.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
		const prepared = await prepareImport({ file, indexId: 'PCI', year: 2019 });
		const staged = await stagedObservations(prepared);
		discardPrepared(prepared);
		expect(staged.map((o) => `${o.unitCode} ${o.componentId} ${o.score} ${o.publishedRank ?? ''}/${o.publishedN ?? ''}`)).toEqual([
			'62 pci_s1 7.25 1/2',
			'62 pci_s2 6.5 /',
			'62 total 63.5 2/2',
			'64 pci_s1 6.75 2/2',
			'64 total 64.25 1/2'
		]);
		expect(prepared.mapping?.columns).toMatchObject({
			'Chỉ số PCI 2019 / Xếp hạng': 'rank',
			'Chỉ số thành phần 1: Gia nhập thị trường / Xếp hạng': 'rank:pci_s1'
		});
		// The mapping it stores reads the file again to the same figures, and a changed line is honoured.
		const again = await prepareImport({ file, indexId: 'PCI', year: 2019, mapping: prepared.mapping! });
		expect(again.rows).toBe(5);
		discardPrepared(again);
		const edited = { ...prepared.mapping!, columns: { ...prepared.mapping!.columns, 'Chỉ số thành phần 1: Gia nhập thị trường / Xếp hạng': 'skip' } };
		const fewer = await prepareImport({ file, indexId: 'PCI', year: 2019, mapping: edited });
		expect((await stagedObservations(fewer)).filter((o) => o.componentId === 'pci_s1').map((o) => o.publishedRank)).toEqual([null, null]);
		discardPrepared(fewer);
	});
});
