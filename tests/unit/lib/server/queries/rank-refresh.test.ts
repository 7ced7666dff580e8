// The materialised ranks (migration 7) after import, replace and undo equal
// what the rank rule gives, worked out by hand, and equal a refresh from
// scratch; an import recomputes only the partitions it touched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase, writeTempFile } from '../../../../helpers/temp-db.ts';
import { closeDatabase, database, databaseOptions, query, queryCamel, transaction } from '../../../../../src/lib/server/db.ts';
import { ensureDatabase } from '../../../../../src/lib/server/setup.ts';
import { importFile } from '../../../../../src/lib/server/import/pipeline.ts';
import { undoBatch } from '../../../../../src/lib/server/import/batches.ts';
import { rankedObservations, rankingTable, unitSeries } from '../../../../../src/lib/server/queries/ranks.ts';
import { refreshAllRanks } from '../../../../../src/lib/server/queries/rank-refresh.ts';
import { coveredYears } from '../../../../../src/lib/server/queries/dashboard.ts';
import { actor } from '../../../../helpers/actor.ts';

const HEADER = 'index,year,unit,component,score,rank,rank_of,value_type,source,note';
let codes: string[] = [];

const load = (name: string, lines: string[], replace = false) =>
	importFile({ file: writeTempFile(name, [HEADER, ...lines].join('\n')), importedBy: 'test', replace });

/** Every stored figure with its rank, as readers see it, in a fixed order. */
async function everyRank() {
	const ranked = rankedObservations({});
	return queryCamel<Record<string, unknown>>(
		`SELECT index_id, year, unit_code, component_id, score, rank, n, rank_source, percentile, previous_rank, rank_change
		   FROM ${ranked.sql} r ORDER BY ALL`,
		ranked.params
	);
}

/** What a refresh from scratch gives on the same figures (rolled back afterwards). */
async function fromScratch() {
	let rows: Record<string, unknown>[] = [];
	const rollback = new Error('rollback');
	await transaction(async (connection) => {
		await refreshAllRanks(connection);
		const ranked = rankedObservations({});
		const reader = await connection.runAndReadAll(
			`SELECT index_id, year, unit_code, component_id, score, rank, n, rank_source, percentile, previous_rank, rank_change
			   FROM ${ranked.sql} r ORDER BY ALL`,
			ranked.params
		);
		rows = reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v])));
		throw rollback;
	}).catch((e) => {
		if (e !== rollback) throw e;
	});
	return rows;
}

/** The partitions' figures (no ids), as stored and as a refresh from scratch gives them (rolled back). */
async function partitionsNowAndFromScratch() {
	const sql = `SELECT index_id, year, component_id, cohort, cohort_units, scored_units, covered, published_n, median, min, max, batch_ids
	               FROM ranking_partitions ORDER BY ALL`;
	const now = await query(sql);
	let scratch: Record<string, unknown>[] = [];
	const rollback = new Error('rollback');
	await transaction(async (connection) => {
		await refreshAllRanks(connection);
		scratch = (await connection.runAndReadAll(sql)).getRowObjectsJS();
		throw rollback;
	}).catch((e) => {
		if (e !== rollback) throw e;
	});
	return { now, scratch };
}

const partitionIds = async () =>
	new Map((await query<{ key: string; pid: number }>("SELECT index_id || ' ' || year || ' ' || component_id AS key, pid FROM ranking_partitions")).map((r) => [r.key, r.pid]));

const rankOf = async (indexId: string, year: number, k: number) => (await rankingTable(indexId, year)).find((r) => r.unitCode === codes[k])!;

beforeAll(async () => {
	useTempDatabase('rank-refresh');
	await ensureDatabase({ empty: true });
	codes = (await query<{ code: string }>('SELECT code FROM units WHERE valid_from IS NULL ORDER BY code')).map((u) => u.code);
	// PAPI 2016: unit k scores 50 − k/2, except unit 2, which ties unit 1 at 49.5: ranks 1, 2, 2, 4, …, 63.
	await load('synthetic-papi-2016.csv', codes.map((c, k) => `PAPI,2016,${c},,${k === 2 ? 49.5 : 50 - k / 2},,,,,`));
});
afterAll(closeDatabase);

