import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../../helpers/temp-db.ts';
import { closeDatabase } from '../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../src/lib/server/setup.ts';
import { BriefingInputError, loadBriefing, planInForce, resolveBriefingRequest } from '../../../../src/lib/server/briefing.ts';
import { targetsFor } from '../../../../src/lib/server/targets.ts';

// The shipped figures, imported as on a server's first start.
beforeAll(async () => {
	useTempDatabase('briefing');
	await ensureDatabase();
});
afterAll(closeDatabase);

describe('resolveBriefingRequest', () => {
	it('takes a unit by name, alias or code, and defaults to the directive’s three indices', async () => {
		const request = await resolveBriefingRequest('vi', { unit: 'KonTum', year: '2023' });
		expect(request).toEqual({ unit: { code: '62', name: 'Kon Tum', nameAscii: 'Kon Tum', kind: 'tinh' }, year: 2023, indexIds: ['PAR_INDEX', 'PAPI', 'PCI'] });
		expect((await resolveBriefingRequest('vi', { unit: '62', year: '2019', indices: 'pci, papi' })).indexIds).toEqual(['PCI', 'PAPI']);
	});

	it('tells the old province from the 2025 unit of the same name by the year', async () => {
		expect((await resolveBriefingRequest('vi', { unit: 'Gia Lai', year: '2019' })).unit.code).toBe('64');
		expect((await resolveBriefingRequest('vi', { unit: 'Gia Lai', year: '2026' })).unit.code).toBe('2025-gia-lai');
		// Kon Tum ceased in 2025; its briefing for 2026 still starts from it (the engine follows the lineage).
		expect((await resolveBriefingRequest('vi', { unit: 'Kon Tum', year: '2026' })).unit.code).toBe('62');
	});

	it('without a year, takes the last year the unit has a figure: Kon Tum’s PAR INDEX 2023', async () => {
		expect((await resolveBriefingRequest('vi', { unit: 'Kon Tum' })).year).toBe(2023);
	});

	it('rejects an unknown unit with the closest names, a bad year and an unknown index, in the interface language', async () => {
		await expect(resolveBriefingRequest('vi', { unit: 'Kon Tom', year: '2023' })).rejects.toThrow(/Không có đơn vị “Kon Tom”. Tên gần nhất: .*Kon Tum/);
		await expect(resolveBriefingRequest('en', { unit: 'Kon Tum', year: '20x3' })).rejects.toThrow('Year “20x3” is not valid');
		await expect(resolveBriefingRequest('vi', { unit: 'Kon Tum', year: '2023', indices: 'PCI,GDP' })).rejects.toThrow(BriefingInputError);
	});
});

describe('planInForce', () => {
	it('judges 2021 by the 2021 plan and 2023 by the 2023–2030 directive', async () => {
		const reports = await targetsFor('62', 'PCI');
		expect(planInForce(reports, 2021)?.planId).toBe('kontum-2021');
		expect(planInForce(reports, 2023)?.planId).toBe('kontum-2023-2030');
		// Before any plan: the active one (its verdicts start at its baseline).
		expect(planInForce(reports, 2019)?.planId).toBe('kontum-2023-2030');
	});
});

describe('loadBriefing', () => {
	it('gathers Kon Tum 2023: PAR INDEX 43/63 against the target 50; PCI up to 2022; PAPI up to 2021', async () => {
		const briefing = await loadBriefing('vi', await resolveBriefingRequest('vi', { unit: 'Kon Tum', year: '2023' }));
		const [par, papi, pci] = briefing.indices;
		expect(par.totals.at(-1)).toMatchObject({ year: 2023, rank: 43, n: 63 });
		expect(par.report?.years.find((y) => y.year === 2023)).toMatchObject({ targetRank: 50, gap: -7, status: 'met' });
		expect(pci.totals.at(-1)).toMatchObject({ year: 2022, rank: 37 });
		expect(papi.totals.at(-1)?.year).toBe(2021);
		// Nothing after the briefing's year is shown.
		expect(briefing.indices.flatMap((i) => i.years).every((y) => y <= 2023)).toBe(true);
		// Every figure on a page names its import batch.
		expect(par.batches.map((b) => b.fileName).sort()).toEqual(['components.csv', 'pages-2012-2024.csv']);
	});

	it('for a year in the 2021 plan, judges PCI 61st against 56 − 10 = 46: missed', async () => {
		const briefing = await loadBriefing('vi', await resolveBriefingRequest('vi', { unit: 'Kon Tum', year: '2021', indices: 'PCI' }));
		expect(briefing.indices[0].report?.planId).toBe('kontum-2021');
		expect(briefing.indices[0].report?.years.at(-1)).toMatchObject({ year: 2021, rank: 61, targetRank: 46, status: 'missed' });
	});
});
