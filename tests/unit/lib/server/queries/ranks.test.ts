import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase, writeTempFile } from '../../../../helpers/temp-db.ts';
import { closeDatabase, query } from '../../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../../src/lib/server/setup.ts';
import { importFile } from '../../../../../src/lib/server/import/pipeline.ts';
import { componentChanges, rankingSlice, rankingTable, scoreAtRank, scoreBins, scoreSummary, unitSeries } from '../../../../../src/lib/server/queries/ranks.ts';

const HEADER = 'index,year,unit,component,score,rank,rank_of,value_type,source,note';
let codes: string[] = [];

/** Imports synthetic rows (one CSV line each, without the header). */
async function load(name: string, lines: string[]) {
	await importFile({ file: writeTempFile(name, [HEADER, ...lines].join('\n')), importedBy: 'test' });
}

beforeAll(async () => {
	useTempDatabase('ranks');
	await ensureDatabase({ empty: true });
	codes = (await query<{ code: string }>("SELECT code FROM units WHERE valid_from IS NULL ORDER BY code")).map((u) => u.code);
	expect(codes).toHaveLength(63);
	// PAPI 2016 (no published ranks): unit k scores 50 − k/2, except units 1 and 2 tie at 49.5.
	// Hand-worked ranks: unit 0 → 1, units 1 and 2 → 2 (tie), unit 3 → 4, unit 62 → 63.
	await load(
		'synthetic-papi-2016.csv',
		codes.map((c, k) => `PAPI,2016,${c},,${k === 2 ? 49.5 : 50 - k / 2},,,,,`)
	);
	// PAPI 2017: every unit's score reversed (unit k scores 10 + k/2): unit 0 is now last.
	await load('synthetic-papi-2017.csv', codes.map((c, k) => `PAPI,2017,${c},,${10 + k / 2},,,,,`));
	// Component papi_d1 in 2017: unit k scores 1 + k/10 (so unit 62 is first).
	await load('synthetic-papi-2017-d1.csv', codes.map((c, k) => `PAPI,2017,${c},papi_d1,${1 + k / 10},,,,,`));
	// PCI 2019 with published ranks for all, but unit 5's published rank (3) differs from its score order (6).
	await load(
		'synthetic-pci-2019.csv',
		codes.map((c, k) => `PCI,2019,${c},,${70 - k / 4},${k === 5 ? 3 : k + 1},63,,,`)
	);
	// PCI 2024 and 2025 (Hà Nội, which the 2025 merger left as it was): 45th of 63, then 24th and 30th of 34.
	await load('synthetic-pci-2024-2025.csv', ['PCI,2024,01,,,45,63,,,', 'PCI,2025,01,,,24,34,,,', 'PAR_INDEX,2024,01,,,45,63,,,', 'PAR_INDEX,2025,01,,,30,34,,,']);
	// PCI 2020: only 10 provinces have a score (a news article): too few to rank.
	await load('synthetic-pci-2020.csv', codes.slice(0, 10).map((c, k) => `PCI,2020,${c},,${60 - k},,,,,`));
});
afterAll(closeDatabase);

