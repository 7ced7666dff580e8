/**
 * A page reads one state (issue 19): what it takes from the memos and what
 * its queries read come from the same commit, whenever a writer commits.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, exclusiveTransaction, memoised, memoisedPage, PAGE_MEMO_LIMIT, pageBuildsAtOnce, query, queryCamel, readSnapshot, transaction, withConnection } from '../../../../src/lib/server/db.ts';
import { useTempDatabase } from '../../../helpers/temp-db.ts';
import { createProbe, readProbe, writeProbe } from '../../../helpers/probe.ts';

let loads = 0;
const memoValue = () =>
	memoised('probe', () => {
		loads++;
		return readProbe();
	});


/** Resolves once a connection outside any snapshot reads `v`: the writer's COMMIT has taken effect. */
async function committed(v: number): Promise<void> {
	while ((await withConnection((c) => c.runAndReadAll('SELECT max(v)::INTEGER AS v FROM probe'))).getRowObjectsJS()[0].v !== v) {
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

beforeAll(async () => {
	useTempDatabase('db');
	await createProbe();
});

afterEach(() => {
	delete process.env.CHISO_TEST_COMMIT_PAUSE_MS;
});

afterAll(closeDatabase);

describe('query and queryCamel', () => {
	it('keys rows by column name, or in camelCase with queryCamel, values unchanged', async () => {
		const sql = `SELECT * FROM (VALUES (1, 'Kon Tum', NULL::VARCHAR), (2, 'Gia Lai', 'x')) t(unit_id, name_vi, note_2) ORDER BY unit_id`;
		expect(await query(sql)).toEqual([
			{ unit_id: 1, name_vi: 'Kon Tum', note_2: null },
			{ unit_id: 2, name_vi: 'Gia Lai', note_2: 'x' }
		]);
		expect(await queryCamel(sql)).toEqual([
			{ unitId: 1, nameVi: 'Kon Tum', note2: null },
			{ unitId: 2, nameVi: 'Gia Lai', note2: 'x' }
		]);
	});
});

describe('readSnapshot and memoised', () => {
	it('keeps a memo between snapshots while nothing commits', async () => {
		await writeProbe(10);
		loads = 0;
		expect(await readSnapshot(memoValue)).toBe(10);
		expect(await readSnapshot(memoValue)).toBe(10);
		expect(loads).toBe(1);
	});

	it('a commit after BEGIN but before the first query is not seen beside the memo of the state before it', async () => {
		await writeProbe(20);
		expect(await readSnapshot(memoValue)).toBe(20);
		const seen = await readSnapshot(async () => {
			const memo = await memoValue();
			// DuckDB takes a transaction's snapshot at its first read of the
			// database, not at BEGIN: a commit here used to land in the page.
			await writeProbe(21);
			return { memo, read: await readProbe() };
		});
		expect(seen).toEqual({ memo: 20, read: 20 });
		expect(await readSnapshot(memoValue)).toBe(21);
	});

	it('a snapshot begun between a COMMIT and its bookkeeping keeps no memo of the state before it', async () => {
		await writeProbe(30);
		expect(await readSnapshot(memoValue)).toBe(30);
		process.env.CHISO_TEST_COMMIT_PAUSE_MS = '1500';
		const writer = writeProbe(31);
		await committed(31);
		const seen = await readSnapshot(async () => ({ memo: await memoValue(), read: await readProbe() }));
		await writer;
		expect(seen).toEqual({ memo: 31, read: 31 });
	});

	it('a snapshot begun during a commit keeps nothing it loaded once the commit ends', async () => {
		await writeProbe(40);
		process.env.CHISO_TEST_COMMIT_PAUSE_MS = '1500';
		const writer = writeProbe(41);
		await committed(41);
		expect(await readSnapshot(memoValue)).toBe(41);
		await writer;
		loads = 0;
		expect(await readSnapshot(memoValue)).toBe(41);
		expect(loads).toBe(1);
	});

	it('a rolled-back writer leaves the memos as they were', async () => {
		await writeProbe(50);
		expect(await readSnapshot(memoValue)).toBe(50);
		await expect(
			transaction(async (c) => {
				await c.run('UPDATE probe SET v = 51');
				throw new Error('refused');
			})
		).rejects.toThrow('refused');
		loads = 0;
		expect(await readSnapshot(memoValue)).toBe(50);
		expect(loads).toBe(0);
	});

	it('a scan never sees rows of two states while a writer commits a large replace', async () => {
		// DuckDB 1.5.6 applies a large COMMIT while other connections scan; without
		// the commit gate, 41 and 57 reads of a run here saw 40 rows from two batches.
		const units = 10_000;
		const fill = (batch: number) => `INSERT INTO big SELECT i % 20, i // 20, ${batch} FROM range(${units * 20}) t(i) ORDER BY 2, 1`;
		await transaction(async (c) => {
			await c.run('CREATE TABLE big (pid INTEGER, uid INTEGER, batch INTEGER)');
			await c.run(fill(1));
		});
		let writing = true;
		const torn: string[] = [];
		let reads = 0;
		const reader = async () => {
			while (writing) {
				const [seen] = await readSnapshot(() =>
					query<{ n: number; batches: number }>('SELECT count(*)::INTEGER AS n, count(DISTINCT batch)::INTEGER AS batches FROM big WHERE uid = 7')
				);
				reads++;
				if (seen.n !== 20 || seen.batches !== 1) torn.push(`${seen.n} rows from ${seen.batches} batches`);
			}
		};
		const readers = Array.from({ length: 16 }, reader);
		for (let batch = 2; batch <= 8; batch++) {
			await transaction(async (c) => {
				await c.run('DELETE FROM big');
				await c.run(fill(batch));
			});
		}
		writing = false;
		await Promise.all(readers);
		expect(reads).toBeGreaterThan(0);
		expect(torn).toEqual([]);
	});
});

describe('exclusiveTransaction (a restore on the running server)', () => {
	it('begins once the write transactions in flight have ended, and a write begun meanwhile waits until it has committed', async () => {
		const events: string[] = [];
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const first = transaction(async (c) => {
			events.push('first begins');
			await held;
			await c.run('UPDATE probe SET v = 10');
			events.push('first ends');
		});
		// Let the first writer reach its BEGIN before the exclusive one is asked for.
		while (!events.includes('first begins')) await new Promise((resolve) => setTimeout(resolve, 5));
		const exclusive = exclusiveTransaction(async (c) => {
			events.push('exclusive begins');
			const [{ v }] = (await c.runAndReadAll('SELECT max(v)::INTEGER AS v FROM probe')).getRowObjectsJS();
			await c.run('UPDATE probe SET v = 20');
			events.push(`exclusive read ${v}`);
		});
		const later = transaction(async (c) => {
			events.push('later begins');
			await c.run('UPDATE probe SET v = v + 1');
		});
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(events).toEqual(['first begins']);
		release();
		await Promise.all([first, exclusive, later]);
		expect(events).toEqual(['first begins', 'first ends', 'exclusive begins', 'exclusive read 10', 'later begins']);
		expect(await readProbe()).toBe(21);
	});
});

describe('memoisedPage', () => {
	const pageLoads: string[] = [];
	const page = (key: string) =>
		memoisedPage(key, async () => {
			pageLoads.push(key);
			return readProbe();
		});

	it('keeps a page until a commit, then reads the new state', async () => {
		await writeProbe(20);
		pageLoads.length = 0;
		expect(await readSnapshot(() => page('a'))).toBe(20);
		expect(await readSnapshot(() => page('a'))).toBe(20);
		await writeProbe(21);
		expect(await readSnapshot(() => page('a'))).toBe(21);
		expect(pageLoads).toEqual(['a', 'a']);
	});

	it(`keeps only the ${PAGE_MEMO_LIMIT} most recently used pages, dropping the least recently used first`, async () => {
		await writeProbe(22);
		pageLoads.length = 0;
		await readSnapshot(async () => {
			for (let i = 0; i < PAGE_MEMO_LIMIT; i++) await page(`p${i}`);
			// p0 used again: p1 is now the oldest, and the next new page pushes it out.
			await page('p0');
			await page('new');
			await page('p0');
			await page('p2');
			await page('p1');
		});
		expect(pageLoads.length).toBe(PAGE_MEMO_LIMIT + 2);
		expect(pageLoads.slice(-2)).toEqual(['new', 'p1']);
	});

	it('builds at most 4 pages at once; the others wait their turn, and a page asked for inside a build does not wait', async () => {
		await writeProbe(23);
		let running = 0;
		let most = 0;
		const slow = (key: string, inner?: string) =>
			memoisedPage(key, async () => {
				running++;
				most = Math.max(most, running);
				await new Promise((resolve) => setTimeout(resolve, 5));
				// With every turn taken, a nested page waiting for one would never be built.
				const nested = inner ? await memoisedPage(inner, async () => 'inner') : '';
				running--;
				return key + nested;
			});
		const keys = Array.from({ length: 10 }, (_, i) => `turn${i}`);
		const built = await Promise.all(keys.map((key) => readSnapshot(() => slow(key, `${key}-inner`))));
		expect(built).toEqual(keys.map((key) => `${key}inner`));
		expect(most).toBe(4);
	});
});

describe('pageBuildsAtOnce (CHISO_PAGE_BUILDS)', () => {
	it('is 4 unless the environment says otherwise, and refuses what is not a whole number', () => {
		expect(pageBuildsAtOnce({})).toBe(4);
		expect(pageBuildsAtOnce({ CHISO_PAGE_BUILDS: '8' })).toBe(8);
		expect(() => pageBuildsAtOnce({ CHISO_PAGE_BUILDS: '0' })).toThrow(/CHISO_PAGE_BUILDS/);
		expect(() => pageBuildsAtOnce({ CHISO_PAGE_BUILDS: 'many' })).toThrow(/CHISO_PAGE_BUILDS/);
	});
});
