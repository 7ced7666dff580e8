import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../src/lib/server/import/read-csv';
import {
	assignTiles,
	layoutFor,
	layoutProblems,
	minCostAssignment,
	nearestPairs,
	neighbourReach,
	tileDistance,
	type Capital,
	type Tile
} from '../../../../src/lib/domain/tile-grid';

const read = (name: string) =>
	parseCsv(fs.readFileSync(path.resolve('data/reference', name), 'utf8')).rows.map((r) => r.cells);
const units = read('units.csv').filter((u) => u.cohort === 'provinces');
const capitalOf = new Map(read('unit-capitals.csv').map((c) => [c.code!, { lat: Number(c.lat), lon: Number(c.lon) }]));

/** A shipped layout with each unit's capital (a 2025 unit's is its seat's). */
function shipped(file: string): { tiles: Tile[]; capitals: Capital[] } {
	const tiles = read(file).map((t) => ({ code: t.code!, col: Number(t.col), row: Number(t.row) }));
	const capitals = tiles.map((t) => {
		const unit = units.find((u) => u.code === t.code);
		const at = capitalOf.get(unit?.seat_code || t.code);
		if (!at) throw new Error(`no capital for ${t.code}`);
		return { code: t.code, ...at };
	});
	return { tiles, capitals };
}

const cohorts = [
	{ file: 'tile-grid-63.csv', label: 'the 63 provinces before July 2025', codes: units.filter((u) => !u.valid_from).map((u) => u.code!) },
	{ file: 'tile-grid-34.csv', label: 'the 34 units from July 2025', codes: units.filter((u) => !u.valid_to).map((u) => u.code!) }
];

describe('shipped tile-grid layouts', () => {
	it('the cohorts are the 63 and the 34 units of units.csv', () => {
		expect(cohorts.map((c) => c.codes.length)).toEqual([63, 34]);
	});

	for (const cohort of cohorts) {
		describe(cohort.label, () => {
			const { tiles, capitals } = shipped(cohort.file);

			it('has every unit of the cohort exactly once and no two on one square', () => {
				expect(layoutProblems(tiles, cohort.codes)).toEqual([]);
				expect(tiles).toHaveLength(cohort.codes.length);
			});

			it("puts every unit's nearest capital on a square that touches its own", () => {
				const far = neighbourReach(tiles, nearestPairs(capitals, 1))
					.map((d, i) => ({ d, pair: nearestPairs(capitals, 1)[i] }))
					.filter((p) => p.d > 1);
				expect(far).toEqual([]);
			});

			it('keeps each unit within two squares of its three nearest capitals', () => {
				expect(Math.max(...neighbourReach(tiles, nearestPairs(capitals, 3)))).toBeLessThanOrEqual(2);
			});

			it('keeps north above south for capitals 1.5° of latitude or more apart', () => {
				const row = new Map(tiles.map((t) => [t.code, t.row]));
				const inverted = capitals.flatMap((a) =>
					capitals.filter((b) => a.lat - b.lat >= 1.5 && row.get(a.code)! >= row.get(b.code)!).map((b) => `${a.code} above ${b.code}`)
				);
				expect(inverted).toEqual([]);
			});
		});
	}

	it('is what scripts/tile-grid.ts writes from the capitals (reproducible)', () => {
		const run = spawnSync('npx', ['tsx', 'scripts/tile-grid.ts', '--check'], { encoding: 'utf8', timeout: 120_000 });
		expect(run.stderr).not.toContain('differs');
		expect(run.status).toBe(0);
	}, 130_000);
});

describe('layoutProblems', () => {
	it('names a missing unit, a unit placed twice, a stranger and a shared square', () => {
		const tiles = [
			{ code: 'a', col: 0, row: 0 },
			{ code: 'a', col: 1, row: 0 },
			{ code: 'x', col: 1, row: 0 }
		];
		expect(layoutProblems(tiles, ['a', 'b'])).toEqual([
			'x: not in the cohort',
			'x and a share square 1,0',
			'a: placed 2 times',
			'b: missing'
		]);
	});
});

describe('minCostAssignment', () => {
	it('finds the cheapest one-to-one assignment, not the greedy one', () => {
		// Greedy (row 0 takes its cheapest, column 0) costs 1 + 10 = 11; the optimum is 2 + 2 = 4.
		expect(minCostAssignment([[1, 2], [2, 10]])).toEqual([1, 0]);
	});
	it('leaves spare cells empty when there are more cells than units', () => {
		expect(minCostAssignment([[5, 0, 5]])).toEqual([1]);
	});
});

describe('assignTiles', () => {
	it('keeps three capitals in a north–south line in order on a one-column grid', () => {
		const tiles = assignTiles([
			{ code: 's', lat: 10, lon: 106 },
			{ code: 'n', lat: 21, lon: 106 },
			{ code: 'm', lat: 16, lon: 106 }
		], 1, 3);
		expect(tiles).toEqual([
			{ code: 's', col: 0, row: 2 },
			{ code: 'n', col: 0, row: 0 },
			{ code: 'm', col: 0, row: 1 }
		]);
	});
});

describe('tileDistance', () => {
	it('counts a diagonal step as one square', () => {
		expect(tileDistance({ code: 'a', col: 0, row: 0 }, { code: 'b', col: 1, row: 1 })).toBe(1);
		expect(tileDistance({ code: 'a', col: 0, row: 0 }, { code: 'b', col: 2, row: 1 })).toBe(2);
	});
});

describe('layoutFor', () => {
	const l63 = { id: '63', tiles: [{ code: '62', col: 0, row: 0 }, { code: '51', col: 1, row: 0 }] };
	const l34 = { id: '34', tiles: [{ code: '2025-quang-ngai', col: 0, row: 0 }] };
	it('picks the layout holding every ranked unit', () => {
		expect(layoutFor([l63, l34], ['62', '51'])?.id).toBe('63');
		expect(layoutFor([l63, l34], ['2025-quang-ngai'])?.id).toBe('34');
	});
	it('has no map for units no layout holds, or for no units', () => {
		expect(layoutFor([l63, l34], ['bo-tai-chinh'])).toBeNull();
		expect(layoutFor([l63, l34], [])).toBeNull();
	});
});
