import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticDashboardDatabase } from '../../../../helpers/synthetic-dashboard.ts';
import { closeDatabase } from '../../../../../src/lib/server/db.ts';
import { focusUnit } from '../../../../../src/lib/server/queries/units.ts';

beforeAll(() => syntheticDashboardDatabase('units'));
afterAll(closeDatabase);

describe('focusUnit', () => {
	it('is Kon Tum by default and for a name that matches nothing', async () => {
		expect((await focusUnit(null)).code).toBe('62');
		expect((await focusUnit('Atlantis')).code).toBe('62');
	});
	it('reads names without diacritics and codes', async () => {
		expect((await focusUnit('kon tum')).nameVi).toBe('Kon Tum');
		expect((await focusUnit('64')).nameVi).toBe('Gia Lai');
	});
	it('takes “Gia Lai” to mean the province of the year asked, else of the last year with figures', async () => {
		// The last figures are of 2024: the old Gia Lai (64), not the 2025 province of the same name.
		expect((await focusUnit('Gia Lai')).code).toBe('64');
		expect((await focusUnit('Gia Lai', 2019)).code).toBe('64');
		expect((await focusUnit('Gia Lai', 2026)).code).toBe('2025-gia-lai');
	});
});
