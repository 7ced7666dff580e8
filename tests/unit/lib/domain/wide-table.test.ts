import { describe, expect, it } from 'vitest';
import { columnLetter, deriveTotal, isMissing, readWideTable, type Cell } from '../../../../src/lib/domain/wide-table.ts';
import { validateCanonicalRows } from '../../../../src/lib/domain/validate-rows.ts';
import { aliases, components, indices, units } from '../../../helpers/catalogue.ts';

const [PCI, PAPI] = indices;
const ctx = { file: 'synthetic-wide.xlsx', sheet: 'Summary', components, aliases, units };
const read = (rows: Cell[][], index = PCI, year = 2019, mapping?: Parameters<typeof readWideTable>[1]['mapping']) =>
	readWideTable(rows, { ...ctx, index, year, mapping });

/** Reads and validates, returning the figures as "unit component score rank/n type". */
function figures(rows: Cell[][], index = PCI, year = 2019) {
	const result = read(rows, index, year);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	const { observations, problems } = validateCanonicalRows(result.rows, { ...ctx, indices, units });
	expect(problems).toEqual([]);
	return observations.map((o) => `${o.unitCode} ${o.componentId} ${o.score} ${o.publishedRank ?? ''}/${o.publishedN ?? ''} ${o.valueType}`);
}

const PCI_TABLE: Cell[][] = [
	['Province', 'Rank', 'The Weighted PCI Score', 'Sub-Index 1: Entry Costs'],
	['Kon Tum ', 2, 63.5351, 7.25],
	['BRVT', 1, '64,1', '6,5'],
	['Gia Lai', null, null, 5]
];

describe('readWideTable', () => {
	it('reads one row a unit: scores, the published rank with rank_of = the number of ranked units', () => {
		expect(figures(PCI_TABLE)).toEqual([
			'62 total 63.5351 2/2 published',
			'62 pci_s1 7.25 / published',
			'77 total 64.1 1/2 published',
			'77 pci_s1 6.5 / published',
			// An empty cell states nothing: Gia Lai has only its sub-index 1.
			'64 pci_s1 5 / published'
		]);
	});

	it('reads the transposed table (units as columns) to the same figures', () => {
		const transposed = PCI_TABLE[0].map((_, c) => PCI_TABLE.map((row) => row[c]));
		const result = read(transposed);
		expect(result.ok && result.layout.orientation).toBe('units_in_columns');
		expect(figures(transposed)).toEqual(figures(PCI_TABLE));
	});

	it('matches NFD unit names and headers (text copied from PDFs) and trailing spaces', () => {
		const nfd: Cell[][] = [
			['Tỉnh'.normalize('NFD'), '1: Tham gia của người dân ở cấp cơ sở  '.normalize('NFD'), 'Công khai, minh bạch '],
			['Hà Nội  '.normalize('NFD'), 5.25, 4.5]
		];
		// Hand-worked: 5.25 + 4.5 = 9.75, stored as derived.
		expect(figures(nfd, PAPI, 2016)).toEqual(['01 papi_d1 5.25 / published', '01 papi_d2 4.5 / published', '01 total 9.75 / derived']);
	});

	it('finds the header below title lines and stops at the first empty line (Min/Median/Max, lookup boxes)', () => {
		const rows: Cell[][] = [['PCI 2019 — bảng tổng hợp'], [], PCI_TABLE[0], ['Kon Tum', 1, 63.5351, 7.25], [], ['Kon Tum', 99, 70, 1], ['Max', null, 70, 8]];
		const result = read(rows);
		expect(result.ok && result.layout).toMatchObject({ headerRow: 3, unitHeader: 'Province', ignoredLines: [6, 7] });
		expect(figures(rows)).toEqual(['62 total 63.5351 1/1 published', '62 pci_s1 7.25 / published']);
	});

	it('names the spreadsheet row and the published header in a problem', () => {
		const rows: Cell[][] = [...PCI_TABLE.slice(0, 2), ['Gia Lay', 1, 'sáu mươi', 11]];
		const result = read(rows);
		if (!result.ok) throw new Error('expected a layout');
		const { problems } = validateCanonicalRows(result.rows, { ...ctx, indices, units });
		expect(problems.map((p) => [p.row, p.column, p.code, p.value])).toEqual([
			[3, 'The Weighted PCI Score', 'number', 'sáu mươi'],
			[3, 'Province', 'unknown_unit', 'Gia Lay'],
			[3, 'Province', 'unknown_unit', 'Gia Lay'],
			[3, 'Sub-Index 1: Entry Costs', 'score_range', '11']
		]);
	});

	it('in a transposed table a problem names the row of the component and the unit’s column', () => {
		const rows: Cell[][] = [['Tỉnh', 'Kon Tum', 'Gia Lai'], ['Sub-Index 1: Entry Costs', 7, 'bảy']];
		const result = read(rows);
		if (!result.ok) throw new Error('expected a layout');
		const { problems } = validateCanonicalRows(result.rows, { ...ctx, indices, units });
		expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([[2, 'Gia Lai', 'number']]);
	});

	it('asks for a mapping when a column cannot be placed, and a mapping settles it', () => {
		const rows: Cell[][] = [['Province', 'Sub-Index 1: Entry Costs', 'Điểm tổng'], ['Kon Tum', 7, 60]];
		const refused = read(rows);
		expect(refused.ok ? null : refused.problems).toEqual([
			expect.objectContaining({ row: 1, code: 'unplaced_columns', params: { count: 1, columns: '«Điểm tổng»', placed: 'pci_s1', index: 'PCI' } })
		]);
		const mapped = read(rows, PCI, 2019, { columns: { 'Điểm tổng': 'total' } });
		expect(mapped.ok && mapped.rows.map((r) => r.cells.component)).toEqual(['pci_s1', 'total']);
	});

	it('takes the unit column a mapping names, even when its cells are codes', () => {
		const rows: Cell[][] = [['Mã tỉnh', 'Sub-Index 1: Entry Costs'], ['62', 7], ['64', 6]];
		expect(read(rows).ok).toBe(false);
		const mapped = read(rows, PCI, 2019, { unit: 'MÃ TỈNH' });
		expect(mapped.ok && mapped.rows.map((r) => r.cells.unit)).toEqual(['62', '64']);
	});

	it('refuses a table without a column of unit names, and two columns holding one component', () => {
		const noUnits = read([['Sub-Index 1: Entry Costs'], [7]]);
		expect(noUnits.ok ? null : noUnits.problems[0].code).toBe('no_unit_column');
		const twice = read([['Tỉnh', 'Sub-Index 1: Entry Costs', 'Gia nhập thị trường'], ['Kon Tum', 7, 7]]);
		expect(twice.ok ? null : twice.problems[0]).toMatchObject({ code: 'duplicate_column', column: 'Gia nhập thị trường' });
	});
});

