import { describe, expect, it } from 'vitest';
import { decimalInputText, formatExact, parseDecimal } from '../../../../src/lib/domain/numbers.ts';

describe('parseDecimal', () => {
	it('reads decimal points and decimal commas alike', () => {
		expect(parseDecimal('64.89')).toBe(64.89);
		expect(parseDecimal('64,89')).toBe(64.89);
		expect(parseDecimal(' 81.35 ')).toBe(81.35);
		expect(parseDecimal('43')).toBe(43);
	});
	it('keeps every published decimal', () => {
		expect(parseDecimal('46.0415')).toBe(46.0415);
		expect(String(parseDecimal('68.3352'))).toBe('68.3352');
	});
	it('returns null for an empty cell and NaN for text that is not a plain decimal', () => {
		expect(parseDecimal('')).toBeNull();
		expect(parseDecimal('   ')).toBeNull();
		expect(parseDecimal(undefined)).toBeNull();
		expect(parseDecimal('abc')).toBeNaN();
		expect(parseDecimal('1.234,5')).toBeNaN();
		expect(parseDecimal('64.89 điểm')).toBeNaN();
	});
});

describe('formatExact', () => {
	it('writes the shortest text that reads back to the same double, never an exponent', () => {
		expect(formatExact(63.5351)).toBe('63.5351');
		expect(formatExact(1e-7)).toBe('0.0000001');
		expect(parseDecimal(formatExact(5.337698459625244))).toBe(5.337698459625244);
	});
});

describe('decimalInputText', () => {
	it('writes a score exactly with the reader’s decimal mark and no thousands separator, read back to the same number', () => {
		expect(decimalInputText(6.4543, ',')).toBe('6,4543');
		expect(decimalInputText(6.4543, '.')).toBe('6.4543');
		expect(decimalInputText(10, ',')).toBe('10');
		expect(decimalInputText(1234.5, ',')).toBe('1234,5');
		expect(parseDecimal(decimalInputText(5.337698459625244, ','))).toBe(5.337698459625244);
	});
});
