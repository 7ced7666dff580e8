/**
 * The what-if rules with figures worked by hand from the published PCI and
 * PAPI 2019 tables (data/figures/full-tables-2015-2019.csv and
 * components.csv), and the cheapest path against brute force.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../src/lib/server/import/read-csv.ts';
import type { AggregationPart } from '../../../../src/lib/domain/aggregation.ts';
import {
	applyChanges, atLeast, averageYearlyChange, changesFromInputs, cheapestPath, evaluateScenario, median, parseChange, projectedRank, scenarioTotal, totalForRank,
	unitsPassed, type OtherUnit
} from '../../../../src/lib/domain/what-if.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const table = parseCsv(fs.readFileSync(path.join(ROOT, 'data/figures/full-tables-2015-2019.csv'), 'utf8')).rows.map((r) => r.cells);
const othersOf = (index: string, year: string, unit: string): OtherUnit[] =>
	table.filter((r) => r.index === index && r.year === year && r.unit !== unit && r.score).map((r) => ({ code: r.unit!, name: r.unit!, total: Number(r.score) }));

// PCI 2019: coefficient = 10 × weight% (data/reference/components.csv).
const PCI_WEIGHTS = [5, 5, 20, 5, 10, 5, 5, 20, 20, 5];
const pciParts: AggregationPart[] = PCI_WEIGHTS.map((w, i) => ({ id: `pci_s${i + 1}`, coefficient: w / 10, min: 0, max: 10 }));
// Kon Tum's published PCI 2019 sub-indices and total (rank 56/63).
const konTumPci: Record<string, number> = {
	pci_s1: 7.6426, pci_s2: 7.4761, pci_s3: 6.4543, pci_s4: 6.3808, pci_s5: 5.9532,
	pci_s6: 6.8528, pci_s7: 5.785, pci_s8: 5.7432, pci_s9: 6.605, pci_s10: 5.8164
};
const KON_TUM_PCI_2019 = 63.5351;
const pciOthers = othersOf('PCI', '2019', 'Kon Tum');

describe('projected total and rank', () => {
	it('holding the published figures, Kon Tum PCI 2019 keeps its total and its published rank 56/63', () => {
		expect(pciOthers).toHaveLength(62);
		expect(scenarioTotal(pciParts, KON_TUM_PCI_2019, konTumPci, konTumPci)).toBe(KON_TUM_PCI_2019);
		expect(projectedRank(KON_TUM_PCI_2019, pciOthers.map((o) => o.total))).toBe(56);
	});

	it('Transparency +0.1 (weight 20%: +0.2) and Informal Charges +0.1 (10%: +0.1) give 63.8351, rank 50, passing 6 provinces', () => {
		const scenario = { ...konTumPci, pci_s3: 6.5543, pci_s5: 6.0532 };
		const total = scenarioTotal(pciParts, KON_TUM_PCI_2019, konTumPci, scenario);
		expect(total).toBeCloseTo(63.8351, 9);
		// Quảng Trị 63.8356 (49th) stays above; Lạng Sơn 63.7894 (50th) … Hưng Yên 63.6036 (55th) are passed.
		expect(projectedRank(total, pciOthers.map((o) => o.total))).toBe(50);
		expect(unitsPassed(pciOthers, KON_TUM_PCI_2019, total).map((o) => o.name)).toEqual([
			'Lạng Sơn', 'Bạc Liêu', 'Quảng Bình', 'Sóc Trăng', 'Cao Bằng', 'Hưng Yên'
		]);
	});

	it('a tie at the boundary shares the best rank: Informal Charges +0.1533 lands on Cao Bằng’s 63.6884, both 54th', () => {
		const total = scenarioTotal(pciParts, KON_TUM_PCI_2019, konTumPci, { ...konTumPci, pci_s5: 5.9532 + 0.1533 });
		expect(projectedRank(total, pciOthers.map((o) => o.total))).toBe(54);
		expect(projectedRank(63.6883, pciOthers.map((o) => o.total))).toBe(55);
	});

	it('standard competition ranking on a small case: others 9, 8, 8, 7 put 8 at rank 2 and 7.5 at rank 4', () => {
		expect(projectedRank(8, [9, 8, 8, 7])).toBe(2);
		expect(projectedRank(7.5, [9, 8, 8, 7])).toBe(4);
		expect(projectedRank(10, [9, 8, 8, 7])).toBe(1);
	});

	it('the total for a rank is the rank-th highest of the others (a tie with it is enough); none needed with fewer others', () => {
		expect(totalForRank([9, 8, 8, 7], 1)).toBe(9);
		expect(totalForRank([9, 8, 8, 7], 3)).toBe(8);
		expect(totalForRank([9, 8, 8, 7], 5)).toBeNull();
		expect(() => totalForRank([9], 0)).toThrow(RangeError);
	});
});

describe('cheapest path', () => {
	it('PCI: the heaviest component’s headroom runs out and the next takes over (Kon Tum 2019 to first place, 73.3965)', () => {
		const needed = totalForRank(pciOthers.map((o) => o.total), 1)!;
		expect(needed).toBe(73.3965);
		const result = cheapestPath(pciParts, konTumPci, needed - KON_TUM_PCI_2019);
		// 9.8614 to gain. Transparency (×2, first of the 20% sub-indices) to its cap 10: +3.5457 buys 7.0914;
		// the 2.77 left comes from Business Support (×2): +1.385, to 7.1282. Points: 3.5457 + 1.385 = 4.9307.
		expect(result.reachable).toBe(true);
		expect(result.path.map((s) => s.component)).toEqual(['pci_s3', 'pci_s8']);
		expect(result.path[0]).toEqual({ component: 'pci_s3', from: 6.4543, to: 10 });
		expect(result.path[1].to).toBeCloseTo(7.1282, 9);
		expect(result.points).toBeCloseTo(4.9307, 9);
		const after = { ...konTumPci, pci_s3: 10, pci_s8: result.path[1].to };
		expect(projectedRank(scenarioTotal(pciParts, KON_TUM_PCI_2019, konTumPci, after), pciOthers.map((o) => o.total))).toBe(1);
	});

	it('PAPI (plain sum): Kon Tum 2019, 53rd by score, to 48th needs Vĩnh Long’s 42.225: 0.3693 points, passing 5 provinces', () => {
		const papiOthers = othersOf('PAPI', '2019', 'Kon Tum');
		expect(projectedRank(41.8557, papiOthers.map((o) => o.total))).toBe(53);
		const parts: AggregationPart[] = [1, 2, 3, 4, 5, 6, 7, 8].map((d) => ({ id: `papi_d${d}`, coefficient: 1, min: 0, max: 10 }));
		const scores = { papi_d1: 4.7366, papi_d2: 4.7572, papi_d3: 5.0646, papi_d4: 6.0295, papi_d5: 7.1326, papi_d6: 6.9951, papi_d7: 3.2274, papi_d8: 3.9127 };
		const needed = totalForRank(papiOthers.map((o) => o.total), 48)!;
		expect(needed).toBe(42.225);
		const result = cheapestPath(parts, scores, needed - 41.8557);
		expect(result.points).toBeCloseTo(0.3693, 9);
		expect(result.path).toHaveLength(1);
		expect(result.path[0].to).toBeCloseTo(5.1059, 9);
		expect(unitsPassed(papiOthers, 41.8557, needed).map((o) => o.name)).toEqual(['Vĩnh Long', 'Khánh Hòa', 'Bắc Ninh', 'Lai Châu', 'Lâm Đồng']);
	});

	it('a unit already at its target needs nothing: gain 0, empty path', () => {
		expect(cheapestPath(pciParts, konTumPci, 0)).toEqual({ reachable: true, path: [], points: 0, gain: 0 });
		expect(cheapestPath(pciParts, konTumPci, -1.5)).toEqual({ reachable: true, path: [], points: 0, gain: 0 });
	});

	it('a target beyond reach even with every component at its maximum says so and gives no path', () => {
		// Every PCI sub-index at 10 gives 100: Kon Tum can add at most 100 − 63.5351 = 36.4649 (from its sub-indices).
		const result = cheapestPath(pciParts, konTumPci, 40);
		expect(result).toEqual({ reachable: false, path: [], points: 0, gain: 0 });
		const parts: AggregationPart[] = [{ id: 'a', coefficient: 2, min: 0, max: 10 }, { id: 'b', coefficient: 1, min: 0, max: 10 }];
		expect(cheapestPath(parts, { a: 9, b: 9 }, 3).reachable).toBe(true);
		expect(cheapestPath(parts, { a: 9, b: 9 }, 3.01).reachable).toBe(false);
	});

	it('agrees with brute force (every vertex of the programme: each component at 0, at its cap, or the one that fills the rest) on 300 random cases', () => {
		let seed = 15;
		const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		for (let run = 0; run < 300; run++) {
			const k = 1 + Math.floor(random() * 4);
			const parts: AggregationPart[] = Array.from({ length: k }, (_, i) => ({
				id: `c${i}`, coefficient: [0.5, 1, 2, 1][Math.floor(random() * 4)], min: 0, max: 10
			}));
			const scores = Object.fromEntries(parts.map((p) => [p.id, Math.round(random() * 1000) / 100]));
			const caps = parts.map((p) => p.max! - scores[p.id]);
			const gain = Math.round(random() * 2000) / 100;
			let best = Infinity;
			for (let mask = 0; mask < 3 ** k; mask++) {
				const choice = parts.map((_, i) => Math.floor(mask / 3 ** i) % 3); // 0: none, 1: cap, 2: fills the rest
				if (choice.filter((c) => c === 2).length > 1) continue;
				let got = 0;
				let points = 0;
				choice.forEach((c, i) => { if (c === 1) { got += parts[i].coefficient * caps[i]; points += caps[i]; } });
				const free = choice.indexOf(2);
				if (free >= 0) {
					const delta = Math.max(0, (gain - got) / parts[free].coefficient);
					if (delta > caps[free] + 1e-9) continue;
					got += parts[free].coefficient * delta;
					points += delta;
				}
				if (got + 1e-9 >= gain) best = Math.min(best, points);
			}
			const result = cheapestPath(parts, scores, gain);
			expect(result.reachable, `case ${run}`).toBe(best !== Infinity);
			if (result.reachable) {
				expect(result.points, `case ${run}`).toBeCloseTo(best, 9);
				const reached = result.path.reduce((s, step) => s + parts.find((p) => p.id === step.component)!.coefficient * (step.to - step.from), 0);
				expect(reached + 1e-9, `case ${run}`).toBeGreaterThanOrEqual(gain);
				for (const step of result.path) expect(step.to).toBeLessThanOrEqual(10);
			}
		}
	});
});

describe('reference scenarios and context', () => {
	it('the median of an odd and of an even count', () => {
		expect(median([3, 1, 2])).toBe(2);
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(median([])).toBeNull();
	});

	it('“at least” raises a component to a level and never lowers one', () => {
		expect(atLeast({ a: 5, b: 7, c: 1 }, { a: 6, b: 6, c: null })).toEqual({ a: 6, b: 7, c: 1 });
	});

	it('average yearly change: first and last shipped year of the five up to the year asked (made-up series)', () => {
		const series = [{ year: 2014, score: 10 }, { year: 2015, score: 56 }, { year: 2017, score: 60 }, { year: 2019, score: 62 }];
		// 2014 is more than five years back from 2019; (62 − 56) / (2019 − 2015) = 1.5 a year.
		expect(averageYearlyChange(series, 2019)).toBe(1.5);
		// Up to 2017 the window reaches 2014: (60 − 10) / 3.
		expect(averageYearlyChange(series, 2017)).toBeCloseTo(50 / 3, 12);
		expect(averageYearlyChange([{ year: 2019, score: 1 }], 2019)).toBeNull();
	});
});

describe('changes and the whole scenario', () => {
	it('reads ID=VALUE, ID=+DELTA and ID=-DELTA (a decimal comma too); anything else is null', () => {
		expect(parseChange('pci_s3=7.2')).toEqual({ component: 'pci_s3', value: 7.2, relative: false });
		expect(parseChange('pci_s3=+0,5')).toEqual({ component: 'pci_s3', value: 0.5, relative: true });
		expect(parseChange('papi_d1=-1')).toEqual({ component: 'papi_d1', value: -1, relative: true });
		expect(parseChange('pci_s3')).toBeNull();
		expect(parseChange('pci_s3=abc')).toBeNull();
		expect(parseChange('pci_s3=1e2')).toBeNull();
		expect(parseChange('pci_s3=1.234,5')).toBeNull();
		expect(parseChange('pci_s3=')).toBeNull();
	});

	it('reads the inputs’ text with a comma or a point; an empty one changes nothing, any other text is named and changes nothing', () => {
		const { changes, problems } = changesFromInputs([
			['pci_s1', '72,5'],
			['pci_s2', ' 6.25 '],
			['pci_s3', ''],
			['pci_s4', '7,2,1'],
			['pci_s5', '1.234,5'],
			['pci_s6', '1e2'],
			['pci_s7', '0x10'],
			['pci_s8', '6.5.43'],
			['pci_s9', '1,234']
		]);
		expect(changes).toEqual([
			{ component: 'pci_s1', value: 72.5, relative: false },
			{ component: 'pci_s2', value: 6.25, relative: false },
			// One comma is the decimal mark, as the import reads it: no score has thousands.
			{ component: 'pci_s9', value: 1.234, relative: false }
		]);
		expect(problems).toEqual([
			{ kind: 'not_a_decimal', component: 'pci_s4', text: '7,2,1' },
			{ kind: 'not_a_decimal', component: 'pci_s5', text: '1.234,5' },
			{ kind: 'not_a_decimal', component: 'pci_s6', text: '1e2' },
			{ kind: 'not_a_decimal', component: 'pci_s7', text: '0x10' },
			{ kind: 'not_a_decimal', component: 'pci_s8', text: '6.5.43' }
		]);
	});

	it('applies changes inside the bounds and names the others, keeping the actual score', () => {
		const { scenario, problems } = applyChanges(pciParts, konTumPci, [
			{ component: 'pci_s3', value: 0.5, relative: true },
			{ component: 'pci_s5', value: 10.5, relative: false },
			{ component: 'pci_s11', value: 1, relative: false }
		]);
		expect(scenario.pci_s3).toBeCloseTo(6.9543, 12);
		expect(scenario.pci_s5).toBe(5.9532);
		expect(problems).toEqual([
			{ kind: 'out_of_bounds', component: 'pci_s5', value: 10.5, min: 0, max: 10 },
			{ kind: 'unknown_component', component: 'pci_s11', known: pciParts.map((p) => p.id) }
		]);
	});

	it('evaluates a scenario against a target: Kon Tum PCI 2019, Transparency +0.1, target 50 → 63.7351, 52nd, missed, 0.0543 more', () => {
		const result = evaluateScenario({
			parts: pciParts, actualTotal: KON_TUM_PCI_2019, actualRank: 56, actual: konTumPci, scenario: { ...konTumPci, pci_s3: 6.5543 },
			others: pciOthers, targetRank: 50
		});
		expect(result.total).toBeCloseTo(63.7351, 9);
		// 63.7351: above it the 49 down to Quảng Trị, Lạng Sơn 63.7894 and Bạc Liêu 63.7752: 52nd, up 4.
		expect(result.rank).toBe(52);
		expect(result.rankChange).toBe(4);
		expect(result.met).toBe(false);
		expect(result.target!.totalNeeded).toBe(63.7894);
		expect(result.target!.gainNeeded).toBeCloseTo(0.0543, 9);
		// 0.0543 / 2 on Transparency: 6.5543 → 6.58145.
		expect(result.target!.path).toHaveLength(1);
		expect(result.target!.path[0].to).toBeCloseTo(6.58145, 9);
		expect(result.target!.passes.map((o) => o.name)).toEqual(['Lạng Sơn', 'Bạc Liêu']);
	});

	it('without the others’ totals (a partly published table) there is no rank and no target answer', () => {
		const result = evaluateScenario({ parts: pciParts, actualTotal: KON_TUM_PCI_2019, actualRank: 56, actual: konTumPci, scenario: konTumPci, others: null, targetRank: 50 });
		expect(result).toEqual({ total: KON_TUM_PCI_2019, rank: null, rankChange: null, met: null, target: null });
	});
});
