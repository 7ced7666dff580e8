import { describe, expect, it } from 'vitest';
import { mergeMappings, parseMapping } from '../../../../src/lib/domain/import-mapping.ts';

describe('parseMapping', () => {
	it('accepts the documented keys', () => {
		const text = '{"sheet":"Summary","orientation":"units_in_columns","headerRow":2,"unit":"Province","columns":{"Điểm":"total","Hạng":"rank"}}';
		expect(parseMapping(text)).toEqual({
			ok: true,
			mapping: { sheet: 'Summary', orientation: 'units_in_columns', headerRow: 2, unit: 'Province', columns: { Điểm: 'total', Hạng: 'rank' } }
		});
	});

	it('says what is wrong: bad JSON, an unknown key, a wrong type', () => {
		expect(parseMapping('{columns:')).toMatchObject({ ok: false, issues: [expect.stringContaining('JSON')] });
		expect(parseMapping('{"colums":{}}')).toMatchObject({ ok: false, issues: [expect.stringContaining('colums')] });
		expect(parseMapping('{"headerRow":0}')).toMatchObject({ ok: false, issues: [expect.stringMatching(/^headerRow: /)] });
	});
});

describe('mergeMappings', () => {
	it('lays a mapping file over a preset, column by column', () => {
		const preset = { sheet: 'Summary', unit: 'Province', columns: { A: 'pci_s1', B: 'skip' } };
		expect(mergeMappings(preset, { columns: { B: 'pci_s2' } })).toEqual({ sheet: 'Summary', unit: 'Province', columns: { A: 'pci_s1', B: 'pci_s2' } });
		expect(mergeMappings(undefined, preset)).toBe(preset);
		expect(mergeMappings(preset, undefined)).toBe(preset);
	});
});
