/**
 * The tile-grid map (issue 18): one equal square per unit, placed so the grid
 * keeps the country's shape and each unit's neighbours. Pure: the layout
 * generator (scripts/tile-grid.ts) places capitals on a grid with
 * `assignTiles`; the layout test and the map read the result back and check it
 * with `layoutProblems` and `neighbourReach`.
 *
 * Why squares and a minimum-cost assignment: every unit gets the same area (a
 * small city is not a dot beside Nghệ An), and minimising the sum of squared
 * moves from each capital's projected position keeps north above south and
 * coast beside coast without hand placement.
 */

/** A unit's capital (data/reference/unit-capitals.csv). */
export interface Capital {
	code: string;
	lat: number;
	lon: number;
}

/** One unit's square: column from the west, row from the north, both from 0. */
export interface Tile {
	code: string;
	col: number;
	row: number;
}

/** A point on a flat plane, x east, y south, in degrees of latitude. */
interface Point {
	code: string;
	x: number;
	y: number;
}

/**
 * Equirectangular projection at the cohort's mean latitude: enough for a
 * country 15° tall, where the grid moves every unit anyway.
 */
export function project(capitals: Capital[]): Point[] {
	const meanLat = capitals.reduce((s, c) => s + c.lat, 0) / capitals.length;
	const k = Math.cos((meanLat * Math.PI) / 180);
	return capitals.map((c) => ({ code: c.code, x: c.lon * k, y: -c.lat }));
}

/**
 * Minimum-cost assignment (Hungarian method, O(n²m)) of n rows to m ≥ n
 * columns; returns the column of each row.
 */
export function minCostAssignment(cost: number[][]): number[] {
	const n = cost.length;
	const m = n === 0 ? 0 : cost[0]!.length;
	if (m < n) throw new Error(`assignment needs at least as many cells (${m}) as units (${n})`);
	// Potentials u (rows) and v (columns), 1-based with column 0 as the free slot.
	const u = new Array<number>(n + 1).fill(0);
	const v = new Array<number>(m + 1).fill(0);
	const owner = new Array<number>(m + 1).fill(0);
	const way = new Array<number>(m + 1).fill(0);
	for (let i = 1; i <= n; i++) {
		owner[0] = i;
		let j0 = 0;
		const minv = new Array<number>(m + 1).fill(Infinity);
		const used = new Array<boolean>(m + 1).fill(false);
		do {
			used[j0] = true;
			const i0 = owner[j0]!;
			let delta = Infinity;
			let j1 = 0;
			for (let j = 1; j <= m; j++) {
				if (used[j]) continue;
				const cur = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
				if (cur < minv[j]!) {
					minv[j] = cur;
					way[j] = j0;
				}
				if (minv[j]! < delta) {
					delta = minv[j]!;
					j1 = j;
				}
			}
			for (let j = 0; j <= m; j++) {
				if (used[j]) {
					u[owner[j]!]! += delta;
					v[j]! -= delta;
				} else minv[j]! -= delta;
			}
			j0 = j1;
		} while (owner[j0] !== 0);
		do {
			const j1 = way[j0]!;
			owner[j0] = owner[j1]!;
			j0 = j1;
		} while (j0 !== 0);
	}
	const result = new Array<number>(n).fill(-1);
	for (let j = 1; j <= m; j++) if (owner[j]! > 0) result[owner[j]! - 1] = j - 1;
	return result;
}

/**
 * Places every capital on a `cols` × `rows` grid: the projected capitals are
 * scaled to the grid's extent (keeping their proportions) and each unit takes
 * the cell that minimises the total squared move. Ties go to the lower index,
 * so the same input always gives the same layout.
 */
