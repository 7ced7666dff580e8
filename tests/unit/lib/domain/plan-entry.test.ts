import { describe, expect, it } from 'vitest';
import { checkPlanEntry, planEntrySchema, ruleText, unitLabel } from '../../../../src/lib/domain/plan-entry.ts';
import { UnitMatcher, type UnitRecord } from '../../../../src/lib/domain/unit-names.ts';
import { indices } from '../../../helpers/catalogue.ts';

const unit = (code: string, nameVi: string, validFrom: string | null, validTo: string | null): UnitRecord => ({
	code, nameVi, nameAscii: null, cohort: 'provinces', validFrom, validTo
});
// The two Quảng Ngãi of the reference data: the province until 30/6/2025 and the one that absorbed Kon Tum.
const units = new UnitMatcher(
	[unit('51', 'Quảng Ngãi', null, '2025-06-30'), unit('62', 'Kon Tum', null, '2025-06-30'), unit('2025-quang-ngai', 'Quảng Ngãi', '2025-07-01', null)],
	[{ alias: 'Tỉnh Quảng Ngãi', unitCode: '2025-quang-ngai' }]
);
const reference = { units, indices };

/** "Quảng Ngãi: top 15 of 34 by 2030", as a form would send it (every field text). */
const successorPlan = {
	unit: 'Quảng Ngãi', indices: ['PCI'], kind: 'absolute', baselineYear: '2024', horizon: '2030', targetRank: '15',
	firstStep: '', yearlyStep: '', document: 'Nghị quyết 01-NQ/TU (synthetic)', issuedOn: '2025-09-15', issuedBy: 'Tỉnh ủy Quảng Ngãi', source: ''
};
const risePlan = {
	unit: 'Kon Tum', indices: 'PCI,papi', kind: 'rise', baselineYear: 2022, firstStep: 5, horizon: 2030,
	document: 'Thông báo 650-TB/TU', issuedOn: '2022-12-05', issuedBy: 'Tỉnh ủy Kon Tum'
};

