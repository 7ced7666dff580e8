import { describe, expect, it } from 'vitest';
import { csvCell, escapeXml, fileBaseName, standaloneSvg, toCsv, wrapText } from '../../../../src/lib/charts/download.ts';

describe('csvCell', () => {
	it('escapes text that a spreadsheet would run as a formula', () => {
		expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
		expect(csvCell('+1')).toBe("'+1");
		expect(csvCell('-7 bậc')).toBe("'-7 bậc");
		expect(csvCell('@cmd')).toBe("'@cmd");
	});
	it('keeps numbers as numbers, negative ones included', () => {
		expect(csvCell(-7)).toBe('-7');
		expect(csvCell(64.89)).toBe('64.89');
		expect(csvCell(null)).toBe('');
	});
	it('quotes cells with commas, quotes or line breaks', () => {
		expect(csvCell('Đắk Lắk, Gia Lai')).toBe('"Đắk Lắk, Gia Lai"');
		expect(csvCell('say "đạt"')).toBe('"say ""đạt"""');
		expect(csvCell('=1,2')).toBe(`"'=1,2"`);
	});
});

describe('toCsv', () => {
	it('writes a BOM, the column labels, then one CRLF line a row in column order', () => {
		const csv = toCsv({
			columns: [
				{ key: 'year', label: 'Năm' },
				{ key: 'rank', label: 'Hạng', numeric: true },
				{ key: 'status', label: 'Tình trạng' }
			],
			rows: [
				{ year: 2022, rank: 55, status: 'năm gốc' },
				{ status: 'chưa có dữ liệu', year: 2024, rank: null }
			]
		});
		expect(csv).toBe('\ufeffNăm,Hạng,Tình trạng\r\n2022,55,năm gốc\r\n2024,,chưa có dữ liệu\r\n');
	});
});

describe('standaloneSvg', () => {
	const svg = standaloneSvg({
		chart: '<svg width="400" height="200" viewBox="0 0 400 200"><circle r="3"/></svg>',
		width: 400,
		height: 200,
		title: 'Thứ hạng <PCI> & mục tiêu',
		subtitle: 'Kon Tum',
		footer: ['Nguồn: VCCI']
	});
	it('carries the title, subtitle and source as text, escaped', () => {
		expect(svg).toContain('>Thứ hạng &lt;PCI&gt; &amp; mục tiêu</text>');
		expect(svg).toContain('>Kon Tum</text>');
		expect(svg).toContain('>Nguồn: VCCI</text>');
	});
	it('nests the chart below the heading, untouched', () => {
		// Heading: 16 px padding + two lines of 18 px + 8 px = 60.
		expect(svg).toContain('<svg x="16" y="60" width="400" height="200" viewBox="0 0 400 200"><circle r="3"/></svg>');
		// Width: 16 + 400 + 16. Height: 60 + 200 + 8 + one footer line of 18 + 16 = 302.
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="432" height="302"/);
	});
});

describe('text helpers', () => {
	it('wraps at spaces', () => {
		expect(wrapText('một hai ba bốn', 7)).toEqual(['một hai', 'ba bốn']);
	});
	it('escapes XML', () => {
		expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
	});
	it('makes ASCII file names from Vietnamese titles', () => {
		expect(fileBaseName('Thứ hạng Chỉ số CCHC của Đắk Lắk, 2022–2030')).toBe('thu-hang-chi-so-cchc-cua-dak-lak-2022-2030');
	});
});
