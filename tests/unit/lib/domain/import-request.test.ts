import { describe, expect, it } from 'vitest';
import { commitRequestSchema, describeIssues, presetRequestSchema, readRequestSchema, targetOptions } from '../../../../src/lib/domain/import-request.ts';

const sha256 = 'ab'.repeat(32);

describe('request schemas', () => {
	it('accept what the page sends', () => {
		expect(readRequestSchema.parse({ sha256, fileName: 'PCI 2019.xlsx', indexId: 'PCI', year: 2019, mapping: { columns: { Rank: 'rank' } } })).toMatchObject({ year: 2019 });
		expect(commitRequestSchema.parse({ sha256, fileName: 'a.csv' })).toMatchObject({ replace: false });
		expect(presetRequestSchema.parse({ name: '  PCI hằng năm ', indexId: null, mapping: {} })).toEqual({ name: 'PCI hằng năm', indexId: null, mapping: {} });
	});

	it('refuse a path for a hash, a year out of range, unknown keys and a malformed mapping, saying which field', () => {
		const bad = readRequestSchema.safeParse({ sha256: '../../etc/passwd', fileName: 'a.csv', year: 20190, extra: 1, mapping: { orientation: 'diagonal' } });
		expect(bad.success).toBe(false);
		const text = describeIssues(bad.error!);
		for (const field of ['sha256', 'year', 'mapping.orientation']) expect(text).toContain(`${field}:`);
		expect(text).toContain('extra');
		expect(commitRequestSchema.safeParse({ sha256, fileName: 'a.csv', replace: 'yes' }).success).toBe(false);
	});
});

describe('targetOptions', () => {
	const components = [
		{ id: 'total', name: 'Điểm PCI' },
		{ id: 'pci_s1', name: 'Gia nhập thị trường' }
	];

	it('offers each component’s score and rank, in the mapping’s vocabulary, then skip', () => {
		expect(targetOptions(components, true, 'vi')).toEqual([
			{ value: 'total', label: 'Điểm: Điểm PCI' },
			{ value: 'pci_s1', label: 'Điểm: Gia nhập thị trường' },
			{ value: 'rank', label: 'Thứ hạng: Điểm PCI' },
			{ value: 'rank:pci_s1', label: 'Thứ hạng: Gia nhập thị trường' },
			{ value: 'skip', label: 'Bỏ qua cột này' }
		]);
	});

	it('offers no rank for an index that publishes none (PAPI)', () => {
		expect(targetOptions(components, false, 'en').map((o) => o.value)).toEqual(['total', 'pci_s1', 'skip']);
	});
});