describe('checkPlanEntry', () => {
	it('resolves a successor’s absolute plan: "Quảng Ngãi" at the horizon 2030 is the unit from 7/2025', () => {
		expect(checkPlanEntry(successorPlan, reference, 'vi')).toEqual({
			ok: true,
			value: {
				unitCode: '2025-quang-ngai', indices: ['PCI'], kind: 'absolute', baselineYear: 2024, firstStep: null, yearlyStep: null,
				horizon: 2030, targetRank: 15, document: 'Nghị quyết 01-NQ/TU (synthetic)', issuedOn: '2025-09-15',
				issuedBy: 'Tỉnh ủy Quảng Ngãi', source: null
			}
		});
	});

	it('a name whose unit no longer exists at the horizon means the unit of that name (Kon Tum, merged in 2025)', () => {
		const checked = checkPlanEntry(risePlan, reference, 'vi');
		expect(checked).toMatchObject({ ok: true, value: { unitCode: '62', indices: ['PCI', 'PAPI'], firstStep: 5 } });
	});

	it('takes the yearly step as 1 ("higher than the year before") unless the document says otherwise', () => {
		expect(checkPlanEntry(risePlan, reference, 'vi')).toMatchObject({ value: { yearlyStep: 1 } });
		expect(checkPlanEntry({ ...risePlan, yearlyStep: '2' }, reference, 'vi')).toMatchObject({ value: { yearlyStep: 2 } });
	});

	it('refuses a baseline year after the horizon, naming both years', () => {
		const checked = checkPlanEntry({ ...risePlan, baselineYear: 2031 }, reference, 'vi');
		expect(checked).toEqual({ ok: false, problems: ['Năm gốc 2031 không trước năm đích 2030: năm gốc phải trước năm đích.'] });
		const en = checkPlanEntry({ ...risePlan, baselineYear: 2030 }, reference, 'en');
		expect(en).toEqual({ ok: false, problems: ['The baseline year 2030 is not before the horizon 2030: the baseline must come first.'] });
	});

	it('refuses a negative step: "rise −2 places" is no rise', () => {
		expect(checkPlanEntry({ ...risePlan, firstStep: -2 }, reference, 'vi')).toEqual({
			ok: false,
			problems: ['Số bậc tăng năm đầu «-2» không hợp lệ: cần một số nguyên không âm (số bậc cần tăng).']
		});
		expect(checkPlanEntry({ ...risePlan, yearlyStep: '-1' }, reference, 'en')).toEqual({
			ok: false,
			problems: ['Places to rise each later year “-1” is not valid: expected a whole number of places, 0 or more.']
		});
	});

	it('refuses an unknown unit with the closest names, and an unknown index with the known ones', () => {
		expect(checkPlanEntry({ ...risePlan, unit: 'Kon Tom', indices: 'PCI,PCX' }, reference, 'vi')).toEqual({
			ok: false,
			problems: [
				'Đơn vị «Kon Tom» không có trong danh mục; gần nhất: Kon Tum, Quảng Ngãi.',
				'Chỉ số «PCX» không có trong danh mục; có: PCI, PAPI.'
			]
		});
	});

	it('lists every problem at once, and asks each kind for its own number', () => {
		const checked = checkPlanEntry({ ...successorPlan, kind: 'rise', issuedOn: '2025-02-30', document: ' ' }, reference, 'en');
		expect(checked).toEqual({
			ok: false,
			problems: [
				'Document number or title is missing: expected some text.',
				'Date issued “2025-02-30” is not valid: expected a real date written YYYY, YYYY-MM or YYYY-MM-DD.',
				'Places to rise in the first year is missing: expected a whole number of places, 0 or more.'
			]
		});
		expect(checkPlanEntry({ ...successorPlan, targetRank: '' }, reference, 'vi')).toEqual({
			ok: false,
			problems: ['Thứ hạng cần đạt: chưa nhập; cần một số nguyên từ 1 trở lên.']
		});
		expect(checkPlanEntry({ ...successorPlan, targetRank: '0' }, reference, 'vi')).toMatchObject({ ok: false });
	});
});

describe('planEntrySchema', () => {
	it('accepts a document dated by year, month or day, and only real dates', () => {
		const dated = (issuedOn: string) => planEntrySchema.safeParse({ ...successorPlan, issuedOn }).success;
		expect([dated('2023'), dated('2023-12'), dated('2024-02-29'), dated('2023-02-29'), dated('2023-13'), dated('5/12/2022')]).toEqual([
			true, true, true, false, false, false
		]);
	});
});

describe('ruleText and unitLabel', () => {
	it('say the rule and tell the two Quảng Ngãi apart by their years', () => {
		expect(ruleText({ kind: 'rise', baselineYear: 2022, firstStep: 5, yearlyStep: 1, horizon: 2030, targetRank: null }, 'vi')).toBe(
			'tăng 5 bậc so với 2022, sau đó mỗi năm tăng 1 bậc, đến 2030'
		);
		expect(ruleText({ kind: 'absolute', baselineYear: 2024, firstStep: null, yearlyStep: null, horizon: 2030, targetRank: 15 }, 'en')).toBe(
			'rank 15 or better by 2030 (judged from 2024)'
		);
		expect(unitLabel({ name: 'Quảng Ngãi', validFrom: null, validTo: '2025-06-30' }, 'vi')).toBe('Quảng Ngãi (đến 2025)');
		expect(unitLabel({ name: 'Quảng Ngãi', validFrom: '2025-07-01', validTo: null }, 'vi')).toBe('Quảng Ngãi (từ 7/2025)');
		expect(unitLabel({ name: 'Hà Nội', validFrom: null, validTo: null }, 'en')).toBe('Hà Nội');
	});
});
