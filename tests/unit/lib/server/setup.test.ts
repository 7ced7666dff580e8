import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../../helpers/temp-db.ts';
import { closeDatabase, query } from '../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../src/lib/server/setup.ts';

beforeAll(() => {
	useTempDatabase('setup');
});
afterAll(closeDatabase);

const unitsWithTotal = (index: string, year: number) =>
	query<{ n: number }>(
		"SELECT count(DISTINCT unit_code)::INTEGER AS n FROM observations WHERE index_id = $1 AND year = $2 AND component_id = 'total'",
		[index, year]
	).then((r) => r[0].n);

describe('ensureDatabase', () => {
	it('builds the reference data and imports each shipped file as one batch', async () => {
		const results = await ensureDatabase();
		expect(results.map((r) => r.status)).toEqual(['committed', 'committed', 'committed', 'committed', 'committed']);
		const [{ units }] = await query<{ units: number }>("SELECT count(*)::INTEGER AS units FROM units WHERE valid_from IS NULL");
		expect(units).toBe(63);
		const [{ successors }] = await query<{ successors: number }>("SELECT count(*)::INTEGER AS successors FROM units WHERE valid_from = DATE '2025-07-01'");
		expect(successors).toBe(23);
	});

	it('has 63 provinces with a total for PCI 2015–2019 and PAPI 2015–2017, 2019; 61 for PAPI 2018', async () => {
		for (const year of [2015, 2016, 2017, 2018, 2019]) expect(await unitsWithTotal('PCI', year)).toBe(63);
		for (const year of [2015, 2016, 2017, 2019]) expect(await unitsWithTotal('PAPI', year)).toBe(63);
		expect(await unitsWithTotal('PAPI', 2018)).toBe(61);
	});

	it('has the whole PCI 2020 table: 63 provinces, Kon Tum at VCCI’s 62.02 (56/63), kontumtv’s 60.02 kept in the note', async () => {
		expect(await unitsWithTotal('PCI', 2020)).toBe(63);
		const [kontum] = await query<{ score: number; published_rank: number; published_n: number; source: string; note: string }>(
			"SELECT score, published_rank, published_n, source, note FROM observations WHERE index_id = 'PCI' AND year = 2020 AND unit_code = '62' AND component_id = 'total'"
		);
		expect([kontum.score, kontum.published_rank, kontum.published_n]).toEqual([62.02, 56, 63]);
		expect(kontum.source).toContain('pcivietnam.vn/bang-xep-hang');
		expect(kontum.note).toContain('60.02');
	});

	it('never stores a rank computed from scores as a published rank (PAPI publishes none)', async () => {
		const [{ n }] = await query<{ n: number }>(
			"SELECT count(*)::INTEGER AS n FROM observations WHERE index_id = 'PAPI' AND year <= 2019 AND published_rank IS NOT NULL"
		);
		expect(n).toBe(0);
	});

	it('keeps Kon Tum’s published PCI ranks 2015–2022 with their sources', async () => {
		const rows = await query<{ year: number; published_rank: number; source: string }>(
			"SELECT year, published_rank, source FROM observations WHERE index_id = 'PCI' AND unit_code = '62' AND component_id = 'total' AND year <= 2022 ORDER BY year"
		);
		expect(rows.map((r) => r.published_rank)).toEqual([52, 56, 61, 59, 56, 56, 61, 37]);
		expect(rows.every((r) => r.source.startsWith('http'))).toBe(true);
	});

	it('a second start imports nothing and duplicates nothing', async () => {
		const before = await query('SELECT count(*)::INTEGER AS n FROM observations');
		expect(await ensureDatabase()).toEqual([]);
		const after = await query('SELECT count(*)::INTEGER AS n FROM observations');
		expect(after).toEqual(before);
		const [{ batches }] = await query<{ batches: number }>('SELECT count(*)::INTEGER AS batches FROM import_batches');
		expect(batches).toBe(5);
	});

	it('gives a database built before migration 2 its total rules and column aliases on the next start', async () => {
		await query('DELETE FROM component_aliases');
		await query('UPDATE indices SET total_rule = NULL');
		await ensureDatabase();
		const rules = await query("SELECT id, total_rule FROM indices WHERE total_rule IS NOT NULL");
		expect(rules).toEqual([{ id: 'PAPI', total_rule: 'sum_of_components' }]);
		const [alias] = await query("SELECT component_id, role FROM component_aliases WHERE alias = 'Sub-Index 3: Transparency'");
		expect(alias).toEqual({ component_id: 'pci_s3', role: 'score' });
	});

	it('gives a database made before migration 16 the Vietnamese name of PCI sub-index 8 without its English note', async () => {
		await query("UPDATE components SET name_vi = 'Dịch vụ hỗ trợ doanh nghiệp / Chính sách hỗ trợ doanh nghiệp (2021 label)' WHERE id = 'pci_s8'");
		await query('DELETE FROM schema_migrations WHERE version = 16');
		await closeDatabase();
		const [component] = await query("SELECT name_vi, name_en FROM components WHERE index_id = 'PCI' AND id = 'pci_s8'");
		expect(component).toEqual({ name_vi: 'Dịch vụ hỗ trợ doanh nghiệp (từ 2021: Chính sách hỗ trợ doanh nghiệp)', name_en: 'Business Support Services' });
	});

	it('a database created empty stays empty on later use, until the shipped figures are asked for', async () => {
		await closeDatabase();
		useTempDatabase('setup-empty');
		expect(await ensureDatabase({ empty: true })).toEqual([]);
		expect(await ensureDatabase()).toEqual([]);
		const [{ n }] = await query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM observations');
		expect(n).toBe(0);
		expect(await ensureDatabase({ shipped: true })).toHaveLength(5);
		expect(await ensureDatabase({ shipped: true })).toEqual([]);
	});
});
