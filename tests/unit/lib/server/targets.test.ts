import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase, writeTempFile } from '../../../helpers/temp-db.ts';
import { closeDatabase, query } from '../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../src/lib/server/setup.ts';
import { importFile } from '../../../../src/lib/server/import/pipeline.ts';
import { activeTargetsJson, targetsFor } from '../../../../src/lib/server/targets.ts';

const HEADER = 'index,year,unit,component,score,rank,rank_of,value_type,source,note';
const KON_TUM = '62';

beforeAll(async () => {
	useTempDatabase('targets');
	await ensureDatabase({ empty: true });
	const codes = (await query<{ code: string }>('SELECT code FROM units WHERE valid_from IS NULL ORDER BY code')).map((u) => u.code);
	// Synthetic PCI tables without published ranks: unit k scores 80 − k, Kon Tum gets its own score.
	const table = (year: number, konTum: number) =>
		codes.map((c, k) => `PCI,${year},${c},,${c === KON_TUM ? konTum : 80 - k},,,,,`);
	const lines = [
		...table(2022, 60.5), // 20 units score 61 or more → Kon Tum 21st
		...table(2023, 64.5), // 16 units score 65 or more → Kon Tum 17th
		'PCI,2025,Quảng Ngãi,,,12,34,,,' // the new province that absorbed Kon Tum
	];
	await importFile({ file: writeTempFile('synthetic-pci-targets.csv', [HEADER, ...lines].join('\n')), importedBy: 'test' });
});
afterAll(closeDatabase);

describe('targetsFor', () => {
	it('evaluates the directive for Kon Tum: 21st in 2022 → target 16 in 2023; 17th misses by 1', async () => {
		const [report] = await targetsFor(KON_TUM, 'PCI');
		expect(report.planId).toBe('kontum-2023-2030');
		const y2023 = report.years.find((y) => y.year === 2023)!;
		expect(report.years[0]).toMatchObject({ year: 2022, rank: 21, n: 63, rankSource: 'computed', status: 'baseline' });
		expect(y2023).toMatchObject({ rank: 17, targetRank: 16, gap: 1, status: 'missed', comparable: true });
	});

	it('works out the score the target needed: the 16th best of the others (65) is 0.5 above 64.5', async () => {
		const [report] = await targetsFor(KON_TUM, 'PCI');
		expect(report.needed).toEqual({ year: 2023, targetRank: 16, score: 64.5, scoreAtTarget: 65, points: 0.5 });
	});

	it('follows Kon Tum into Quảng Ngãi after the 2025 merger, marking those years not comparable', async () => {
		const [report] = await targetsFor(KON_TUM, 'PCI');
		const byYear = new Map(report.years.map((y) => [y.year, y]));
		// 2024 has no rank: its target (16 of 63) carries the path. 2025: t′ = 15 of 63 → among 34,
		// floor(1 + 14·33/62) = floor(8.45) = 8; Quảng Ngãi is 12th of 34 and misses by 4.
		expect(byYear.get(2024)).toMatchObject({ targetRank: 16, targetN: 63, status: 'pending', comparable: true });
		expect(byYear.get(2025)).toMatchObject({
			rank: 12, n: 34, targetRank: 8, targetN: 34, gap: 4, status: 'missed', comparable: false, reason: 'lineage_changed'
		});
		// 2026 is pending among 34 (the unit table), one place above 2025's 12th.
		expect(byYear.get(2026)).toMatchObject({ targetRank: 11, targetN: 34, status: 'pending' });
	});

	it('gives a 2025 successor the baseline of the predecessor whose name it keeps (Quảng Ngãi 2025 ← Quảng Ngãi)', async () => {
		const [report] = await targetsFor('2025-quang-ngai', 'PCI');
		expect(report.unit).toEqual({ code: '2025-quang-ngai', name: 'Quảng Ngãi' });
		expect(report.baselineUnit).toEqual({ code: '51', name: 'Quảng Ngãi' });
		// Old Quảng Ngãi (k = 33 in code order) scores 47: 33 units above it and Kon Tum's 60.5 → 35th of 63.
		expect(report.years[0]).toMatchObject({ year: 2022, rank: 35, n: 63, status: 'baseline' });
		expect(report.years.find((y) => y.year === 2025)).toMatchObject({ rank: 12, n: 34, reason: 'lineage_changed' });
	});

	it('returns every stored plan of the unit, the active one (latest horizon) first', async () => {
		const reports = await targetsFor(KON_TUM, 'PCI');
		expect(reports.map((r) => r.planId)).toEqual(['kontum-2023-2030', 'kontum-2021']);
		expect(reports[1].years.map((y) => y.status)).toEqual(['baseline', 'no_baseline']);
	});

	it('judges a unit without a plan of its own by the default rule (the directive’s numbers, as data)', async () => {
		const [report] = await targetsFor('64', 'PCI');
		expect(report.planId).toBeNull();
		expect(report.plan).toMatchObject({ kind: 'rise', baselineYear: 2022, firstStep: 5, horizon: 2030 });
		// Gia Lai (k = 40) scores 40: 39 units above 42 and Kon Tum's 60.5 → 41st.
		expect(report.years[0]).toMatchObject({ year: 2022, rank: 41 });
		expect(report.years[1]).toMatchObject({ year: 2023, targetRank: 36 });
	});

	it('the public JSON has exactly unit, index, plan and years', async () => {
		const json = (await activeTargetsJson(KON_TUM, 'PCI')) as Record<string, unknown>;
		expect(Object.keys(json)).toEqual(['unit', 'index', 'plan', 'years']);
		expect(json.plan).toEqual({ kind: 'rise', baselineYear: 2022, firstStep: 5, horizon: 2030 });
		expect(json.unit).toEqual({ code: '62', name: 'Kon Tum' });
		expect((json.years as unknown[]).length).toBe(9);
	});
});

describe('targetsFor with bounds', () => {
	it('points needed come from a score bound where it decides: Kon Tum 2024 known only as “60 or less”, the 16th best of the others 65 → at least 5', async () => {
		await closeDatabase();
		useTempDatabase('targets-bounds');
		await ensureDatabase({ empty: true });
		const codes = (await query<{ code: string }>('SELECT code FROM units WHERE valid_from IS NULL ORDER BY code')).map((u) => u.code);
		const table = (year: number, konTum: number | null) =>
			codes.filter((c) => konTum !== null || c !== KON_TUM).map((c) => `PCI,${year},${c},,${c === KON_TUM ? konTum : 80 - codes.indexOf(c)},,,,,`);
		await importFile({
			file: writeTempFile('synthetic-pci-bounds.csv', [HEADER, ...table(2022, 60.5), ...table(2023, 64.5), ...table(2024, null)].join('\n')),
			importedBy: 'test'
		});
		await importFile({
			file: writeTempFile('synthetic-pci-score-bound.csv', `${HEADER},rank_min,rank_max,score_min,score_max,group\nPCI,2024,Kon Tum,,,,,,,,,,,60,\n`),
			importedBy: 'test'
		});
		const [report] = await targetsFor(KON_TUM, 'PCI');
		// 2023: 17th, so 2024's target is 16; the other units score 80 − k as before, the 16th best is 65.
		expect(report.years.find((y) => y.year === 2024)).toMatchObject({ rank: null, targetRank: 16, status: 'pending' });
		expect(report.needed).toEqual({ year: 2024, targetRank: 16, score: null, scoreAtTarget: 65, points: 5, atLeast: true });
	});
});
