import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KON_TUM, SYNTHETIC_FILE, syntheticDashboardDatabase } from '../../../../helpers/synthetic-dashboard.ts';
import { closeDatabase } from '../../../../../src/lib/server/db.ts';
import {
	cohortSize,
	coveredYears,
	figureBatches,
	indexYears,
	latestFigureYear,
	regionPeers,
	unitInfo,
	unitChoices
} from '../../../../../src/lib/server/queries/dashboard.ts';

beforeAll(() => syntheticDashboardDatabase('dashboard-queries'));
afterAll(closeDatabase);

describe('dashboard look-ups', () => {
	it('lists the units with figures and those that exist today by Vietnamese name, and the years of an index', async () => {
		const units = (await unitChoices())!;
		// 63 provinces with figures, and the 23 units created on 1 July 2025 (none has a figure yet).
		expect(units).toHaveLength(63 + 23);
		expect(units.find((u) => u.code === '2025-quang-ngai')).toMatchObject({ name: 'Quảng Ngãi', namesake: { validFrom: '2025-07-01', validTo: null } });
		// Vietnamese order: "Bà Rịa" before "Bắc Giang" (a < ă).
		expect(units.findIndex((u) => u.name === 'Bà Rịa - Vũng Tàu')).toBeLessThan(units.findIndex((u) => u.name === 'Bắc Giang'));
		expect(await indexYears('PCI')).toEqual([2022, 2023, 2024]);
		expect(await indexYears('PAPI')).toEqual([]);
		expect(await latestFigureYear()).toBe(2024);
	});

	it('counts a year as covered only when 90 % of the cohort has a score', async () => {
		const totals = await coveredYears('PCI', 'total', 'provinces');
		// 2024: Kon Tum's published rank has no score; two provinces have one: 2 of 63.
		expect([...totals]).toEqual(expect.arrayContaining([[2022, true], [2023, true], [2024, false]]));
		expect((await coveredYears('PCI', 'pci_s1', 'provinces')).get(2023)).toBe(true);
		expect((await coveredYears('PCI', 'pci_s3', 'provinces')).get(2023)).toBe(false);
	});

	it('names the import batch behind a chart’s figures', async () => {
		expect(await figureBatches({ indexId: 'PCI', year: 2024, unitCodes: [KON_TUM] })).toEqual([{ id: 1, fileName: SYNTHETIC_FILE }]);
		expect(await figureBatches({ indexId: 'PAPI' })).toEqual([]);
	});

	it('finds the region’s provinces of a year, and the merger successor', async () => {
		const peers = await unitInfo(await regionPeers(KON_TUM, 2023));
		expect(peers.map((p) => p.name)).toEqual(['Đắk Lắk', 'Đắk Nông', 'Gia Lai', 'Kon Tum', 'Lâm Đồng']);
		const [konTum] = await unitInfo([KON_TUM]);
		expect(konTum).toMatchObject({ region: 'Tây Nguyên', validTo: '2025-06-30', successorName: 'Quảng Ngãi' });
	});

	it('knows 63 provinces before the 2025 merger and 34 after', async () => {
		expect(await cohortSize('provinces', 2024)).toBe(63);
		expect(await cohortSize('provinces', 2025)).toBe(34);
	});
});
