import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../../helpers/temp-db.ts';
import { closeDatabase, query, transaction } from '../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../src/lib/server/setup.ts';
import { loadUnitMatcher } from '../../../../src/lib/server/reference.ts';
import { refreshUnitReference } from '../../../../src/lib/server/reference-load.ts';
import { regionPeers } from '../../../../src/lib/server/queries/dashboard.ts';

interface UnitRow {
	code: string;
	name_vi: string;
	kind: string | null;
	region_vi: string | null;
	region_basis: string | null;
	seat_code: string | null;
}

const units2025 = () =>
	query<UnitRow & Record<string, unknown>>(
		`SELECT code, name_vi, kind, region_vi, region_basis, seat_code FROM units
		  WHERE cohort = 'provinces' AND (valid_from IS NULL OR valid_from <= DATE '2025-12-31')
		    AND (valid_to IS NULL OR valid_to >= DATE '2025-12-31') ORDER BY code`
	);

beforeAll(async () => {
	useTempDatabase('reference');
	await ensureDatabase({ empty: true });
});
afterAll(closeDatabase);

describe('the 34 units of 2025 in data/reference (issue 12)', () => {
	it('are 28 tỉnh and 6 thành phố trực thuộc trung ương, each with a region', async () => {
		const units = await units2025();
		expect(units).toHaveLength(34);
		expect(units.filter((u) => u.kind === 'thanh_pho_truc_thuoc_trung_uong').map((u) => u.name_vi).sort()).toEqual([
			'Hà Nội', 'TP. Cần Thơ', 'TP. Huế', 'TP. Hải Phòng', 'TP. Hồ Chí Minh', 'TP. Đà Nẵng'
		]);
		expect(units.filter((u) => u.kind === 'tinh')).toHaveLength(28);
		expect(units.filter((u) => !u.region_vi)).toEqual([]);
	});

	it('take the region of the predecessor holding the seat where the predecessors’ regions differ, and say so', async () => {
		const byCode = new Map((await units2025()).map((u) => [u.code, u]));
		// Quảng Ngãi (coast) + Kon Tum (Central Highlands), seat in Quảng Ngãi; Tây Ninh (Southeast) + Long An (Mekong), seat in Long An.
		expect(byCode.get('2025-quang-ngai')).toMatchObject({ seat_code: '51', region_basis: 'seat', region_vi: 'Bắc Trung Bộ và Duyên hải miền Trung' });
		expect(byCode.get('2025-tay-ninh')).toMatchObject({ seat_code: '80', region_basis: 'seat', region_vi: 'Đồng bằng sông Cửu Long' });
		expect(byCode.get('2025-bac-ninh')).toMatchObject({ seat_code: '24', region_basis: 'seat', region_vi: 'Trung du và miền núi phía Bắc' });
		expect(byCode.get('2025-ninh-binh')).toMatchObject({ region_basis: 'predecessors' });
		expect(byCode.get('01')).toMatchObject({ region_basis: 'gso', seat_code: null });
	});

	it('no unit of 2025 has an empty default peer group (its region holds at least one other unit)', async () => {
		for (const unit of await units2025()) {
			const peers = await regionPeers(unit.code, 2025);
			expect(peers, unit.name_vi).toContain(unit.code);
			expect(peers.length, unit.name_vi).toBeGreaterThanOrEqual(2);
		}
	});

	it('knows the common spellings of the 2025 units, told apart from their namesakes by the year', async () => {
		const matcher = await loadUnitMatcher();
		const code = (name: string, year?: number) => {
			const m = matcher.match(name, year);
			return m.ok ? m.unit.code : m.reason;
		};
		expect(code('TP. Huế', 2025)).toBe('46');
		expect(code('Thành phố Huế', 2025)).toBe('46');
		expect(code('Thừa Thiên Huế', 2022)).toBe('46');
		expect(code('Tỉnh Quảng Ngãi', 2025)).toBe('2025-quang-ngai');
		expect(code('Tỉnh Quảng Ngãi', 2022)).toBe('51');
		expect(code('Tp. Hồ Chí Minh', 2025)).toBe('2025-ho-chi-minh');
		expect(code('TP.HCM', 2025)).toBe('2025-ho-chi-minh');
		expect(code('TP.HCM', 2024)).toBe('79');
	});

	it('a database made before migration 11 gets kinds, regions and aliases from data/reference', async () => {
		await query("UPDATE units SET kind = NULL, region_vi = NULL, region_basis = NULL, name_vi = 'Thừa Thiên Huế' WHERE code IN ('46', '2025-gia-lai')");
		await query("DELETE FROM unit_aliases WHERE alias = 'Tp. Hồ Chí Minh'");
		await transaction(refreshUnitReference);
		const [giaLai, hue] = await query<UnitRow & Record<string, unknown>>(
			"SELECT code, name_vi, kind, region_vi, region_basis, seat_code FROM units WHERE code IN ('46', '2025-gia-lai') ORDER BY code"
		);
		expect(hue).toMatchObject({ name_vi: 'TP. Huế', kind: 'thanh_pho_truc_thuoc_trung_uong', region_basis: 'gso' });
		// Gia Lai (Central Highlands) + Bình Định (coast), seat in Bình Định (Quy Nhơn).
		expect(giaLai).toMatchObject({ kind: 'tinh', seat_code: '52', region_basis: 'seat', region_vi: 'Bắc Trung Bộ và Duyên hải miền Trung' });
		expect(await query("SELECT unit_code FROM unit_aliases WHERE alias = 'Tp. Hồ Chí Minh'")).toEqual([{ unit_code: '2025-ho-chi-minh' }]);
	});
});
