import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KON_TUM, syntheticDashboardDatabase } from '../../../../helpers/synthetic-dashboard.ts';
import { closeDatabase } from '../../../../../src/lib/server/db.ts';
import { focusUnit } from '../../../../../src/lib/server/queries/units.ts';
import { overview } from '../../../../../src/lib/server/views/overview.ts';

beforeAll(() => syntheticDashboardDatabase('overview'));
afterAll(closeDatabase);

describe('overview', () => {
	// Kon Tum PCI: 21st in 2022 (baseline), 17th in 2023, published 10th in 2024.
	// Targets: 2023 = 21 − 5 = 16 (17th: missed); 2024 = 17 − 1 = 16 (10th: met); 2025: t′ = 10 − 1 = 9 among 63
	// → among 34 floor(1 + 8·33/62) = floor(5.26) = 5; then 4, 3, 2, 1 and first place again in 2030.
	it('puts the latest rank, its changes, the verdict and the next target on the PCI card', async () => {
		const view = await overview('vi', await focusUnit(KON_TUM), null);
		const pci = view.cards.find((c) => c.id === 'PCI')!;
		expect(pci.latest).toMatchObject({ year: 2024, rank: 10, n: 63, rankSource: 'published' });
		expect(pci.changePrevious).toEqual({ year: 2023, change: 7, across: null });
		expect(pci.changeBaseline).toEqual({ year: 2022, change: 11, across: null });
		expect(pci.judged).toMatchObject({ year: 2024, targetRank: 16, status: 'met', gap: -6 });
		expect(pci.next).toMatchObject({ year: 2025, targetRank: 5, targetN: 34, status: 'pending', comparable: false, reason: 'lineage_changed' });
		// 2024 has no score, so "what it takes" is about 2023: the 16th best other score is 65, Kon Tum had 64.5.
		expect(pci.needed).toEqual({ year: 2023, targetRank: 16, points: 0.5, atLeast: false });
		expect(pci.plan).toBe('tăng 5 bậc so với 2022, sau đó mỗi năm cao hơn năm trước, đến 2030');
		expect(pci.missingYears).toEqual([]);
	});

	it('shows the view as of a chosen year', async () => {
		const view = await overview('vi', await focusUnit(KON_TUM), 2023);
		const pci = view.cards.find((c) => c.id === 'PCI')!;
		expect(pci.latest).toMatchObject({ year: 2023, rank: 17 });
		expect(pci.judged).toMatchObject({ year: 2023, targetRank: 16, status: 'missed', gap: 1 });
		expect(pci.next).toMatchObject({ year: 2024, targetRank: 16 });
	});

	it('keeps a card for each of the directive’s indices, even without figures', async () => {
		const view = await overview('en', await focusUnit(KON_TUM), null);
		expect(view.cards.map((c) => c.id)).toEqual(['PAR_INDEX', 'PAPI', 'PCI']);
		const par = view.cards[0];
		expect(par).toMatchObject({ short: 'PAR INDEX', latest: null, judged: null, missingYears: [] });
		expect(par.next).toMatchObject({ year: 2023, status: 'no_baseline' });
	});

	it('builds the target table from the baseline to the horizon', async () => {
		const { targetTable } = await overview('vi', await focusUnit(KON_TUM), null);
		expect(targetTable.indices.map((i) => i.id)).toEqual(['PAR_INDEX', 'PAPI', 'PCI']);
		expect(targetTable.rows.map((r) => r.year)).toEqual([2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
		const pci = (year: number) => targetTable.rows.find((r) => r.year === year)!.cells[2];
		expect(pci(2023)).toEqual({
			rank: 17, n: 63, bound: null, target: '16/63', targetRank: 16, targetN: 63, across: null, status: 'missed', comparable: true, reason: null
		});
		expect(pci(2025)).toMatchObject({ rank: null, targetRank: 5, targetN: 34, status: 'pending', comparable: false });
		expect(pci(2030)).toMatchObject({ rank: null, targetRank: 1, targetN: 34, status: 'pending', comparable: false });
	});

	it('says when the unit was merged away, into what, and how many units the ranking has from then', async () => {
		expect((await overview('vi', await focusUnit(KON_TUM), null)).merger).toEqual({ date: '1/7/2025', successor: 'Quảng Ngãi', year: 2025, n: 34 });
		expect((await overview('en', await focusUnit('Hà Nội'), null)).merger).toBeNull();
	});

	it('lists what a 2025 unit was made of: the namesake (its baseline) first, each with its last rank among 63', async () => {
		const view = await overview('vi', await focusUnit('2025-quang-ngai'), null);
		expect(view.predecessors.map((p) => [p.code, p.namesake, p.seat])).toEqual([
			['51', true, true],
			['62', false, false]
		]);
		// Kon Tum's last PCI rank is its published 10th of 63 in 2024; the cards run PAR INDEX, PAPI, PCI.
		const pci = view.cards.findIndex((c) => c.id === 'PCI');
		expect(view.predecessors[1].ranks[pci]).toEqual({ year: 2024, rank: 10, n: 63 });
		expect((await overview('vi', await focusUnit(KON_TUM), null)).predecessors).toEqual([]);
	});
});

describe('the overview’s maps (issue 18)', () => {
	it('maps each index the unit has a rank in, in the year of its card, the unit outlined', async () => {
		const view = await overview('en', await focusUnit(KON_TUM), 2023);
		expect(view.maps.map((m) => [m.id, m.map.year, m.map.tiles.length])).toEqual([['PCI', 2023, 63]]);
		expect(view.maps[0].map.tiles.find((d) => d.role === 'focus')).toMatchObject({ code: KON_TUM, rank: 17, n: 63 });
		expect(view.maps[0].map.source).toBe('Source: VCCI; import batch no. 1 (synthetic-dashboard-pci.csv)');
	});
});
