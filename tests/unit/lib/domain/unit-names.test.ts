import { describe, expect, it } from 'vitest';
import { nameKey, UnitMatcher, unitValidInYear, type UnitRecord } from '../../../../src/lib/domain/unit-names.ts';

const unit = (code: string, nameVi: string, validFrom: string | null = null, validTo: string | null = null): UnitRecord => ({
	code, nameVi, nameAscii: null, cohort: 'provinces', validFrom, validTo
});

const units = [
	unit('79', 'TP. Hồ Chí Minh', null, '2025-06-30'),
	unit('62', 'Kon Tum', null, '2025-06-30'),
	unit('51', 'Quảng Ngãi', null, '2025-06-30'),
	unit('2025-quang-ngai', 'Quảng Ngãi', '2025-07-01'),
	unit('46', 'Thừa Thiên Huế'),
	unit('77', 'Bà Rịa - Vũng Tàu', null, '2025-06-30'),
	unit('01', 'Hà Nội')
];
const matcher = new UnitMatcher(units, [
	{ alias: 'HCMC', unitCode: '79' },
	{ alias: 'TP.HCM', unitCode: '79' },
	{ alias: 'BRVT', unitCode: '77' }
]);

const codeOf = (name: string, year?: number) => {
	const m = matcher.match(name, year);
	return m.ok ? m.unit.code : m.reason;
};

describe('nameKey', () => {
	it('folds case, diacritics, spaces and hyphens', () => {
		expect(nameKey('KON TUM')).toBe('kontum');
		expect(nameKey('KonTum')).toBe('kontum');
		expect(nameKey('Thừa Thiên - Huế')).toBe(nameKey('Thừa Thiên Huế'));
	});
	it('strips the administrative prefixes Tỉnh, Thành phố and TP.', () => {
		expect(nameKey('Thành phố Hồ Chí Minh')).toBe('hochiminh');
		expect(nameKey('TP. Hồ Chí Minh')).toBe('hochiminh');
		expect(nameKey('Tỉnh Kon Tum')).toBe('kontum');
	});
	it('treats NFD text (as copied from PDFs) like NFC', () => {
		expect(nameKey('Hà Nội'.normalize('NFD'))).toBe(nameKey('Hà Nội'));
	});
	it('folds đ to d', () => {
		expect(nameKey('Đắk Lắk')).toBe('daklak');
	});
});

describe('UnitMatcher', () => {
	it('finds units by code, exact name, spelling variants and aliases', () => {
		expect(codeOf('62')).toBe('62');
		expect(codeOf('Kon Tum')).toBe('62');
		expect(codeOf('  KON TUM ')).toBe('62');
		expect(codeOf('Thua Thien-Hue')).toBe('46');
		expect(codeOf('Ha Noi')).toBe('01');
		expect(codeOf('HCMC')).toBe('79');
		expect(codeOf('TP.HCM')).toBe('79');
		expect(codeOf('BRVT')).toBe('77');
	});
	it('tells the old unit from its 2025 successor of the same name by year', () => {
		expect(codeOf('Quảng Ngãi', 2022)).toBe('51');
		expect(codeOf('Quảng Ngãi', 2025)).toBe('2025-quang-ngai');
	});
	it('without a year, prefers the unit that still exists', () => {
		expect(codeOf('Quảng Ngãi')).toBe('2025-quang-ngai');
	});
	it('refuses a unit in a year it did not exist', () => {
		const m = matcher.match('Kon Tum', 2026);
		expect(m.ok).toBe(false);
		if (!m.ok) expect(m.reason).toBe('not_valid_in_year');
	});
	it('an unknown name is an error listing the closest known names', () => {
		const m = matcher.match('Kon Tun');
		expect(m.ok).toBe(false);
		if (!m.ok) {
			expect(m.reason).toBe('unknown');
			expect(m.suggestions[0]).toBe('Kon Tum');
		}
	});
});

describe('unitValidInYear', () => {
	it('counts a unit in year Y when it exists on 31 December of Y', () => {
		const merged = unit('62', 'Kon Tum', null, '2025-06-30');
		expect(unitValidInYear(merged, 2024)).toBe(true);
		expect(unitValidInYear(merged, 2025)).toBe(false);
		const created = unit('x', 'Quảng Ngãi', '2025-07-01');
		expect(unitValidInYear(created, 2024)).toBe(false);
		expect(unitValidInYear(created, 2025)).toBe(true);
	});
});
