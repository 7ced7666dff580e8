import { describe, expect, it } from 'vitest';
import { pastedToTsv } from '../../../../src/lib/domain/pasted-table.ts';

const rows = (text: string) => pastedToTsv(text).trimEnd().split('\n').map((l) => l.split('\t'));

describe('pastedToTsv', () => {
	it('splits on runs of spaces (a PDF copy), keeps decimal commas, strips the dot of a rank', () => {
		const text = 'Xếp hạng   Tỉnh, thành phố     Chỉ số CCHC (%)\n1.   Hải Phòng     92,57\n\n02   Quảng Ninh    91,04\n';
		expect(rows(text)).toEqual([
			['Xếp hạng', 'Tỉnh, thành phố', 'Chỉ số CCHC (%)'],
			['1', 'Hải Phòng', '92,57'],
			['02', 'Quảng Ninh', '91,04']
		]);
	});

	it('splits on tabs when the text has any (a Word or web table), single spaces inside cells kept', () => {
		expect(rows('Tỉnh\tĐiểm\nBà Rịa - Vũng Tàu\t85,12\n')).toEqual([['Tỉnh', 'Điểm'], ['Bà Rịa - Vũng Tàu', '85,12']]);
	});

	it('separates a rank prefix and trailing figures joined by single spaces, only when that gives the table’s width', () => {
		const text = 'Xếp hạng   Tỉnh   Chỉ số CCHC   Lĩnh vực 1\n3. Thừa Thiên Huế 90,1 9,5\nGhi chú: số liệu của Bộ Nội vụ';
		expect(rows(text)).toEqual([
			['Xếp hạng', 'Tỉnh', 'Chỉ số CCHC', 'Lĩnh vực 1'],
			['3', 'Thừa Thiên Huế', '90,1', '9,5'],
			['Ghi chú: số liệu của Bộ Nội vụ']
		]);
	});

	it('makes NFD text (from PDFs) NFC and quotes a cell holding a quote', () => {
		const tsv = pastedToTsv('Tỉnh  Ghi chú\nKon Tum  "tốt"'.normalize('NFD'));
		expect(tsv).toBe('Tỉnh\tGhi chú\nKon Tum\t"""tốt"""\n'.normalize('NFC'));
		expect(tsv).toBe(tsv.normalize('NFC'));
	});
});
