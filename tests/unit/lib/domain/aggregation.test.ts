/**
 * The aggregation rules of data/reference/aggregation.csv against the
 * publisher: every shipped unit-year whose components are all published is
 * recomputed and compared with the total the publisher printed (not with the
 * code's own output).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../src/lib/server/import/read-csv.ts';
import { aggregationFor, parseAggregationRules, projectTotal, ruleFor } from '../../../../src/lib/domain/aggregation.ts';
import type { ComponentDef } from '../../../../src/lib/domain/catalogue.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const csv = (file: string) => parseCsv(fs.readFileSync(path.join(ROOT, file), 'utf8')).rows.map((r) => r.cells);
const num = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : Number(v));

const rules = parseAggregationRules(csv('data/reference/aggregation.csv'));
const components: ComponentDef[] = csv('data/reference/components.csv').map((c) => ({
	indexId: c.index!, id: c.id!, sortOrder: Number(c.sort_order), nameVi: c.name_vi!, nameEn: c.name_en!, maxPoints: num(c.max_points),
	weightPct: num(c.weight_pct), yearFrom: num(c.year_from), yearTo: num(c.year_to), source: '', note: ''
}));

/** Published figures as text (to count their decimals), by index|year|unit and component ('' = total). */
const figures = new Map<string, Map<string, string>>();
for (const file of fs.readdirSync(path.join(ROOT, 'data/figures'))) {
	for (const row of csv(`data/figures/${file}`)) {
		if (!row.score?.trim()) continue;
		const key = `${row.index}|${row.year}|${row.unit}`;
		if (!figures.has(key)) figures.set(key, new Map());
		figures.get(key)!.set(row.component?.trim() || 'total', row.score.trim());
	}
}
const decimals = (text: string) => text.split('.')[1]?.length ?? 0;

interface Check { index: string; year: number; unit: string; published: number; projected: number; bound: number }
const checks: Check[] = [];
for (const [key, scores] of figures) {
	const [index, yearText, unit] = key.split('|');
	const year = Number(yearText);
	const total = scores.get('total');
	const aggregation = aggregationFor(rules, components, index, year);
	if (total === undefined || !aggregation.reproducible) continue;
	const texts = aggregation.parts.map((p) => scores.get(p.id));
	if (texts.some((t) => t === undefined)) continue;
	const projected = projectTotal(aggregation.parts, Object.fromEntries(aggregation.parts.map((p, i) => [p.id, Number(texts[i])])))!;
	// The most the publisher's rounding can account for: half a unit of the last printed decimal of each figure.
	const bound = aggregation.parts.reduce((s, p, i) => s + p.coefficient * 0.5 * 10 ** -decimals(texts[i]!), 0.5 * 10 ** -decimals(total));
	checks.push({ index, year, unit, published: Number(total), projected, bound });
}
const count = (index: string, year: number) => checks.filter((c) => c.index === index && c.year === year).length;

