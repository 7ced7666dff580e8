/**
 * Writes the tile-grid layouts of the map (issue 18):
 * data/reference/tile-grid-63.csv (the provinces before 1 July 2025) and
 * data/reference/tile-grid-34.csv (from 1 July 2025), from each unit's capital
 * in data/reference/unit-capitals.csv (GeoNames, CC BY 4.0; four from
 * Wikipedia, CC BY-SA 4.0; the source is on every row).
 *
 *   npx tsx scripts/tile-grid.ts            # rewrite both files
 *   npx tsx scripts/tile-grid.ts --check    # exit 1 if the files differ from what it would write
 *
 * A 2025 unit is placed at its seat (units.csv `seat_code`: the old province
 * whose capital became the new one's), the others at their own capital. Each
 * cohort is tried on a few grid sizes; the one whose 3-nearest-capital pairs
 * end up closest on the grid (sum of tile distances, then the smaller grid)
 * is written. Same input, same bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../src/lib/server/import/read-csv.ts';
import { assignTiles, nearestPairs, neighbourReach, type Capital, type Tile } from '../src/lib/domain/tile-grid.ts';

const REFERENCE = path.resolve('data/reference');
const read = (name: string) => parseCsv(fs.readFileSync(path.join(REFERENCE, name), 'utf8')).rows.map((r) => r.cells);

/** Pairs a unit should keep next to it: its three nearest capitals. */
const NEIGHBOURS = 3;

interface Cohort {
	file: string;
	units: { code: string; nameVi: string; seat: string }[];
	/** Grid sizes tried, [cols, rows]. */
	sizes: [number, number][];
}

function cohorts(): Cohort[] {
	const units = read('units.csv').filter((u) => u.cohort === 'provinces');
	const before = units.filter((u) => !u.valid_from);
	const after = units.filter((u) => !u.valid_to);
	const sizes = (cols: number[], rows: number[]) => cols.flatMap((c) => rows.map((r): [number, number] => [c, r]));
	return [
		{ file: 'tile-grid-63.csv', units: before.map((u) => ({ code: u.code!, nameVi: u.name_vi!, seat: u.code! })), sizes: sizes([7, 8, 9, 10], [16, 17, 18, 19, 20]) },
		{ file: 'tile-grid-34.csv', units: after.map((u) => ({ code: u.code!, nameVi: u.name_vi!, seat: u.seat_code || u.code! })), sizes: sizes([5, 6, 7, 8], [11, 12, 13, 14, 15]) }
	];
}

/** The best layout of a cohort, with its score, among the grid sizes tried. */
function bestLayout(capitals: Capital[], sizes: [number, number][]): { tiles: Tile[]; cols: number; rows: number; reach: number } {
	const pairs = nearestPairs(capitals, NEIGHBOURS);
	let best: { tiles: Tile[]; cols: number; rows: number; reach: number } | null = null;
	for (const [cols, rows] of sizes) {
		const tiles = assignTiles(capitals, cols, rows);
		const reach = neighbourReach(tiles, pairs).reduce((s, d) => s + d, 0);
		if (!best || reach < best.reach || (reach === best.reach && cols * rows < best.cols * best.rows)) best = { tiles, cols, rows, reach };
	}
	return best!;
}

function csv(cohort: Cohort, tiles: Tile[]): string {
	const names = new Map(cohort.units.map((u) => [u.code, u.nameVi]));
	const rows = [...tiles].sort((a, b) => a.row - b.row || a.col - b.col).map((t) => `${t.code},${names.get(t.code)},${t.col},${t.row}`);
	return ['code,name_vi,col,row', ...rows].join('\n') + '\n';
}

function main(argv: string[]): number {
	const check = argv.includes('--check');
	const capitals = new Map(read('unit-capitals.csv').map((c) => [c.code!, { lat: Number(c.lat), lon: Number(c.lon) }]));
	let stale = 0;
	for (const cohort of cohorts()) {
		const placed = cohort.units.map((u): Capital => {
			const at = capitals.get(u.seat);
			if (!at) throw new Error(`unit-capitals.csv: no capital for ${u.seat} (seat of ${u.code} ${u.nameVi})`);
			return { code: u.code, ...at };
		});
		const best = bestLayout(placed, cohort.sizes);
		const text = csv(cohort, best.tiles);
		const file = path.join(REFERENCE, cohort.file);
		console.log(`${cohort.file}: ${cohort.units.length} units on ${best.cols}×${best.rows}, neighbour distance sum ${best.reach}`);
		if (check) {
			if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
				console.error(`${cohort.file} differs from what scripts/tile-grid.ts writes`);
				stale++;
			}
		} else fs.writeFileSync(file, text);
	}
	return stale > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