describe('RANKED_OBSERVATIONS', () => {
	it('computes standard competition ranks from scores, ties sharing the best rank (1, 2, 2, 4)', async () => {
		const table = await rankingTable('PAPI', 2016);
		const rankOf = (k: number) => table.find((r) => r.unitCode === codes[k])!;
		expect([0, 1, 2, 3, 62].map((k) => rankOf(k).rank)).toEqual([1, 2, 2, 4, 63]);
		expect(rankOf(3)).toMatchObject({ n: 63, rankSource: 'computed', percentile: 0.0484 });
	});

	it('keeps a published rank, flagging where it disagrees with the scores', async () => {
		const table = await rankingTable('PCI', 2019);
		const unit5 = table.find((r) => r.unitCode === codes[5])!;
		expect(unit5).toMatchObject({ rank: 3, rankSource: 'published', rankDiffers: true });
		const unit4 = table.find((r) => r.unitCode === codes[4])!;
		expect(unit4).toMatchObject({ rank: 5, rankSource: 'published', rankDiffers: false });
	});

	it('does not rank a handful of scores quoted in the press', async () => {
		const table = await rankingTable('PCI', 2020);
		expect(table).toHaveLength(10);
		expect(table.every((r) => r.rank === null && r.n === null && r.rankSource === null)).toBe(true);
	});

	it('rank change is previous year’s rank − this year’s: unit 0 fell from 1st to 63rd (−62)', async () => {
		const table = await rankingTable('PAPI', 2017);
		const unit0 = table.find((r) => r.unitCode === codes[0])!;
		expect(unit0).toMatchObject({ rank: 63, previousRank: 1, rankChange: -62 });
		const unit62 = table.find((r) => r.unitCode === codes[62])!;
		expect(unit62).toMatchObject({ rank: 1, previousRank: 63, rankChange: 62 });
	});

	it('a change across a different N is measured against the equivalent rank, never raw places (issue 12)', async () => {
		const [pci] = (await unitSeries('01', 'PCI')).filter((f) => f.year === 2025);
		// 45/63 ≈ floor(1 + 44·33/62) = floor(24.42) = 24/34: 24th of 34 is no change, not a climb of 21 places.
		expect(pci).toMatchObject({ rank: 24, n: 34, previousRank: 45, previousN: 63, previousEquivalent: 24, rankChange: 0 });
		const [par] = (await unitSeries('01', 'PAR_INDEX')).filter((f) => f.year === 2025);
		expect(par).toMatchObject({ rank: 30, previousEquivalent: 24, rankChange: -6 });
		const [same] = (await unitSeries('01', 'PCI')).filter((f) => f.year === 2024);
		expect(same).toMatchObject({ previousEquivalent: null });
	});

	it('ranks components the same way as totals', async () => {
		const series = await unitSeries(codes[62], 'PAPI');
		const d1 = series.find((f) => f.componentId === 'papi_d1' && f.year === 2017)!;
		expect(d1).toMatchObject({ rank: 1, n: 63, rankSource: 'computed', score: 7.2 });
	});
});

describe('componentChanges and scoreSummary', () => {
	it('gives each component’s score against the national median, with its rank', async () => {
		const [d1] = await componentChanges(codes[0], 'PAPI', 2017, 2016);
		// Median of 1 + k/10 for k = 0..62 is 1 + 31/10 = 4.1; unit 0 scores 1 and ranks last.
		expect(d1).toMatchObject({ componentId: 'papi_d1', score: 1, median: 4.1, rank: 63, n: 63, changePrevious: null });
	});

	it('summarises each year’s median, minimum and maximum', async () => {
		const summary = await scoreSummary('PAPI');
		// 2017: scores 10 + k/2 for k = 0..62 → min 10, max 41, median 10 + 31/2 = 25.5.
		expect(summary.find((s) => s.year === 2017)).toEqual({ year: 2017, median: 25.5, min: 10, max: 41, units: 63, covered: true });
	});
});

describe('bounded reads for long tables', () => {
	it('gives the page of the ranking that holds the focus unit, with positions', async () => {
		// PAPI 2017: unit k scores 10 + k/2, so unit k is at position 63 − k; unit 40 is 23rd, on page 3 of 10 a page.
		const slice = await rankingSlice('PAPI', 2017, { focus: codes[40], pageSize: 10 });
		expect(slice).toMatchObject({ total: 63, offset: 20, pageSize: 10, focusPosition: 23 });
		expect(slice.rows.map((r) => r.position)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
		expect(slice.rows[2]).toMatchObject({ unitCode: codes[40], rank: 23, previousRank: 41, rankChange: 18 });
		expect((await rankingSlice('PAPI', 2017, { focus: codes[40], page: 7, pageSize: 10 })).rows.map((r) => r.position)).toEqual([61, 62, 63]);
	});

	it('searches names without accents on the server', async () => {
		const slice = await rankingSlice('PAPI', 2017, { search: 'dak', pageSize: 10 });
		expect(slice.rows.map((r) => r.unitName).sort()).toEqual(['Đắk Lắk', 'Đắk Nông']);
		expect(slice.total).toBe(2);
		expect(await rankingSlice('PAPI', 2017, { search: 'zzz', pageSize: 10 })).toMatchObject({ rows: [], total: 0 });
	});

	it('bins every score for a histogram', async () => {
		const bins = await scoreBins('PAPI', 2017, 4);
		// Scores 10 … 41 in steps of 0.5: 4 bins of width 7.75 hold 16, 15 + 1, 16, 15 figures.
		expect(bins.map((b) => b.units).reduce((a, b) => a + b)).toBe(63);
		expect(bins[0]).toMatchObject({ from: 10, to: 17.75 });
		expect(bins[3].to).toBe(41);
	});

	it('finds the score another unit needed for a rank, only in a covered table', async () => {
		// PAPI 2017 without unit 0: the 3rd best of the others is unit 60's 40.
		expect(await scoreAtRank('PAPI', 2017, codes[0], 3)).toBe(40);
		expect(await scoreAtRank('PCI', 2020, codes[0], 3)).toBeNull();
	});
});