describe('aggregation rules reproduce the published totals', () => {
	it('covers every complete published table shipped: PCI 2015–2019 (63 a year), PAPI 2015–2019, PCI 2021 top 21, PAPI 2020 and PAR INDEX 2023 rows', () => {
		for (const year of [2015, 2016, 2017, 2018, 2019]) expect(count('PCI', year)).toBe(63);
		expect([2015, 2016, 2017, 2018, 2019].map((y) => count('PAPI', y))).toEqual([63, 63, 63, 61, 63]);
		expect(count('PCI', 2021)).toBe(21);
		expect(count('PAPI', 2020)).toBe(1);
		expect(count('PAR_INDEX', 2023)).toBe(1);
	});

	it('PCI 2015–2019 and PAPI 2015–2019 full tables (4 decimals) are reproduced within 0.001', () => {
		const full = checks.filter((c) => c.year >= 2015 && c.year <= 2019);
		expect(full.length).toBe(63 * 5 + 313);
		for (const c of full) expect(Math.abs(c.projected - c.published), `${c.index} ${c.year} ${c.unit}`).toBeLessThan(0.001);
	});

	it('rows published with fewer decimals are reproduced within their rounding (PCI 2021 web table: sub-indices to 2 decimals)', () => {
		for (const c of checks) expect(Math.abs(c.projected - c.published), `${c.index} ${c.year} ${c.unit}`).toBeLessThanOrEqual(c.bound + 1e-9);
		// 10 sub-indices to 2 decimals and a total to 2 decimals: 10 × 0.005 + 0.005.
		expect(checks.find((c) => c.index === 'PCI' && c.year === 2021)!.bound).toBeCloseTo(0.055, 9);
	});

	it('a PCI total worked by hand: Kon Tum 2019 from its ten published sub-indices', () => {
		const kt = figures.get('PCI|2019|Kon Tum')!;
		const aggregation = aggregationFor(rules, components, 'PCI', 2019);
		if (!aggregation.reproducible) throw new Error('PCI 2019 must be reproducible');
		expect(aggregation.parts.map((p) => p.coefficient)).toEqual([0.5, 0.5, 2, 0.5, 1, 0.5, 0.5, 2, 2, 0.5]);
		const s = (id: string) => Number(kt.get(id));
		const byHand =
			0.5 * (s('pci_s1') + s('pci_s2') + s('pci_s4') + s('pci_s6') + s('pci_s7') + s('pci_s10')) + s('pci_s5') + 2 * (s('pci_s3') + s('pci_s8') + s('pci_s9'));
		expect(projectTotal(aggregation.parts, Object.fromEntries([...kt].map(([id, v]) => [id, Number(v)])))).toBeCloseTo(byHand, 12);
		expect(Math.abs(byHand - Number(kt.get('total')))).toBeLessThan(0.001);
	});

	it('PAR INDEX 2023 is the appraisal plus the impact points: 54.95 + 31.19 = 86.14', () => {
		const aggregation = aggregationFor(rules, components, 'PAR_INDEX', 2023);
		if (!aggregation.reproducible) throw new Error('PAR INDEX 2023 must be reproducible');
		expect(aggregation.parts.map((p) => [p.id, p.max])).toEqual([['par_appraisal', 61.5], ['par_impact', 38.5]]);
		expect(projectTotal(aggregation.parts, { par_appraisal: 54.95, par_impact: 31.19 })).toBeCloseTo(86.14, 9);
	});

	it('years without a checked rule are not reproducible: PCI before 2015 and from 2022, PAR INDEX outside 2023', () => {
		for (const [index, year] of [['PCI', 2014], ['PCI', 2022], ['PCI', 2024], ['PAR_INDEX', 2022], ['PAR_INDEX', 2024]] as const) {
			expect(aggregationFor(rules, components, index, year).reproducible, `${index} ${year}`).toBe(false);
		}
		expect(ruleFor(rules, 'PCI', 2024)?.kind).toBe('not_reproducible');
		expect(ruleFor(rules, 'PAR_INDEX', 2022)).toBeNull();
	});

	it('PAPI sums the dimensions of the year: 6 before 2018, 8 from 2018', () => {
		const parts = (year: number) => (aggregationFor(rules, components, 'PAPI', year) as { parts: { id: string }[] }).parts.map((p) => p.id);
		expect(parts(2017)).toHaveLength(6);
		expect(parts(2018)).toEqual(['papi_d1', 'papi_d2', 'papi_d3', 'papi_d4', 'papi_d5', 'papi_d6', 'papi_d7', 'papi_d8']);
	});

	it('a bad cell is named by file, row, column, value and what was expected', () => {
		const row = { index: 'PCI', year_from: '2015', year_to: '2021', rule: 'weighted_mean', scale: '10', components: '', checked_vi: '', checked_en: '', source: 'x', note: '' };
		expect(() => parseAggregationRules([row])).toThrow(
			'data/reference/aggregation.csv, row 2, column rule: value "weighted_mean", expected one of weighted_sum, sum, not_reproducible'
		);
		expect(() => parseAggregationRules([{ ...row, rule: 'sum', year_to: '2014' }])).toThrow('column year_to: value "2014"');
	});
});
