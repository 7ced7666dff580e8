/** whatIfFor on the shipped figures, and the aggregation rules as migration 15 stores them. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../../helpers/temp-db.ts';
import { closeDatabase, query } from '../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../src/lib/server/setup.ts';
import { loadAggregation, loadCatalogue } from '../../../../src/lib/server/reference.ts';
import { parseCsv } from '../../../../src/lib/server/import/read-csv.ts';
import { parseAggregationRules } from '../../../../src/lib/domain/aggregation.ts';
import { whatIfFor, whatIfYears } from '../../../../src/lib/server/what-if.ts';

const KON_TUM = { code: '62', name: 'Kon Tum' };

beforeAll(async () => {
	useTempDatabase('what-if');
	await ensureDatabase();
}, 120_000);
afterAll(closeDatabase);

const index = async (id: string) => (await loadCatalogue()).indices.find((i) => i.id === id)!;

describe('aggregation rules in the database', () => {
	it('migration 15 stores data/reference/aggregation.csv as it reads', async () => {
		const csv = parseCsv(fs.readFileSync(path.resolve('data/reference/aggregation.csv'), 'utf8')).rows.map((r) => r.cells);
		const byKey = (a: { indexId: string; yearFrom: number }, b: { indexId: string; yearFrom: number }) =>
			a.indexId.localeCompare(b.indexId) || a.yearFrom - b.yearFrom;
		expect(await loadAggregation()).toEqual(parseAggregationRules(csv).sort(byKey));
		expect((await query('SELECT version FROM schema_migrations WHERE version = 15')).length).toBe(1);
	});
});

describe('whatIfFor (shipped figures)', () => {
	it('Kon Tum PCI 2019 with a target of 50: ten inputs, 56/63, and both reference scenarios (Lạng Sơn is 50th among the others)', async () => {
		const w = await whatIfFor(KON_TUM, await index('PCI'), 2019, [], 50);
		expect(w.mode).toBe('components');
		expect(w.parts).toHaveLength(10);
		expect([w.actualTotal, w.actualRank, w.n, w.others?.length]).toEqual([63.5351, 56, 63, 62]);
		expect(w.targetFromPlan).toBe(false);
		expect(w.planTargetRank).toBeNull();
		expect(w.references.map((r) => [r.kind, r.unitName])).toEqual([['median', null], ['at_target', 'Lạng Sơn']]);
		for (const r of w.references) {
			for (const p of w.parts) expect(r.components[p.id]).toBeGreaterThanOrEqual(w.actual[p.id]);
		}
	});

	it('without references (the briefing): the same inputs, others and cheapest path, read from the totals and Kon Tum’s own figures alone', async () => {
		const pci = await index('PCI');
		const full = await whatIfFor(KON_TUM, pci, 2019, [], 50);
		const lean = await whatIfFor(KON_TUM, pci, 2019, [], 50, { references: false });
		expect(lean.references).toEqual([]);
		expect(lean.mode).toBe('components');
		expect([lean.parts, lean.actual, lean.others, lean.result]).toEqual([full.parts, full.actual, full.others, full.result]);
		// The others carry their names though only the totals' rows were read with them.
		expect(lean.others?.find((o) => o.name === 'Lạng Sơn')).toBeDefined();
		expect(lean.result.target?.rank).toBe(50);
	});

	it('Kon Tum PCI 2021: the province’s 2021 plan gives the target (46th), but only three sub-indices and the top 21 are shipped', async () => {
		const w = await whatIfFor(KON_TUM, await index('PCI'), 2021);
		expect(w.planTargetRank).toBe(46);
		expect(w.mode).toBe('total');
		expect(w.totalOnlyReason).toBe('missing_component');
		expect(w.actual).toEqual({ total: 58.95 });
		expect(w.others).toBeNull();
		expect(w.result).toMatchObject({ total: 58.95, rank: null, met: null, target: null });
	});

	it('PCI years without a checked rule are total-only (2022), and the years offered are those with a total', async () => {
		const w = await whatIfFor(KON_TUM, await index('PCI'), 2022);
		expect(w.totalOnlyReason).toBe('no_rule');
		expect(await whatIfYears('62', 'PCI')).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022]);
	});
});
