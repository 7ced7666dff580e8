import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KON_TUM, syntheticDashboardDatabase } from '../../../../helpers/synthetic-dashboard.ts';
import { closeDatabase } from '../../../../../src/lib/server/db.ts';
import { loadCatalogue } from '../../../../../src/lib/server/reference.ts';
import { focusUnit } from '../../../../../src/lib/server/queries/units.ts';
import { indexView } from '../../../../../src/lib/server/views/index-page.ts';

beforeAll(() => syntheticDashboardDatabase('index-page'));
afterAll(closeDatabase);

const pciView = async (year: number | null, peers = '') => {
	const { indices } = await loadCatalogue();
	return indexView('en', indices.find((i) => i.id === 'PCI')!, await focusUnit(KON_TUM), year, peers);
};

describe('indexView', () => {
	it('opens on the unit’s latest ranked year and draws the plan to its horizon', async () => {
		const view = await pciView(null);
		expect(view.year).toBe(2024);
		expect(view.years).toEqual([2022, 2023, 2024]);
		expect(view.trajectory.points.map((p) => [p.year, p.rank, p.targetRank, p.status])).toEqual([
			[2022, 21, null, 'baseline'],
			[2023, 17, 16, 'missed'],
			[2024, 10, 16, 'met'],
			// 2025 among 34: t′ = 10 − 1 = 9 among 63 → floor(1 + 8·33/62) = 5, then one place a year to first.
			[2025, null, 5, 'pending'],
			[2026, null, 4, 'pending'],
			[2027, null, 3, 'pending'],
			[2028, null, 2, 'pending'],
			[2029, null, 1, 'pending'],
			[2030, null, 1, 'pending']
		]);
		expect(view.trajectory.source).toBe('Source: VCCI; import batch no. 1 (synthetic-dashboard-pci.csv)');
	});

	it('gives the national median and range only for years with a (nearly) whole table', async () => {
		// 2022: 80 … 18 with Kon Tum's 41 replaced by 60.5; the 32nd of 63 is 50. 2023 likewise.
		const { trend } = await pciView(null);
		expect(trend.points).toEqual([
			{ year: 2022, score: 60.5, median: 50, min: 18, max: 80, units: 63 },
			{ year: 2023, score: 64.5, median: 50, min: 18, max: 80, units: 63 },
			{ year: 2024, score: null, median: null, min: null, max: null, units: 2 }
		]);
		expect(trend.notes).toEqual(['A median or range is drawn only for a year in which at least 90 % of units have a score.']);
	});

	it('warns that a year with two scores is no table', async () => {
		const { distribution, ranking } = await pciView(2024);
		expect(distribution.dots.map((d) => d.code).sort()).toEqual(['01', '79']);
		expect(distribution.notes).toEqual([
			'Only 2 units have a score for 2024 in the database: too few to compute ranks from scores, a national median or a range (published ranks are still shown).'
		]);
		expect(ranking.rows.find((r) => r.code === KON_TUM)).toMatchObject({ rank: 10, score: null, computed: false });
	});

	it('highlights the unit and its region in the distribution, and ranks every unit', async () => {
		const { distribution, ranking } = await pciView(2023);
		expect(distribution.dots).toHaveLength(63);
		expect(distribution.dots.filter((d) => d.role !== 'other').map((d) => [d.code, d.role]).sort()).toEqual([
			['62', 'focus'], ['64', 'peer'], ['66', 'peer'], ['67', 'peer'], ['68', 'peer']
		]);
		expect(ranking.rows[0]).toMatchObject({ rank: 1, score: 80 });
		expect(ranking.rows.find((r) => r.code === KON_TUM)).toMatchObject({ rank: 17, n: 63, change: 4, computed: true, region: 'Central Highlands' });
	});

	it('puts the component furthest below the median first, and draws no median from five units', async () => {
		// Sub-index 1: k-th province 10 − k/10 (Kon Tum 5 instead of 6.1): the 32nd of 63 is 6.9;
		// 49 provinces score above 5 and one scores 5 too, so Kon Tum shares 50th.
		const { breakdown } = await pciView(2023);
		expect(breakdown.baselineYear).toBe(2022);
		expect(breakdown.rows.map((r) => [r.componentId, r.score, r.median, r.maxPoints, r.rank])).toEqual([
			['pci_s1', 5, 6.9, 10, 50],
			['pci_s3', 6, null, 10, null]
		]);
		expect(breakdown.notes).toHaveLength(1);
	});

	it('shows no change since the baseline for the baseline year itself', async () => {
		const { breakdown } = await pciView(2022);
		expect(breakdown.baselineYear).toBeNull();
	});

	it('compares with the region by default, or with the peers asked for', async () => {
		const region = (await pciView(2023)).peers;
		expect(region.group).toBe('Central Highlands');
		expect(region.series.map((s) => [s.name, s.role])).toEqual([
			['Đắk Lắk', 'peer'], ['Đắk Nông', 'peer'], ['Gia Lai', 'peer'], ['Kon Tum', 'focus'], ['Lâm Đồng', 'peer']
		]);
		const chosen = (await pciView(2023, 'Ha Noi, TP.HCM, Atlantis')).peers;
		expect(chosen.group).toBe('chosen set');
		expect(chosen.series.map((s) => s.name)).toEqual(['Kon Tum', 'Hà Nội', 'TP. Hồ Chí Minh']);
		expect(chosen.series[0].points).toEqual([
			{ year: 2022, rank: 21, n: 63 },
			{ year: 2023, rank: 17, n: 63 },
			{ year: 2024, rank: 10, n: 63 }
		]);
	});
});

describe('the rank map of an index page (issue 18)', () => {
	it('draws the 63 squares of the year, the unit outlined with its rank, its region as peers', async () => {
		const { map } = await pciView(2023);
		expect(map.colour).toBe('rank');
		expect(map.tiles).toHaveLength(63);
		expect(map.tiles!.find((d) => d.code === KON_TUM)).toMatchObject({ name: 'Kon Tum', rank: 17, n: 63, role: 'focus', status: null });
		expect(map.tiles!.filter((d) => d.role === 'peer').map((d) => d.code).sort()).toEqual(['64', '66', '67', '68']);
		expect(map.notes).toEqual([
			'The Hoàng Sa (Paracel) islands belong to Đà Nẵng city, the Trường Sa (Spratly) islands to Khánh Hòa province.',
			'Squares placed from the capitals’ coordinates (GeoNames, Wikipedia), not from administrative boundaries.'
		]);
	});

	it('keeps every square in a year with two scores: only the published rank is coloured, no rank is made up', async () => {
		const { map } = await pciView(2024);
		expect(map.tiles).toHaveLength(63);
		expect(map.tiles!.filter((d) => d.rank !== null).map((d) => [d.code, d.rank])).toEqual([['62', 10]]);
		expect(map.tiles!.filter((d) => d.score !== null).map((d) => d.code).sort()).toEqual(['01', '79']);
	});

	it('colours by each unit’s own target when asked: Kon Tum 2023 missed 16 with 17', async () => {
		const { indices } = await loadCatalogue();
		const view = await indexView('en', indices.find((i) => i.id === 'PCI')!, await focusUnit(KON_TUM), 2023, '', undefined, 'status');
		expect(view.map.colour).toBe('status');
		expect(view.map.tiles!.find((d) => d.code === KON_TUM)).toMatchObject({ rank: 17, status: 'missed', targetRank: 16 });
	});
});