describe('missing values and lines that name no unit', () => {
	it('knows the publishers’ marks for a missing figure, and nothing else', () => {
		for (const cell of ['KCDL', 'kcdl ', 'Không có dữ liệu', '-', '–', '—', 'n/a', 'N/A', '..', 'x', '', null]) expect(isMissing(cell), String(cell)).toBe(true);
		for (const cell of [0, '0', '5,25', 'abc', 'na']) expect(isMissing(cell), String(cell)).toBe(false);
	});

	it('states nothing for a missing cell (never zero), counts it, and skips national, summary and note lines', () => {
		const rows: Cell[][] = [
			['Province', 'Rank', 'The Weighted PCI Score', 'Sub-Index 1: Entry Costs'],
			['Kon Tum', 1, 63.5, 'KCDL'],
			['Gia Lai', '—', 'n/a', 6],
			['Cả nước', null, 62, 6.5],
			['Trung vị', null, 62, 6.5],
			['Nguồn: VCCI', null, null, null]
		];
		const result = read(rows);
		expect(result.ok && result.layout).toMatchObject({
			missingCells: 2,
			units: 2,
			skippedLines: [
				{ at: '4', text: 'Cả nước', kind: 'summary' },
				{ at: '5', text: 'Trung vị', kind: 'summary' },
				{ at: '6', text: 'Nguồn: VCCI', kind: 'note' }
			]
		});
		expect(figures(rows)).toEqual(['62 total 63.5 1/1 published', '64 pci_s1 6 / published']);
	});
});

describe('deriveTotal', () => {
	it('sums every component at full precision and states nothing when one is missing or not a number', () => {
		expect(deriveTotal([5.337698459625244, '5,25', 1])).toBe(5.337698459625244 + 5.25 + 1);
		expect(deriveTotal([5, null])).toBeNull();
		expect(deriveTotal([5, 'n/a'])).toBeNull();
	});
});

describe('columnLetter', () => {
	it('names columns as a spreadsheet does', () => {
		expect([0, 25, 26, 191].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'GJ']);
	});
});