export function assignTiles(capitals: Capital[], cols: number, rows: number): Tile[] {
	const points = project(capitals);
	const xs = points.map((p) => p.x);
	const ys = points.map((p) => p.y);
	const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
	// An axis along which every capital lies on one line does not limit the scale.
	const fit = (cells: number, extent: number) => (extent > 0 ? (cells - 1) / extent : Infinity);
	const scale = Math.min(fit(cols, x1 - x0), fit(rows, y1 - y0));
	if (!Number.isFinite(scale)) throw new Error('assignTiles needs two capitals apart');
	// Centred on the grid along the axis that does not fill it.
	const offX = (cols - 1 - (x1 - x0) * scale) / 2;
	const offY = (rows - 1 - (y1 - y0) * scale) / 2;
	const scaled = points.map((p) => ({ code: p.code, x: offX + (p.x - x0) * scale, y: offY + (p.y - y0) * scale }));
	const cells: { col: number; row: number }[] = [];
	for (let row = 0; row < rows; row++) for (let col = 0; col < cols; col++) cells.push({ col, row });
	const cost = scaled.map((p) => cells.map((c) => (c.col - p.x) ** 2 + (c.row - p.y) ** 2));
	return minCostAssignment(cost).map((cell, i) => ({ code: scaled[i]!.code, ...cells[cell]! }));
}

/** Distance between two capitals in projected degrees (only compared, never shown). */
function capitalDistance(a: Capital, b: Capital, k: number): number {
	return Math.hypot((a.lon - b.lon) * k, a.lat - b.lat);
}

/**
 * The neighbour pairs the layout should keep: each unit with its `k` nearest
 * capitals. Capitals stand for the units because no boundary file may be
 * shipped (issue 18); for a country one or two provinces wide, the nearest
 * capitals are the provinces next door.
 */
export function nearestPairs(capitals: Capital[], k: number): [string, string][] {
	const meanLat = capitals.reduce((s, c) => s + c.lat, 0) / capitals.length;
	const cos = Math.cos((meanLat * Math.PI) / 180);
	return capitals.flatMap((a) =>
		capitals
			.filter((b) => b.code !== a.code)
			.map((b) => ({ b, d: capitalDistance(a, b, cos) }))
			.sort((p, q) => p.d - q.d || p.b.code.localeCompare(q.b.code))
			.slice(0, k)
			.map(({ b }): [string, string] => [a.code, b.code])
	);
}

/** Tile distance counting a diagonal step as one (Chebyshev): 1 means the squares touch. */
export function tileDistance(a: Tile, b: Tile): number {
	return Math.max(Math.abs(a.col - b.col), Math.abs(a.row - b.row));
}

/** For each pair, the tile distance between the two units' squares. */
export function neighbourReach(tiles: Tile[], pairs: [string, string][]): number[] {
	const at = new Map(tiles.map((t) => [t.code, t]));
	return pairs.map(([a, b]) => {
		const ta = at.get(a);
		const tb = at.get(b);
		if (!ta || !tb) throw new Error(`no tile for ${ta ? b : a}`);
		return tileDistance(ta, tb);
	});
}

/**
 * What is wrong with a layout for a cohort: units missing, placed twice, not
 * in the cohort, or two units on one square. Empty when the layout is sound.
 */
export function layoutProblems(tiles: Tile[], cohort: string[]): string[] {
	const problems: string[] = [];
	const wanted = new Set(cohort);
	const seen = new Map<string, number>();
	const cells = new Map<string, string>();
	for (const t of tiles) {
		seen.set(t.code, (seen.get(t.code) ?? 0) + 1);
		if (!wanted.has(t.code)) problems.push(`${t.code}: not in the cohort`);
		if (!Number.isInteger(t.col) || !Number.isInteger(t.row) || t.col < 0 || t.row < 0) {
			problems.push(`${t.code}: square ${t.col},${t.row} is not on the grid`);
		}
		const key = `${t.col},${t.row}`;
		const other = cells.get(key);
		if (other) problems.push(`${t.code} and ${other} share square ${key}`);
		else cells.set(key, t.code);
	}
	for (const [code, count] of seen) if (count > 1) problems.push(`${code}: placed ${count} times`);
	for (const code of cohort) if (!seen.has(code)) problems.push(`${code}: missing`);
	return problems;
}

/**
 * The layout to draw for a year's units: the first whose codes include every
 * one of them (the 63 before July 2025, the 34 after); null when none does,
 * e.g. for ministries, which have no map.
 */
export function layoutFor<L extends { tiles: Tile[] }>(layouts: L[], codes: string[]): L | null {
	if (codes.length === 0) return null;
	return layouts.find((l) => {
		const have = new Set(l.tiles.map((t) => t.code));
		return codes.every((c) => have.has(c));
	}) ?? null;
}
