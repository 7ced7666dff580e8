/**
 * The four official files (VCCI PCI 2018/2019, UNDP/CECODES PAPI 2016/2019)
 * import without a hand-written mapping, and every figure they contain equals
 * the shipped tables (data/figures, rounded there to 4 decimals).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../../../helpers/temp-db.ts';
import { closeDatabase, query } from '../../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../../src/lib/server/setup.ts';
import { importFile } from '../../../../../src/lib/server/import/pipeline.ts';
import { parseCsv } from '../../../../../src/lib/server/import/read-csv.ts';
import { loadUnitMatcher } from '../../../../../src/lib/server/reference.ts';

const OFFICIAL = path.resolve(import.meta.dirname, '../../../../fixtures/official');
const FIGURES = path.resolve(import.meta.dirname, '../../../../../data/figures');

beforeAll(async () => {
	useTempDatabase('official');
	await ensureDatabase({ empty: true });
});
afterAll(closeDatabase);

type Stored = {
	unit_code: string;
	component_id: string;
	score: number | null;
	published_rank: number | null;
	published_n: number | null;
	value_type: string;
};

/** The shipped figures of one index and year, keyed "unit code|component". */
async function shipped(indexId: string, year: number) {
	const units = await loadUnitMatcher();
	const rows = ['full-tables-2015-2019.csv', 'components.csv'].flatMap((f) =>
		parseCsv(fs.readFileSync(path.join(FIGURES, f), 'utf8')).rows.map((r) => r.cells)
	);
	const out = new Map<string, { score: number; rank: number | null }>();
	for (const r of rows.filter((r) => r.index === indexId && r.year === String(year))) {
		const unit = units.match(r.unit!, year);
		if (!unit.ok) throw new Error(`shipped unit ${r.unit}`);
		out.set(`${unit.unit.code}|${r.component || 'total'}`, { score: Number(r.score), rank: r.rank ? Number(r.rank) : null });
	}
	return out;
}

const round4 = (n: number) => Math.round(n * 1e4) / 1e4;

describe.each([
	{ file: 'PCI 2019.xlsx', index: 'PCI', year: 2019, figures: 63 * 11, totalType: 'published' },
	{ file: 'PCI 2018.xlsx', index: 'PCI', year: 2018, figures: 63 * 11, totalType: 'published' },
	{ file: 'PAPI 2019 FULL vie.xlsx', index: 'PAPI', year: 2019, figures: 63 * 9, totalType: 'published' },
	{ file: 'PAPI 2016 vie.xlsx', index: 'PAPI', year: 2016, figures: 63 * 7, totalType: 'derived' }
])('$file', ({ file, index, year, figures, totalType }) => {
	let stored: Stored[] = [];
	beforeAll(async () => {
		const result = await importFile({ file: path.join(OFFICIAL, file), indexId: index, year, importedBy: 'test' });
		expect(result).toMatchObject({ status: 'committed', rows: figures, rowsNew: figures });
		stored = await query<Stored>(
			'SELECT unit_code, component_id, score, published_rank, published_n, value_type FROM observations WHERE index_id = $1 AND year = $2',
			[index, year]
		);
	});

	it('imports every unit and component the shipped tables have, and nothing else', async () => {
		const expected = await shipped(index, year);
		expect(stored).toHaveLength(figures);
		expect(new Set(stored.map((s) => `${s.unit_code}|${s.component_id}`))).toEqual(new Set(expected.keys()));
	});

	it('every score equals the shipped figure to 4 decimals', async () => {
		const expected = await shipped(index, year);
		const wrong = stored.filter((s) => round4(s.score!) !== expected.get(`${s.unit_code}|${s.component_id}`)!.score);
		expect(wrong).toEqual([]);
	});

	it(`stores the total as ${totalType}, and ranks only where the publisher ranks`, async () => {
		const expected = await shipped(index, year);
		const totals = stored.filter((s) => s.component_id === 'total');
		expect(totals).toHaveLength(63);
		expect(new Set(totals.map((s) => s.value_type))).toEqual(new Set([totalType]));
		for (const s of stored) {
			const rank = s.component_id === 'total' ? expected.get(`${s.unit_code}|total`)!.rank : null;
			expect([s.published_rank, s.published_n]).toEqual(rank === null ? [null, null] : [rank, 63]);
		}
	});
});
