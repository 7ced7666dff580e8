import { describe, expect, it } from 'vitest';
import { formatNumber, t, toLocale } from '../../../../src/lib/i18n/index.ts';

describe('t', () => {
	it('fills placeholders from params and keeps those it has no value for', () => {
		expect(t('vi', 'overview.heading', { unit: 'Kon Tum' })).toBe('Thứ hạng của Kon Tum qua các năm');
		expect(t('en', 'error.title', { status: 404 })).toBe('Error 404');
		expect(t('vi', 'error.title')).toBe('Lỗi {status}');
	});

	it('knows core messages without any import, and an area once its module is imported', async () => {
		expect(t('vi', 'nav.overview')).toBe('Tổng quan');
		// This test file imports no area: an area's key is not there yet, and comes back as itself.
		expect(t('vi', 'whatif.title')).toBe('whatif.title');
		await import('../../../../src/lib/i18n/areas/whatif.ts');
		const params = { index: 'PCI', unit: 'Kon Tum', year: 2019 };
		expect(t('vi', 'whatif.title', params)).toBe('Mô phỏng PCI · Kon Tum · 2019');
		expect(t('en', 'whatif.title', params)).toBe('What-if PCI · Kon Tum · 2019');
	});
});

describe('toLocale', () => {
	it('is English only for "en"', () => {
		expect(toLocale('en')).toBe('en');
		expect(toLocale('EN')).toBe('vi');
		expect(toLocale(null)).toBe('vi');
	});
});

describe('formatNumber', () => {
	it('writes vi-VN separators and keeps every published decimal up to the maximum', () => {
		expect(formatNumber('vi', 63.5351)).toBe('63,5351');
		expect(formatNumber('en', 1234.5)).toBe('1,234.5');
		expect(formatNumber('vi', 1234.5)).toBe('1.234,5');
		expect(formatNumber('vi', 0.123456)).toBe('0,1235');
	});
});