describe('materialised ranks', () => {
	it('ranks ties 1, 2, 2, 4 with n and percentile, as the rule says', async () => {
		const ranks = await Promise.all([0, 1, 2, 3, 62].map(async (k) => (await rankOf('PAPI', 2016, k)).rank));
		expect(ranks).toEqual([1, 2, 2, 4, 63]);
		expect(await rankOf('PAPI', 2016, 3)).toMatchObject({ n: 63, rankSource: 'computed', percentile: 0.0484 });
		expect(await everyRank()).toEqual(await fromScratch());
	});

	it('leaves a table below 90 % coverage unranked (56 of 63 is 88.9 %)', async () => {
		await load('synthetic-pci-2016.csv', codes.slice(0, 56).map((c, k) => `PCI,2016,${c},,${60 - k / 4},,,,,`));
		const table = await rankingTable('PCI', 2016);
		expect(table).toHaveLength(56);
		expect(table.every((r) => r.rank === null && r.n === null)).toBe(true);
		expect((await coveredYears('PCI', 'total', 'provinces')).get(2016)).toBe(false);
		expect(await everyRank()).toEqual(await fromScratch());
	});

	it('recomputes only the partitions an import touched; the next year’s change follows from the two years’ ranks', async () => {
		const before = await partitionIds();
		// PAPI 2017: scores reversed, so unit 0 goes from 1st to 63rd.
		await load('synthetic-papi-2017.csv', codes.map((c, k) => `PAPI,2017,${c},,${10 + k / 2},,,,,`));
		const after = await partitionIds();
		expect(after.get('PAPI 2016 total')).toBe(before.get('PAPI 2016 total'));
		expect(after.get('PCI 2016 total')).toBe(before.get('PCI 2016 total'));
		expect(after.has('PAPI 2017 total')).toBe(true);
		expect(await rankOf('PAPI', 2017, 0)).toMatchObject({ rank: 63, previousRank: 1, rankChange: -62 });
		expect(await everyRank()).toEqual(await fromScratch());
	});

	it('a first import into years with nothing stored lists its batch alone, as a refresh from scratch does', async () => {
		const { now, scratch } = await partitionsNowAndFromScratch();
		expect(now.length).toBeGreaterThan(0);
		expect(now).toEqual(scratch);
	});

	it('a bulk import ranked by its staged ids stores what a refresh from scratch stores: ties, a missing score, medians', async () => {
		// PCI 2018 total: unit 0 scores 70, units 1 and 2 tie at 65, unit 3 has no
		// score but a published rank of 5, unit 4 scores 60, unit k ≥ 5 scores
		// 50 − (k − 5)/4. Computed ranks 1, 2, 2, –, 4, 5, 6, …: unit k ≥ 4 is k-th.
		// 62 scores of 63 units (98 %): covered, n = 62. Median: the 31st and 32nd
		// scores from the top, 50 − 26/4 = 43.5 and 50 − 27/4 = 43.25, so 43.375.
		// pci_s1: 6 points where k mod 3 ≠ 0 (42 units share rank 1), else 5 (rank 43).
		const total = (k: number) => (k === 0 ? '70' : k <= 2 ? '65' : k === 3 ? '' : k === 4 ? '60' : String(50 - (k - 5) / 4));
		await load('synthetic-pci-2018.csv', [
			...codes.map((c, k) => `PCI,2018,${c},total,${total(k)},${k === 3 ? 5 : ''},,,,`),
			...codes.map((c, k) => `PCI,2018,${c},pci_s1,${k % 3 === 0 ? 5 : 6},,,,,`)
		]);
		const stored = (table: string) => `SELECT ru.code AS unit_code, p.component_id, f.score, f.published_rank, f.computed_rank, f.rank, f.n,
		        f.batch_id, t.value_type, t.source, t.note
		   FROM ${table} f JOIN ranked_units ru USING (uid) JOIN ranking_partitions p USING (pid) JOIN ranked_texts t USING (tid)
		  WHERE p.index_id = 'PCI' AND p.year = 2018 ORDER BY ALL`;
		const figures = await query(stored('ranked_figures'));
		const totals = await query(stored('ranked_totals'));
		const rankOfUnit = (k: number, component = 'total') => figures.find((f) => f.unit_code === codes[k] && f.component_id === component)!;
		expect([0, 1, 2, 3, 4, 5, 62].map((k) => [rankOfUnit(k).computed_rank, rankOfUnit(k).rank, rankOfUnit(k).n])).toEqual([
			[1, 1, 62], [2, 2, 62], [2, 2, 62], [null, 5, 62], [4, 4, 62], [5, 5, 62], [62, 62, 62]
		]);
		expect([1, 2, 3].map((k) => rankOfUnit(k, 'pci_s1').rank)).toEqual([1, 1, 43]);
		expect(totals).toEqual(figures.filter((f) => f.component_id === 'total'));
		const [partition] = await query("SELECT median, min, max, scored_units FROM ranking_partitions WHERE index_id = 'PCI' AND year = 2018 AND component_id = 'total'");
		expect(partition).toEqual({ median: 43.375, min: 35.75, max: 70, scored_units: 62 });

		let scratch: Record<string, unknown>[][] = [];
		const rollback = new Error('rollback');
		await transaction(async (connection) => {
			await refreshAllRanks(connection);
			scratch = await Promise.all(['ranked_figures', 'ranked_totals'].map(async (t) => (await connection.runAndReadAll(stored(t))).getRowObjectsJS()));
			throw rollback;
		}).catch((e) => {
			if (e !== rollback) throw e;
		});
		expect([figures, totals]).toEqual(scratch);
		expect(await everyRank()).toEqual(await fromScratch());
	});

	it('gives no rank change across a gap year (2019 after 2017, no 2018)', async () => {
		await load('synthetic-papi-2019.csv', codes.map((c, k) => `PAPI,2019,${c},,${30 + k / 4},,,,,`));
		expect(await rankOf('PAPI', 2019, 62)).toMatchObject({ rank: 1, previousRank: null, rankChange: null });
		const series = (await unitSeries(codes[62], 'PAPI')).filter((f) => f.componentId === 'total');
		expect(series.map((f) => [f.year, f.rank, f.rankChange])).toEqual([[2016, 63, null], [2017, 1, 62], [2019, 1, null]]);
	});

	it('follows a replaced score and its undo, in the year and the year after', async () => {
		// Unit 62 jumps from last to first in 2016: 2016 ranks move, and so does 2017's change.
		const replacing = await load('synthetic-papi-2016-fix.csv', [`PAPI,2016,${codes[62]},,60,,,,,`], true);
		expect(await rankOf('PAPI', 2016, 62)).toMatchObject({ rank: 1 });
		expect(await rankOf('PAPI', 2016, 0)).toMatchObject({ rank: 2 });
		expect(await rankOf('PAPI', 2017, 62)).toMatchObject({ rank: 1, previousRank: 1, rankChange: 0 });
		expect(await everyRank()).toEqual(await fromScratch());

		await undoBatch(replacing.batchId!, actor('lan'));
		expect(await rankOf('PAPI', 2016, 62)).toMatchObject({ rank: 63 });
		expect(await rankOf('PAPI', 2017, 62)).toMatchObject({ rank: 1, previousRank: 63, rankChange: 62 });
		expect(await everyRank()).toEqual(await fromScratch());
	});

	it('undoing a whole year removes its ranks', async () => {
		const [{ id }] = await query<{ id: number }>("SELECT id FROM import_batches WHERE file_name = 'synthetic-papi-2019.csv'");
		await undoBatch(id, actor('lan'));
		expect(await rankingTable('PAPI', 2019)).toEqual([]);
		expect((await partitionIds()).has('PAPI 2019 total')).toBe(false);
		expect(await everyRank()).toEqual(await fromScratch());
	});

	it('fills the tables of a database built before them when it is next opened (migrations 7 and 8)', async () => {
		const expected = await everyRank();
		await query(
			'DROP TABLE ranked_figures; DROP TABLE ranked_totals; DROP TABLE ranked_units; DROP TABLE ranking_partitions; DROP TABLE ranked_texts; DELETE FROM schema_migrations WHERE version IN (7, 8)'
		);
		await closeDatabase();
		await database();
		expect(await everyRank()).toEqual(expected);
	});
});

describe('databaseOptions', () => {
	it('caps DuckDB’s memory by default and takes threads and memory from the environment', () => {
		expect(databaseOptions({})).toEqual({ memory_limit: '320MB' });
		expect(databaseOptions({ CHISO_MEMORY_LIMIT: '1GB', CHISO_THREADS: '2' })).toEqual({ memory_limit: '1GB', threads: '2' });
		expect(() => databaseOptions({ CHISO_THREADS: 'many' })).toThrow(/CHISO_THREADS/);
	});
});
