/** The synthetic data generator: deterministic, complete rankings first, and named as synthetic. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { figureCount, firstYear, LAST_YEAR, writeSyntheticFigures, writeSyntheticReference, type SyntheticScale } from '../../../../scripts/synthetic/generate.ts';
import { parseCsv } from '../../../../src/lib/server/import/read-csv.ts';

const SMALL: SyntheticScale = { units: 3, indices: 2, components: 2, years: 2 };
const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-synthetic-'));

describe('writeSyntheticFigures', () => {
	it('writes the same bytes for the same seed, other scores for another', async () => {
		const d = dir();
		await writeSyntheticFigures(path.join(d, 'a.csv'), SMALL, { seed: 7 });
		await writeSyntheticFigures(path.join(d, 'b.csv'), SMALL, { seed: 7 });
		await writeSyntheticFigures(path.join(d, 'c.csv'), SMALL, { seed: 8 });
		const read = (f: string) => fs.readFileSync(path.join(d, f), 'utf8');
		expect(read('a.csv')).toBe(read('b.csv'));
		expect(read('a.csv')).not.toBe(read('c.csv'));
	});

	it('writes every unit of a table before the next table: 2 × 2 × 2 tables of 3 units = 24 figures', async () => {
		const file = path.join(dir(), 'f.csv');
		expect(figureCount(SMALL)).toBe(24);
		expect(await writeSyntheticFigures(file, SMALL)).toBe(24);
		const rows = parseCsv(fs.readFileSync(file, 'utf8')).rows.map((r) => r.cells);
		expect(rows).toHaveLength(24);
		expect(rows.slice(0, 4).map((r) => [r.index, r.year, r.unit, r.component])).toEqual([
			['SYN1', String(LAST_YEAR - 1), 'SYN00001', 'total'],
			['SYN1', String(LAST_YEAR - 1), 'SYN00002', 'total'],
			['SYN1', String(LAST_YEAR - 1), 'SYN00003', 'total'],
			['SYN1', String(LAST_YEAR - 1), 'SYN00001', 'syn1_c01']
		]);
		// Totals out of 100, components out of 10, as the reference says.
		for (const r of rows) expect(Number(r.score)).toBeLessThanOrEqual(r.component === 'total' ? 100 : 10);
	});

	it('stops at the number of rows asked for', async () => {
		expect(await writeSyntheticFigures(path.join(dir(), 'g.csv'), SMALL, { rows: 5 })).toBe(5);
	});
});

describe('writeSyntheticReference', () => {
	it('describes synthetic units, indices and components, ending in the last finished year', () => {
		const d = dir();
		writeSyntheticReference(d, SMALL);
		const read = (name: string) => parseCsv(fs.readFileSync(path.join(d, 'reference', name), 'utf8')).rows.map((r) => r.cells);
		expect(read('units.csv').map((u) => u.name_vi)).toEqual(['Xã tổng hợp 00001', 'Xã tổng hợp 00002', 'Xã tổng hợp 00003']);
		expect(read('indices.csv').map((i) => [i.id, i.first_year])).toEqual([['SYN1', String(firstYear(SMALL))], ['SYN2', String(firstYear(SMALL))]]);
		expect(read('components.csv').map((c) => c.id)).toEqual(['total', 'syn1_c01', 'total', 'syn2_c01']);
		expect(read('plans.csv')[0]).toMatchObject({ unit: 'SYN00001', indices: 'SYN1|SYN2', default_rule: 'yes' });
	});
});
